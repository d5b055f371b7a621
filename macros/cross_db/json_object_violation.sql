{#-
    Why a text value is not a FOCUS Key-Value object (a JSON object whose values are strings,
    numbers, booleans or null, with unique keys), or null when it is one (or is null).
-#}
{% macro json_object_violation(expression) %}
    {{ return(adapter.dispatch('json_object_violation', 'finops_focus')(expression)) }}
{% endmacro %}

{# DuckDB evaluates every CASE branch on every row, so each JSON call is wrapped in try(). #}
{% macro default__json_object_violation(expression) -%}
    case
        when {{ expression }} is null then null
        when not json_valid({{ expression }}) then 'not valid JSON'
        when try(json_type({{ expression }})) <> 'OBJECT' then 'not a JSON object'
        when try(len(json_keys({{ expression }})) <> len(list_distinct(json_keys({{ expression }}))))
            then 'duplicate keys'
        when try(list_has_any(
            list_transform(
                map_values(cast(cast({{ expression }} as json) as map(varchar, json))),
                entry_value -> json_type(entry_value)
            ),
            ['OBJECT', 'ARRAY']
        )) then 'a value is a nested object or array'
    end
{%- endmacro %}

{# BigQuery: SAFE.PARSE_JSON returns null for invalid text; JSON_KEYS lists the top-level keys. #}
{% macro bigquery__json_object_violation(expression) -%}
    case
        when {{ expression }} is null then null
        when safe.parse_json({{ expression }}) is null then 'not valid JSON'
        when json_type(safe.parse_json({{ expression }})) <> 'object' then 'not a JSON object'
        when exists(
            select 1
            from unnest(json_keys(safe.parse_json({{ expression }}), 1)) as json_key
            where json_type(safe.parse_json({{ expression }})[json_key]) in ('object', 'array')
        ) then 'a value is a nested object or array'
    end
{%- endmacro %}
