{#- Whole days from one date to another (end − start), as an integer. -#}
{% macro days_between(start_date, end_date) %}
    {{ return(adapter.dispatch('days_between', 'finops_focus')(start_date, end_date)) }}
{% endmacro %}

{# DuckDB: date_diff(part, start, end). dbt.datediff casts both sides to timestamps first. #}
{% macro default__days_between(start_date, end_date) -%}
    date_diff('day', {{ start_date }}, {{ end_date }})
{%- endmacro %}

{# BigQuery: DATE_DIFF(end, start, DAY), the arguments the other way round. #}
{% macro bigquery__days_between(start_date, end_date) -%}
    date_diff({{ end_date }}, {{ start_date }}, day)
{%- endmacro %}
