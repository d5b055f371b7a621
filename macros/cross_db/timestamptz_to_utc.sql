{#-
    A timestamp the source types as an instant (Parquet UTC timestamps, JSON read as timestamptz,
    BigQuery TIMESTAMP) as the warehouse's UTC timestamp type, whatever the session time zone.
-#}
{% macro timestamptz_to_utc(expression) %}
    {{ return(adapter.dispatch('timestamptz_to_utc', 'finops_focus')(expression)) }}
{% endmacro %}

{# DuckDB: timezone('UTC', timestamptz) gives the naive UTC wall time, independent of the session. #}
{% macro default__timestamptz_to_utc(expression) -%}
    timezone('UTC', cast({{ expression }} as timestamptz))
{%- endmacro %}

{# BigQuery: TIMESTAMP is already an instant in UTC. #}
{% macro bigquery__timestamptz_to_utc(expression) -%}
    cast({{ expression }} as timestamp)
{%- endmacro %}


{#-
    The UTC instant at which a calendar month starts in a given IANA time zone, from a 'YYYYMM'
    text (Google Cloud's invoice.month follows US Pacific time). `months_after` moves to a later
    month first (1 gives the exclusive end of the month). A text that is not YYYYMM gives null.
-#}
{% macro local_month_start_to_utc(yyyymm, time_zone, months_after=0) %}
    {{ return(adapter.dispatch('local_month_start_to_utc', 'finops_focus')(
        yyyymm, time_zone, months_after
    )) }}
{% endmacro %}

{# DuckDB: the local midnight read AT TIME ZONE the zone is an instant; timezone('UTC', ..) is its UTC wall time. #}
{% macro default__local_month_start_to_utc(yyyymm, time_zone, months_after) -%}
    timezone('UTC', (
        try_strptime({{ yyyymm }}, '%Y%m') + interval {{ months_after }} month
    ) at time zone '{{ time_zone }}')
{%- endmacro %}

{# BigQuery: TIMESTAMP(datetime, zone) reads a local date-time in the zone. #}
{% macro bigquery__local_month_start_to_utc(yyyymm, time_zone, months_after) -%}
    cast(timestamp(
        datetime_add(
            cast(safe_cast(
                concat(substr({{ yyyymm }}, 1, 4), '-', substr({{ yyyymm }}, 5, 2), '-01') as date
            ) as datetime),
            interval {{ months_after }} month
        ),
        '{{ time_zone }}'
    ) as timestamp)
{%- endmacro %}


{#- A UTC timestamp as ISO 8601 text, `2025-12-01T08:00:00Z`, the same on every engine. -#}
{% macro format_utc_timestamp(expression) %}
    {{ return(adapter.dispatch('format_utc_timestamp', 'finops_focus')(expression)) }}
{% endmacro %}

{# DuckDB: strftime on the naive UTC timestamp. #}
{% macro default__format_utc_timestamp(expression) -%}
    strftime({{ expression }}, '%Y-%m-%dT%H:%M:%SZ')
{%- endmacro %}

{# BigQuery: FORMAT_TIMESTAMP in UTC (CAST to STRING would append +00). #}
{% macro bigquery__format_utc_timestamp(expression) -%}
    format_timestamp('%Y-%m-%dT%H:%M:%SZ', {{ expression }}, 'UTC')
{%- endmacro %}
