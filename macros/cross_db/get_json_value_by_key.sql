{#-
    Reads one key of a flat JSON object text (FOCUS Tags), matching the key case-insensitively and
    ignoring surrounding spaces: `key_expression` is a SQL expression of the lower-case key. An empty
    value reads as null. When two keys of one object normalize to the same key (`Team` and `team`),
    the larger value wins, so the result does not depend on key order (DECISIONLOG D-703).
-#}
{% macro get_json_value_by_key(json_column, key_expression) %}
    {{ return(
        adapter.dispatch('get_json_value_by_key', 'finops_focus')(json_column, key_expression)
    ) }}
{% endmacro %}

{# DuckDB: json_keys lists the top-level keys; json_extract_string reads a key given as text. #}
{% macro default__get_json_value_by_key(json_column, key_expression) -%}
    (
        select max(nullif(trim(json_extract_string({{ json_column }}, json_key.key_name)), ''))
        from unnest(json_keys({{ json_column }})) as json_key (key_name)
        where lower(trim(json_key.key_name)) = {{ key_expression }}
    )
{%- endmacro %}

{# BigQuery: the text is parsed to JSON; JSON_KEYS(json, 1) lists the top-level keys. #}
{% macro bigquery__get_json_value_by_key(json_column, key_expression) -%}
    (
        select max(nullif(trim(json_value(parse_json({{ json_column }})[json_key])), ''))
        from unnest(json_keys(parse_json({{ json_column }}), 1)) as json_key
        where lower(trim(json_key)) = {{ key_expression }}
    )
{%- endmacro %}
