{#-
    Adds the seconds a timestamp text leaves out (`2025-01-13T21:00Z` -> `2025-01-13T21:00:00Z`),
    so the timestamp parsers read it: OCI's reports write minutes-only times beside full ones.
    Any other text is returned trimmed and unchanged.
-#}
{% macro complete_timestamp_seconds(expression) %}
    {{ return(adapter.dispatch('complete_timestamp_seconds', 'finops_focus')(expression)) }}
{% endmacro %}

{# DuckDB: backreferences are written \1. #}
{% macro default__complete_timestamp_seconds(expression) -%}
    regexp_replace(
        trim({{ expression }}),
        '^([0-9]{4}-[0-9]{2}-[0-9]{2}[T ][0-9]{2}:[0-9]{2})(Z|[+-][0-9]{2}:?[0-9]{2})?$',
        '\1:00\2'
    )
{%- endmacro %}

{# BigQuery: the same pattern in a raw string; backreferences are written \1 too (RE2). #}
{% macro bigquery__complete_timestamp_seconds(expression) -%}
    regexp_replace(
        trim({{ expression }}),
        r'^([0-9]{4}-[0-9]{2}-[0-9]{2}[T ][0-9]{2}:[0-9]{2})(Z|[+-][0-9]{2}:?[0-9]{2})?$',
        r'\1:00\2'
    )
{%- endmacro %}
