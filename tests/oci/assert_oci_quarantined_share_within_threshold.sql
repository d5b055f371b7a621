{#-
    Fails when the OCI rows quarantined pass var focus_quarantine_max_share of the raw rows of the
    enabled report shapes, by count or by absolute cost. Returns the shares when over.
-#}
{{ config(enabled=var('oci_enabled', false)) }}
{%- set raw_queries = [] -%}
{%- if var('oci_focus_report_enabled', true) -%}
    {%- do raw_queries.append(
        "select billed_cost as raw_cost from " ~ ref('stg_oci__focus_report_line_items')
    ) -%}
{%- endif -%}
{%- if var('oci_cost_report_enabled', false) -%}
    {%- do raw_queries.append(
        "select my_cost as raw_cost from " ~ ref('stg_oci__cost_report_line_items')
    ) -%}
{%- endif -%}
{{ quarantined_share_over_threshold('oci', raw_queries | join(' union all ')) }}
