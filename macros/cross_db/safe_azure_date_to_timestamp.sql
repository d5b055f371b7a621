{#-
    Parses an Azure cost details date into a UTC timestamp at midnight, or null when the text is
    not a date. Azure writes dates as `M/D/YYYY` (EA exports and downloads, with or without a time
    of day) or ISO 8601 (`2025-01-05`, or `2025-01-05T00:00:00.0000000Z` in older usage files);
    every Azure date is a UTC day, so only the day is kept.
-#}
{% macro safe_azure_date_to_timestamp(expression) %}
    {{ return(adapter.dispatch('safe_azure_date_to_timestamp', 'finops_focus')(expression)) }}
{% endmacro %}

{# DuckDB: try_strptime takes a list of formats; an ISO text casts from its first ten characters. #}
{% macro default__safe_azure_date_to_timestamp(expression) -%}
    cast(coalesce(
        cast(try_strptime(
            {{ expression }}, ['%m/%d/%Y', '%m/%d/%Y %H:%M:%S', '%m/%d/%Y %I:%M:%S %p']
        ) as date),
        try_cast(left({{ expression }}, 10) as date)
    ) as timestamp)
{%- endmacro %}

{#
    BigQuery: the M/D/YYYY parts are rebuilt into an ISO date and SAFE_CAST, which returns null
    instead of failing (SAFE.PARSE_DATE would too, but sqlglot cannot transpile it for the proof).
#}
{% macro bigquery__safe_azure_date_to_timestamp(expression) -%}
    timestamp(coalesce(
        safe_cast(
            regexp_extract({{ expression }}, r'^[0-9]{1,2}/[0-9]{1,2}/([0-9]{4})') || '-'
            || lpad(regexp_extract({{ expression }}, r'^([0-9]{1,2})/'), 2, '0') || '-'
            || lpad(regexp_extract({{ expression }}, r'^[0-9]{1,2}/([0-9]{1,2})/'), 2, '0')
            as date
        ),
        safe_cast(left({{ expression }}, 10) as date)
    ))
{%- endmacro %}
