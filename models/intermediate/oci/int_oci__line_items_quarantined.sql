{#-
    The OCI report rows that do not reach FOCUS, each with the reason: a value that did not cast, a
    key column left empty, or an earlier copy of a line delivered again (DECISIONLOG D-370). Their
    costs are kept as delivered (`unblended_cost` is the row's BilledCost or cost/myCost), so per
    billing period raw = FOCUS + quarantined to the cent.
    Same 13 columns, in the same order, as int_aws__line_items_quarantined.
    One row per quarantined raw row.
-#}
{{ config(enabled=var('oci_enabled', false)) }}
{%- set shapes = [] -%}
{%- if var('oci_focus_report_enabled', true) -%}
    {%- do shapes.append('int_oci__focus_report_mapped') -%}
{%- endif -%}
{%- if var('oci_cost_report_enabled', false) -%}
    {%- do shapes.append('int_oci__cost_report_mapped') -%}
{%- endif -%}

with

{% for shape in shapes %}
    {{ shape }} as (

        select
            provider,
            source_system,
            source_file,
            line_item_id,
            time_interval,
            line_item_type,
            billing_period_start_at,
            charge_period_start_at as usage_start_at,
            billing_currency as currency_code,
            billed_cost as unblended_cost,
            cast_failures,
            is_duplicate,
            coalesce(
                quarantine_reason,
                'duplicate delivery: the line was read from another report file'
            ) as quarantine_reason
        from {{ ref(shape) }}
        where quarantine_reason is not null or is_duplicate

    ),

{% endfor %}
unioned as (

    {% for shape in shapes %}
        select * from {{ shape }}
        {% if not loop.last %}union all{% endif %}
    {% endfor %}

)

select * from unioned
