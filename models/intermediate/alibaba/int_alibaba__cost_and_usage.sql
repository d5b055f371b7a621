{#-
    Alibaba Cloud rows in the provider interface's shape: the export's rows that passed their
    checks, upgraded and repaired (int_alibaba__line_items_mapped), a row delivered twice once
    (DECISIONLOG D-371). Each raw row kept is one FOCUS row: no merge, no created row. One row per
    FOCUS charge row.
-#}
{{ config(enabled=var('alibaba_enabled', false)) }}
{%- set columns = declared_columns(this.name) if execute else [] %}

with

mapped as (

    select
    {% for column in columns -%}
            {{ column }}
            {{- ',' if not loop.last }}
    {% endfor %}
    from {{ ref('int_alibaba__line_items_mapped') }}
    where quarantine_reason is null and not is_duplicate

)

select * from mapped
