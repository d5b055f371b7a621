{#- The Monday (ISO 8601 week start) of the week a date falls in, as a date. -#}
{% macro week_start(date_expression) %}
    {{ return(adapter.dispatch('week_start', 'finops_focus')(date_expression)) }}
{% endmacro %}

{# DuckDB: date_trunc('week') starts weeks on Monday. #}
{% macro default__week_start(date_expression) -%}
    cast(date_trunc('week', {{ date_expression }}) as date)
{%- endmacro %}

{#
    BigQuery: WEEK starts on Sunday; ISOWEEK starts on Monday. The cast is a no-op on BigQuery (a
    DATE stays a DATE) that keeps the offline proof's DuckDB translation a date too.
#}
{% macro bigquery__week_start(date_expression) -%}
    cast(date_trunc({{ date_expression }}, isoweek) as date)
{%- endmacro %}
