{#- Reads one top-level key of a JSON object held as text (Tags, SkuPriceDetails) as text. -#}
{% macro get_json_text(json_column, key) %}
    {{ return(adapter.dispatch('get_json_text', 'finops_focus')(json_column, key)) }}
{% endmacro %}

{# DuckDB: json_extract_string; the key is quoted in the path so keys with / or . read as one. #}
{% macro default__get_json_text(json_column, key) -%}
    json_extract_string({{ json_column }}, '$."{{ key }}"')
{%- endmacro %}

{# BigQuery: JSON_VALUE reads a scalar from JSON text, with the same quoted-key path syntax. #}
{% macro bigquery__get_json_text(json_column, key) -%}
    json_value({{ json_column }}, '$."{{ key }}"')
{%- endmacro %}
