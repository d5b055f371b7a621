{#-
    Repairs recorded per row in `repairs` (x_Repairs): a JSON array of
    {"column", "from", "to", "reason"} objects, one per value the project changed or derived to make
    a provider's row conformant, or null when the row needed none (models/marts/focus/_focus__docs.md).
    Generic: any provider model calls `repair_entry` once per possible repair and `repairs_array`
    on the list. Values are written as JSON strings (or null); `reason` is a literal text.
-#}

{#-
    One repair object as JSON text when `condition` holds, else null. `reason` is a literal text,
    or a SQL expression of the text when `reason_is_expression` (a reason that quotes a value).
-#}
{% macro repair_entry(column_name, from_expression, to_expression, reason, condition, reason_is_expression=false) -%}
    {%- set reason_expression = reason if reason_is_expression
        else "'" ~ (reason | replace("'", "''")) ~ "'" -%}
    case
        when {{ condition }}
            then '{"column":"{{ column_name }}","from":'
                || {{ to_json_text(from_expression) }}
                || ',"to":'
                || {{ to_json_text(to_expression) }}
                || ',"reason":'
                || {{ to_json_text(reason_expression) }}
                || '}'
    end
{%- endmacro %}


{#- The non-null repair objects of `entries` (SQL expressions) as one JSON array, or null. -#}
{% macro repairs_array(entries) %}
    {{ return(adapter.dispatch('repairs_array', 'finops_focus')(entries)) }}
{% endmacro %}

{# DuckDB: concat_ws skips null arguments. #}
{% macro default__repairs_array(entries) -%}
    nullif('[' || concat_ws(','
        {%- for entry in entries %},
        {{ entry }}
        {%- endfor %}
    ) || ']', '[]')
{%- endmacro %}

{# BigQuery: no concat_ws; ARRAY_TO_STRING omits null elements. #}
{% macro bigquery__repairs_array(entries) -%}
    nullif('[' || array_to_string([
        {%- for entry in entries %}
        {{ entry }}{{ ',' if not loop.last }}
        {%- endfor %}
    ], ',') || ']', '[]')
{%- endmacro %}


{#- A value as a JSON string literal (quotes and escapes), or the JSON literal null. -#}
{% macro to_json_text(expression) %}
    {{ return(adapter.dispatch('to_json_text', 'finops_focus')(expression)) }}
{% endmacro %}

{# DuckDB: to_json of a text writes a quoted, escaped JSON string. #}
{% macro default__to_json_text(expression) -%}
    coalesce(cast(to_json(cast({{ expression }} as varchar)) as varchar), 'null')
{%- endmacro %}

{# BigQuery: TO_JSON_STRING writes the JSON string (and `null` for NULL). #}
{% macro bigquery__to_json_text(expression) -%}
    coalesce(to_json_string(cast({{ expression }} as string)), 'null')
{%- endmacro %}


{#- format_utc_timestamp (a UTC timestamp as ISO 8601 text) lives in macros/cross_db/timestamptz_to_utc.sql. -#}


{#- True when a timestamp text is already ISO 8601 UTC with seconds and `Z` (FOCUS R-DT-01/02). -#}
{% macro is_focus_timestamp_text(expression) %}
    {{ return(adapter.dispatch('is_focus_timestamp_text', 'finops_focus')(expression)) }}
{% endmacro %}

{# DuckDB: regexp_full_match. #}
{% macro default__is_focus_timestamp_text(expression) -%}
    coalesce(regexp_full_match(trim({{ expression }}), '[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z'), false)
{%- endmacro %}

{# BigQuery: REGEXP_CONTAINS with anchors. #}
{% macro bigquery__is_focus_timestamp_text(expression) -%}
    coalesce(regexp_contains(trim({{ expression }}), r'^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z$'), false)
{%- endmacro %}


{#-
    A naive local timestamp text (no offset) at a fixed UTC offset, as UTC: Alibaba writes its
    billing times in UTC+8 without saying so. Null when the text is not a timestamp.
-#}
{% macro safe_local_text_to_utc_timestamp(expression, utc_offset_hours) %}
    {{ return(adapter.dispatch('safe_local_text_to_utc_timestamp', 'finops_focus')(
        expression, utc_offset_hours
    )) }}
{% endmacro %}

{# DuckDB: TRY_CAST to a naive timestamp, then shift by the offset. #}
{% macro default__safe_local_text_to_utc_timestamp(expression, utc_offset_hours) -%}
    try_cast(nullif(trim({{ expression }}), '') as timestamp) - interval ({{ utc_offset_hours }}) hour
{%- endmacro %}

{#
    BigQuery: SAFE_CAST to DATETIME, read as UTC, then shifted by the offset (the same instant as
    TIMESTAMP(datetime, '+08:00'), written so that the offline proof's transpiler keeps it).
#}
{% macro bigquery__safe_local_text_to_utc_timestamp(expression, utc_offset_hours) -%}
    timestamp_sub(timestamp(safe_cast(nullif(trim({{ expression }}), '') as datetime)), interval {{ utc_offset_hours | int }} hour)
{%- endmacro %}
