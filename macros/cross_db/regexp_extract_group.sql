{#-
    The first capturing group of a regular expression (RE2 syntax, which both engines use) in a
    text, or null when the text does not match.
-#}
{% macro regexp_extract_group(expression, pattern) %}
    {{ return(adapter.dispatch('regexp_extract_group', 'finops_focus')(expression, pattern)) }}
{% endmacro %}

{# DuckDB: regexp_extract returns '' when there is no match; the group number is an argument. #}
{% macro default__regexp_extract_group(expression, pattern) -%}
    nullif(regexp_extract({{ expression }}, '{{ pattern }}', 1), '')
{%- endmacro %}

{# BigQuery: REGEXP_EXTRACT returns the one capturing group, or null when there is no match. #}
{% macro bigquery__regexp_extract_group(expression, pattern) -%}
    nullif(regexp_extract({{ expression }}, r'{{ pattern }}'), '')
{%- endmacro %}
