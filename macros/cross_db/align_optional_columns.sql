{#-
    Makes optional columns exist. Placed right after `select * from <source>`, it appends by name
    an empty relation holding `columns` (a dict of column name -> data type), so a column the export
    left out this month (no discounts, no Reserved Instances, no tags...) reads as null instead of
    failing the model, while a column the source has keeps its values. Give each column the type
    the export delivers it in: where the types differ the engine unifies them (DuckDB turns DECIMAL
    and DOUBLE into DOUBLE). Never list a mandatory column, so that its absence still fails loudly.
-#}
{% macro align_optional_columns(columns) %}
    {{ return(adapter.dispatch('align_optional_columns', 'finops_focus')(columns)) }}
{% endmacro %}

{# DuckDB: UNION ALL BY NAME adds the columns one side lacks, as nulls, and matches the others. #}
{% macro default__align_optional_columns(columns) -%}
    union all by name (
        select
            {%- for column_name, data_type in columns.items() %}
            cast(null as {{ data_type }}) as {{ adapter.quote(column_name) }}
            {{- ',' if not loop.last }}
            {%- endfor %}
        limit 0
    )
{%- endmacro %}

{#
    BigQuery spells it FULL OUTER UNION ALL BY NAME (plain BY NAME wants the same columns on both
    sides); names are sanitized as source_column does. BigQuery refuses WHERE without FROM, so the
    empty side filters a one-row subquery (rather than LIMIT 0, which lint reads as unordered).
#}
{% macro bigquery__align_optional_columns(columns) -%}
    full outer union all by name (
        select * from (
            select
                {%- for column_name, data_type in columns.items() %}
                cast(null as {{ data_type | lower }}) as {{ bigquery__source_column(column_name) }}
                {{- ',' if not loop.last }}
                {%- endfor %}
        ) as optional_columns
        where false
    )
{%- endmacro %}
