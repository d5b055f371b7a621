{#-
    Native FOCUS export rows brought to the FOCUS version this project builds: every column added
    after the file's version is filled by the conversions listed in
    macros/focus_export/focus_version_conversions.sql. Also checks each row: `quarantine_reason`
    names why a row cannot reach FOCUS (a key value that did not cast, no billing period, no
    BilledCost, an unknown currency or ChargeCategory), null for a good row.
    One row per row of the providers' files.
-#}
{%- set conversions = {} -%}
{%- for conversion in focus_version_conversions() -%}
    {%- do conversions.update({conversion.column: conversion}) -%}
{%- endfor %}

with

rows_unioned as (

    select * from {{ ref('int_focus_export__rows_unioned') }}

),

currencies as (

    select * from {{ ref('iso_4217_currencies') }}

),

charge_categories as (

    select * from {{ ref('focus_enumerations') }}
    where version = '{{ var("focus_version") }}' and column_id = 'ChargeCategory'

),

upgraded as (

    select
        {% for name, kind in focus_export_staging_columns() if name != 'cast_failures' -%}
            {%- if name in conversions -%}
                {%- set conversion = conversions[name] -%}
                case
                    when rows_unioned.source_version_number < {{ conversion.introduced_in }}
                        {% if conversion.get('replaces_delivered') -%}
                        then {{ conversion.expression }}
                        {%- else -%}
                        then coalesce(rows_unioned.{{ name }}, {{ conversion.expression }})
                        {%- endif %}
                    else rows_unioned.{{ name }}
                end as {{ name }},
            {%- else -%}
                rows_unioned.{{ name }},
            {%- endif %}
        {% endfor -%}
        rows_unioned.cast_failures,
        rows_unioned.line_item_id,
        rows_unioned.time_interval,
        case
            when rows_unioned.cast_failures is not null
                then 'value did not cast: ' || rows_unioned.cast_failures
            when rows_unioned.billing_period_start_at is null then 'no BillingPeriodStart'
            when rows_unioned.charge_period_start_at is null then 'no ChargePeriodStart'
            when rows_unioned.billed_cost is null then 'no BilledCost'
            when currencies.currency_code is null
                then 'unknown BillingCurrency: ' || coalesce(rows_unioned.billing_currency, 'null')
            when charge_categories.value is null
                then 'unknown ChargeCategory: ' || coalesce(rows_unioned.charge_category, 'null')
        end as quarantine_reason

    from rows_unioned

    left join currencies
        on rows_unioned.billing_currency = currencies.currency_code

    left join charge_categories
        on rows_unioned.charge_category = charge_categories.value

)

select * from upgraded
