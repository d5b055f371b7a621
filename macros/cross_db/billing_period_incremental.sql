{#-
    How an incremental model replaces whole billing periods (DECISIONLOG D-019). A model calls
    both macros in its config block; unique_key is the billing period start column either way.
-#}
{% macro billing_period_incremental_strategy() %}
    {{ return(adapter.dispatch('billing_period_incremental_strategy', 'finops_focus')()) }}
{% endmacro %}

{# DuckDB: no partitions; delete the rows of each billing period the run produced, then insert. #}
{% macro default__billing_period_incremental_strategy() %}
    {{ return('delete+insert') }}
{% endmacro %}

{# BigQuery: overwrite the monthly partitions the run produced, without a scan for keys. #}
{% macro bigquery__billing_period_incremental_strategy() %}
    {{ return('insert_overwrite') }}
{% endmacro %}


{% macro billing_period_partition_by(column) %}
    {{ return(adapter.dispatch('billing_period_partition_by', 'finops_focus')(column)) }}
{% endmacro %}

{# DuckDB: none (dbt-duckdb reads partition_by only for DuckLake tables and wants a list). #}
{% macro default__billing_period_partition_by(column) %}
    {{ return(none) }}
{% endmacro %}

{# BigQuery: one partition per month of the billing period start, the unit a run replaces. #}
{% macro bigquery__billing_period_partition_by(column) %}
    {{ return({'field': column, 'data_type': 'timestamp', 'granularity': 'month'}) }}
{% endmacro %}


{#- --- write-once (D-680): the FOCUS mart's materialization --------------------------------------
    DuckDB: focus_parquet_periods (macros/materializations), one Parquet file per billing period
    and a view over them; var focus_mart_parquet: false keeps the incremental table of D-019.
    BigQuery: the incremental table (insert_overwrite of monthly partitions), unchanged. -#}
{% macro focus_mart_materialization() %}
    {{ return(adapter.dispatch('focus_mart_materialization', 'finops_focus')()) }}
{% endmacro %}

{% macro default__focus_mart_materialization() %}
    {{ return('incremental') }}
{% endmacro %}

{% macro duckdb__focus_mart_materialization() %}
    {{ return('focus_parquet_periods' if var('focus_mart_parquet', true) else 'incremental') }}
{% endmacro %}


{#- --- D-687: the materialization of int_aws__line_items_mapped ----------------------------------
    DuckDB: focus_parquet_file (one Parquet file and a view over it), or a table with var
    focus_mart_parquet: false. BigQuery: a table, unchanged. -#}
{% macro heavy_intermediate_materialization() %}
    {{ return(adapter.dispatch('heavy_intermediate_materialization', 'finops_focus')()) }}
{% endmacro %}

{% macro default__heavy_intermediate_materialization() %}
    {{ return('table') }}
{% endmacro %}

{% macro duckdb__heavy_intermediate_materialization() %}
    {{ return('focus_parquet_file' if var('focus_mart_parquet', true) else 'table') }}
{% endmacro %}
