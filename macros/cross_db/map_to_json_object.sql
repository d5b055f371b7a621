{#-
    Serializes a provider map column as a JSON object text ({"key": "value", ...}) with keys in
    sorted order, dropping keys whose value is null or empty; an empty map gives null.
    Keys and values are kept exactly as delivered.
-#}
{% macro map_to_json_object(map_column) %}
    {{ return(adapter.dispatch('map_to_json_object', 'finops_focus')(map_column)) }}
{% endmacro %}

{# DuckDB: filter and sort the map's entries, rebuild the map and let to_json write the object. #}
{% macro default__map_to_json_object(map_column) -%}
    nullif(
        cast(to_json(map_from_entries(list_sort(list_filter(
            map_entries({{ map_column }}), entry -> coalesce(entry.value, '') <> ''
        )))) as varchar),
        '{}'
    )
{%- endmacro %}

{#
    BigQuery: the map is an array of key/value structs; STRING_AGG of TO_JSON_STRING pairs writes
    the object (JSON_OBJECT(keys, values) would too, but sqlglot cannot transpile that signature).
#}
{% macro bigquery__map_to_json_object(map_column) -%}
    (
        select
            if(
                count(*) = 0,
                null,
                '{' || string_agg(
                    to_json_string(entry.key) || ':' || to_json_string(entry.value),
                    ',' order by entry.key
                ) || '}'
            )
        from unnest({{ map_column }}) as entry
        where coalesce(entry.value, '') <> ''
    )
{%- endmacro %}
