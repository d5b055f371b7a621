{#-
    Every OCI correction names the row it corrects (oci_BackReferenceNumber in the FOCUS report,
    lineItem/backreferenceNo in the cost report), and that row was delivered in the same report
    shape. A correction whose corrected row is missing is still billed (its cost is real), but
    the report window is incomplete: warn with the correction's reference.
-#}
{{ config(enabled=var('oci_enabled', false), severity='warn') }}
{%- set checks = [] -%}
{%- if var('oci_focus_report_enabled', true) -%}
    {%- do checks.append(ref('stg_oci__focus_report_line_items')) -%}
{%- endif -%}
{%- if var('oci_cost_report_enabled', false) -%}
    {%- do checks.append(ref('stg_oci__cost_report_line_items')) -%}
{%- endif %}

with

{% for relation in checks %}
    unmatched_{{ loop.index }} as (

        select
            corrections.line_item_id,
            corrections.back_reference_id,
            corrections.source_file
        from {{ relation }} as corrections
        left join {{ relation }} as corrected
            on corrections.back_reference_id = corrected.line_item_id
        where corrections.back_reference_id is not null
            and corrected.line_item_id is null

    ),

{% endfor %}
unioned as (

    {% for relation in checks %}
        select * from unmatched_{{ loop.index }}
        {% if not loop.last %}union all{% endif %}
    {% endfor %}

)

select * from unioned
