{#- The first capture group of `pattern` in a text, or null when it does not match. -#}
{% macro regexp_first_group(expression, pattern) %}
    {{ return(adapter.dispatch('regexp_first_group', 'finops_focus')(expression, pattern)) }}
{% endmacro %}

{# DuckDB: regexp_extract returns '' on no match and wants the group number. #}
{% macro default__regexp_first_group(expression, pattern) -%}
    nullif(regexp_extract({{ expression }}, '{{ pattern }}', 1), '')
{%- endmacro %}

{# BigQuery: REGEXP_EXTRACT returns the only capture group, or null on no match. #}
{% macro bigquery__regexp_first_group(expression, pattern) -%}
    regexp_extract({{ expression }}, r'{{ pattern }}')
{%- endmacro %}
