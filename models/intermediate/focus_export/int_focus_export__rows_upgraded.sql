{#-
    Native FOCUS export rows brought to the FOCUS version this project builds: every column added
    after the file's version is filled by the conversions listed in
    macros/focus_export/focus_version_conversions.sql. Also checks each row: `quarantine_reason`
    names why a row cannot reach FOCUS (a key value that did not cast, no billing period, no
    BilledCost, an unknown currency or ChargeCategory), null for a good row.
    The conversions' expressions read the columns unqualified, so they are applied in a CTE that
    reads one relation (`converted`) and the checks that join seeds come after (`upgraded`).
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

aws_services as (

    select * from {{ ref('map_aws__services') }}

),

services as (

    select * from {{ ref('map_focus_export__services') }}

),

aws_units as (

    select * from {{ ref('map_aws__pricing_units') }}

),

units as (

    select * from {{ ref('map_focus_export__units') }}

),

mapped as (

    select
        rows_unioned.*,
        case
            when rows_unioned.provider = 'aws'
                and aws_services.service_category = rows_unioned.service_category
                then aws_services.service_subcategory
            when services.service_category = rows_unioned.service_category
                then services.service_subcategory
        end as mapped_service_subcategory,
        coalesce(aws_pricing_units.focus_unit, pricing_units.focus_unit) as mapped_pricing_unit,
        coalesce(aws_consumed_units.focus_unit, consumed_units.focus_unit) as mapped_consumed_unit

    from rows_unioned

    left join aws_services
        on rows_unioned.provider = 'aws'
            and rows_unioned.service_code = aws_services.service_code

    left join services
        on rows_unioned.provider = services.provider
            and rows_unioned.service_name = services.service_name

    left join aws_units as aws_pricing_units
        on rows_unioned.provider = 'aws'
            and rows_unioned.pricing_unit = aws_pricing_units.aws_unit

    left join units as pricing_units
        on rows_unioned.provider = pricing_units.provider
            and rows_unioned.pricing_unit = pricing_units.provider_unit

    left join aws_units as aws_consumed_units
        on rows_unioned.provider = 'aws'
            and rows_unioned.consumed_unit = aws_consumed_units.aws_unit

    left join units as consumed_units
        on rows_unioned.provider = consumed_units.provider
            and rows_unioned.consumed_unit = consumed_units.provider_unit

),

charge_categories as (

    select * from {{ ref('focus_enumerations') }}
    where version = '{{ var("focus_version") }}' and column_id = 'ChargeCategory'

),

converted as (

    select
        {% for name, kind in focus_export_staging_columns() if name != 'cast_failures' -%}
            {%- if name in conversions -%}
                {%- set conversion = conversions[name] -%}
                {%- if conversion.get('replaces_delivered') -%}
                    {%- set converted = conversion.expression -%}
                {%- else -%}
                    {%- set converted =
                        'coalesce(mapped.' ~ name ~ ', ' ~ conversion.expression ~ ')' -%}
                {%- endif -%}
                case
                    when mapped.source_version_number < {{ conversion.introduced_in }}
                        then {{ converted }}
                    else mapped.{{ name }}
                end as {{ name }},
            {%- else -%}
                mapped.{{ name }},
            {%- endif %}
        {% endfor -%}
        mapped.cast_failures,
        mapped.line_item_id,
        mapped.time_interval,
        mapped.mapped_service_subcategory,
        mapped.mapped_pricing_unit,
        mapped.mapped_consumed_unit

    from mapped

),

upgraded as (

    select
        converted.*,
        case
            when converted.cast_failures is not null
                then 'value did not cast: ' || converted.cast_failures
            when converted.billing_period_start_at is null then 'no BillingPeriodStart'
            when converted.charge_period_start_at is null then 'no ChargePeriodStart'
            when converted.billed_cost is null then 'no BilledCost'
            when currencies.currency_code is null
                then 'unknown BillingCurrency: ' || coalesce(converted.billing_currency, 'null')
            when charge_categories.value is null
                then 'unknown ChargeCategory: ' || coalesce(converted.charge_category, 'null')
        end as quarantine_reason

    from converted

    left join currencies
        on converted.billing_currency = currencies.currency_code

    left join charge_categories
        on converted.charge_category = charge_categories.value

)

select * from upgraded
