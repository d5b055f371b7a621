{#-
    Parses a provider timestamp text (ISO 8601 with `Z` or an offset, or a naive text that the
    provider documents as UTC) into the warehouse's UTC timestamp type; a blank text is null.
-#}
{% macro to_utc_timestamp(expression) %}
    {{ return(adapter.dispatch('to_utc_timestamp', 'finops_focus')(expression)) }}
{% endmacro %}

{# DuckDB: timestamptz honours the offset; AT TIME ZONE 'UTC' gives a naive UTC timestamp. #}
{% macro default__to_utc_timestamp(expression) -%}
    cast(cast(nullif(trim({{ expression }}), '') as timestamptz) at time zone 'UTC' as timestamp)
{%- endmacro %}

{# BigQuery: TIMESTAMP() honours the offset and treats a naive text as UTC. #}
{% macro bigquery__to_utc_timestamp(expression) -%}
    timestamp(nullif(trim({{ expression }}), ''))
{%- endmacro %}


{#- The same parse without failing: a text that is not a timestamp gives null. -#}
{% macro safe_to_utc_timestamp(expression) %}
    {{ return(adapter.dispatch('safe_to_utc_timestamp', 'finops_focus')(expression)) }}
{% endmacro %}

{# DuckDB: TRY_CAST returns null where the text is not a timestamp. #}
{% macro default__safe_to_utc_timestamp(expression) -%}
    cast(try_cast(nullif(trim(cast({{ expression }} as varchar)), '') as timestamptz) at time zone 'UTC' as timestamp)
{%- endmacro %}

{#
    BigQuery: SAFE_CAST to TIMESTAMP returns null where the text is not a timestamp; it reads the
    same texts as TIMESTAMP() (an offset is honoured, a naive text is UTC). SAFE_CAST rather than
    SAFE.TIMESTAMP, which sqlglot cannot transpile for the offline proof.
#}
{% macro bigquery__safe_to_utc_timestamp(expression) -%}
    safe_cast(nullif(trim(cast({{ expression }} as string)), '') as timestamp)
{%- endmacro %}
