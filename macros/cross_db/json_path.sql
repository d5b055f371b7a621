{#-
    Reading the API pages' JSON (OpenAI, Anthropic) on either engine (DECISIONLOG D-957). Paths
    are JSONPath texts such as '$.amount.value', which both engines read the same way.
-#}

{#- A scalar at a path, as text (null when absent or JSON null). -#}
{% macro json_path_text(json_expression, path) %}
    {{ return(adapter.dispatch('json_path_text', 'finops_focus')(json_expression, path)) }}
{% endmacro %}

{# DuckDB: the ->> operator. #}
{% macro default__json_path_text(json_expression, path) -%}
    ({{ json_expression }} ->> '{{ path }}')
{%- endmacro %}

{# BigQuery: JSON_VALUE. #}
{% macro bigquery__json_path_text(json_expression, path) -%}
    json_value({{ json_expression }}, '{{ path }}')
{%- endmacro %}


{#- The elements of a JSON array at a path ('$' for the value itself), as an array of JSON values
    to unnest (cross_join_unnest). -#}
{% macro json_path_array(json_expression, path='$') %}
    {{ return(adapter.dispatch('json_path_array', 'finops_focus')(json_expression, path)) }}
{% endmacro %}

{# DuckDB: a cast to JSON[] of the value (or of the value at the path, with ->). #}
{% macro default__json_path_array(json_expression, path) -%}
    {%- if path == '$' -%}
        cast({{ json_expression }} as json[])
    {%- else -%}
        cast({{ json_expression }} -> '{{ path }}' as json[])
    {%- endif -%}
{%- endmacro %}

{# BigQuery: JSON_QUERY_ARRAY. #}
{% macro bigquery__json_path_array(json_expression, path) -%}
    json_query_array({{ json_expression }}, '{{ path }}')
{%- endmacro %}


{#- A UTC timestamp from a count of seconds since 1970-01-01 given as text or number (null when it
    is not an integer). -#}
{% macro epoch_seconds_to_timestamp(expression) %}
    {{ return(adapter.dispatch('epoch_seconds_to_timestamp', 'finops_focus')(expression)) }}
{% endmacro %}

{# DuckDB: make_timestamp takes microseconds and gives a naive (UTC) timestamp. #}
{% macro default__epoch_seconds_to_timestamp(expression) -%}
    make_timestamp(try_cast({{ expression }} as bigint) * 1000000)
{%- endmacro %}

{# BigQuery: TIMESTAMP_SECONDS. #}
{% macro bigquery__epoch_seconds_to_timestamp(expression) -%}
    timestamp_seconds(safe_cast({{ expression }} as int64))
{%- endmacro %}
