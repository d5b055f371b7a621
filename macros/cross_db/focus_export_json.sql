{#-
    Text and JSON helpers for native FOCUS exports (engine differences only). Used by the
    focus_export staging and repair models.
-#}

{#-
    Completes an ISO 8601 text that stops at minutes (`2025-01-01T00:00Z`, Microsoft's FOCUS 1.0
    export before its 1.0r2 release) with `:00` seconds, so the timestamp parser reads it; any
    other text is returned unchanged.
-#}
{% macro complete_iso_seconds(expression) %}
    {{ return(adapter.dispatch('complete_iso_seconds', 'finops_focus')(expression)) }}
{% endmacro %}

{# DuckDB: regexp_replace with a \1 back-reference. #}
{% macro default__complete_iso_seconds(expression) -%}
    regexp_replace({{ expression }}, 'T([0-9]{2}:[0-9]{2})(Z|[+-][0-9]{2}:?[0-9]{2})$', 'T\1:00\2')
{%- endmacro %}

{# BigQuery: the same, the back-reference escaped in a BigQuery string literal. #}
{% macro bigquery__complete_iso_seconds(expression) -%}
    regexp_replace({{ expression }}, r'T([0-9]{2}:[0-9]{2})(Z|[+-][0-9]{2}:?[0-9]{2})$', r'T\1:00\2')
{%- endmacro %}


{#- A value as a JSON text (a JSON string of its text form, or `null`), for x_Repairs. -#}
{% macro json_text(expression) %}
    {{ return(adapter.dispatch('json_text', 'finops_focus')(expression)) }}
{% endmacro %}

{# DuckDB: to_json of the text form; to_json(NULL) is NULL, so null is spelled out. #}
{% macro default__json_text(expression) -%}
    coalesce(cast(to_json(cast({{ expression }} as varchar)) as varchar), 'null')
{%- endmacro %}

{#
    BigQuery: TO_JSON_STRING writes null as `null` already; the coalesce keeps that true where the
    SQL is carried to an engine whose to_json gives NULL (the offline proof's DuckDB).
#}
{% macro bigquery__json_text(expression) -%}
    coalesce(to_json_string(cast({{ expression }} as string)), 'null')
{%- endmacro %}


{#- The non-null texts of `expressions` joined with `separator` ('' when all are null). -#}
{% macro concat_non_null(expressions, separator=',') %}
    {{ return(adapter.dispatch('concat_non_null', 'finops_focus')(expressions, separator)) }}
{% endmacro %}

{# DuckDB: concat_ws skips nulls. #}
{% macro default__concat_non_null(expressions, separator) -%}
    concat_ws('{{ separator }}', {{ expressions | join(', ') }})
{%- endmacro %}

{# BigQuery: no concat_ws; ARRAY_TO_STRING omits null elements. #}
{% macro bigquery__concat_non_null(expressions, separator) -%}
    array_to_string([{{ expressions | join(', ') }}], '{{ separator }}')
{%- endmacro %}


{#-
    A JSON array of {"key": ..., "value": ...} objects (BigQuery's label form, as in Google's FOCUS
    export) rewritten as the JSON object FOCUS asks for ({"key": "value"}), keys sorted; empty
    values dropped; an empty result is null.
-#}
{% macro key_value_array_to_json_object(expression) %}
    {{ return(adapter.dispatch('key_value_array_to_json_object', 'finops_focus')(expression)) }}
{% endmacro %}

{# DuckDB: json_transform to a list of structs, then a sorted map written by to_json. #}
{% macro default__key_value_array_to_json_object(expression) -%}
    nullif(cast(to_json(map_from_entries(list_sort(list_filter(
        json_transform({{ expression }}, '[{"key": "VARCHAR", "value": "VARCHAR"}]'),
        entry -> coalesce(entry.value, '') <> ''
    )))) as varchar), '{}')
{%- endmacro %}

{#
    BigQuery: JSON_QUERY_ARRAY and STRING_AGG of TO_JSON_STRING pairs. Only an array is read: the
    repair's CASE picks arrays, but an engine may run the subquery for every row (the proof's does).
#}
{% macro bigquery__key_value_array_to_json_object(expression) -%}
    (
        select
            '{' || string_agg(
                to_json_string(json_value(entry, '$.key')) || ':'
                || to_json_string(json_value(entry, '$.value')),
                ',' order by json_value(entry, '$.key')
            ) || '}'
        from unnest(json_query_array(
            case when starts_with({{ expression }}, '[') then {{ expression }} end
        )) as entry
        where coalesce(json_value(entry, '$.value'), '') <> ''
    )
{%- endmacro %}


{#-
    Two JSON object texts merged into one (keys of `extra_object` prefixed with `prefix`); either
    may be null. Used to fold AWS's FOCUS 1.0 x_CostCategories into Tags as AWS's FOCUS 1.2 does.
-#}
{% macro merge_prefixed_json_object(base_object, extra_object, prefix) %}
    {{ return(adapter.dispatch('merge_prefixed_json_object', 'finops_focus')(base_object, extra_object, prefix)) }}
{% endmacro %}

{# DuckDB: JSON to MAP, keys prefixed with list_transform, merged and sorted, written by to_json. #}
{% macro default__merge_prefixed_json_object(base_object, extra_object, prefix) -%}
    nullif(cast(to_json(map_from_entries(list_sort(list_concat(
        coalesce(map_entries(cast(json({{ base_object }}) as map(varchar, varchar))), []),
        coalesce(list_transform(
            map_entries(cast(json({{ extra_object }}) as map(varchar, varchar))),
            entry -> struct_pack(key := '{{ prefix }}' || entry.key, value := entry.value)
        ), [])
    )))) as varchar), '{}')
{%- endmacro %}

{# BigQuery: both objects' keys read with JSON_KEYS and written back with STRING_AGG. #}
{% macro bigquery__merge_prefixed_json_object(base_object, extra_object, prefix) -%}
    (
        select
            '{' || string_agg(
                to_json_string(entries.entry_key) || ':' || to_json_string(entries.entry_value),
                ',' order by entries.entry_key
            ) || '}'
        from (
            select
                base_key as entry_key,
                json_value(parse_json({{ base_object }})[base_key]) as entry_value
            from unnest(json_keys(parse_json({{ base_object }}), 1)) as base_key
            union all
            select
                '{{ prefix }}' || extra_key as entry_key,
                json_value(parse_json({{ extra_object }})[extra_key]) as entry_value
            from unnest(json_keys(parse_json({{ extra_object }}), 1)) as extra_key
        ) as entries
    )
{%- endmacro %}


{#- A nested value (a list of structs, such as Google's labels) as JSON text. -#}
{% macro nested_to_json_text(expression) %}
    {{ return(adapter.dispatch('nested_to_json_text', 'finops_focus')(expression)) }}
{% endmacro %}

{# DuckDB: to_json writes lists and structs as JSON. #}
{% macro default__nested_to_json_text(expression) -%}
    cast(to_json({{ expression }}) as varchar)
{%- endmacro %}

{# BigQuery: TO_JSON_STRING of an ARRAY<STRUCT<key, value>>. #}
{% macro bigquery__nested_to_json_text(expression) -%}
    to_json_string({{ expression }})
{%- endmacro %}
