{#-
    A query listing a relation's column names (column `column_name`) and types (`data_type`) from
    the warehouse's information schema. Tests use it instead of adapter.get_columns_in_relation so
    that compiling the project needs no connection (the offline BigQuery proof compiles tests too).
-#}
{% macro relation_columns_query(relation) %}
    {{ return(adapter.dispatch('relation_columns_query', 'finops_focus')(relation)) }}
{% endmacro %}

{# DuckDB: one information_schema per database file, filtered by catalog, schema and table. #}
{% macro default__relation_columns_query(relation) -%}
    select
        column_name,
        upper(data_type) as data_type,
        ordinal_position
    from information_schema.columns
    where table_catalog = '{{ relation.database }}'
        and table_schema = '{{ relation.schema }}'
        and table_name = '{{ relation.identifier }}'
{%- endmacro %}

{# BigQuery: INFORMATION_SCHEMA lives inside each dataset. #}
{% macro bigquery__relation_columns_query(relation) -%}
    select
        column_name,
        upper(data_type) as data_type,
        ordinal_position
    from `{{ relation.database }}`.`{{ relation.schema }}`.INFORMATION_SCHEMA.COLUMNS
    where table_name = '{{ relation.identifier }}'
{%- endmacro %}
