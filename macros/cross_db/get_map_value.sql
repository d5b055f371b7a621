{#- Reads one key of a provider map column (CUR 2.0 `product`, `resource_tags`, ...). -#}
{% macro get_map_value(map_column, key) %}
    {{ return(adapter.dispatch('get_map_value', 'finops_focus')(map_column, key)) }}
{% endmacro %}

{# DuckDB reads Parquet maps as MAP(VARCHAR, VARCHAR); subscripting returns the value or null. #}
{% macro default__get_map_value(map_column, key) -%}
    {{ map_column }}['{{ key }}']
{%- endmacro %}

{#
    BigQuery loads Parquet maps as ARRAY<STRUCT<key STRING, value STRING>> (map_target_type
    ARRAY_OF_STRUCT). A map's keys are unique, so MAX picks the one value, or null without a LIMIT.
#}
{% macro bigquery__get_map_value(map_column, key) -%}
    (select max(entry.value) from unnest({{ map_column }}) as entry where entry.key = '{{ key }}')
{%- endmacro %}
