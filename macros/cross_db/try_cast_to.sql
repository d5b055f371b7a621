{#-
    A cast that gives null instead of failing. dbt's own `safe_cast` is a plain CAST on DuckDB (the
    adapter does not override it), so a stray string would stop the build.
-#}
{% macro try_cast_to(expression, data_type) %}
    {{ return(adapter.dispatch('try_cast_to', 'finops_focus')(expression, data_type)) }}
{% endmacro %}

{# DuckDB: TRY_CAST. #}
{% macro default__try_cast_to(expression, data_type) -%}
    try_cast({{ expression }} as {{ data_type }})
{%- endmacro %}

{# BigQuery: SAFE_CAST. #}
{% macro bigquery__try_cast_to(expression, data_type) -%}
    safe_cast({{ expression }} as {{ data_type }})
{%- endmacro %}
