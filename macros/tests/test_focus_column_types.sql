{#-
    Governance (data types): every FOCUS column present has a warehouse type of its catalog type:
    String and JSON as text (or JSON), Decimal as an exact decimal, Date/Time as a timestamp.
    Fails with one row per column whose type does not fit.
    With check_nulls=true (FOCUS versions, DECISIONLOG D-903): also one row per column the catalog
    says allows no nulls in the version (`allows_nulls = False`) that has null values
    (`null_rows`), over the version's columns of `dataset` (macros/focus/focus_versions.sql). The
    contract's not_null constraints say the same for 1.2 only; this test says it for every version.
-#}
{% test focus_column_types(model, dataset='CostAndUsage', focus_version=none, check_nulls=false) %}

{%- set version = focus_version or var('focus_version') %}

with

catalog as (

    select column_id, data_type as focus_data_type, allows_nulls
    from {{ ref('focus_columns') }}
    where version = '{{ version }}'
        and category like '{{ dataset }}|%'

),

present as (

    {{ relation_columns_query(model) }}

),

typed as (

    select
        catalog.column_id,
        catalog.focus_data_type,
        present.data_type as warehouse_data_type,
        case catalog.focus_data_type
            when 'String' then present.data_type in ('VARCHAR', 'STRING', 'TEXT')
            when 'JSON' then present.data_type in ('VARCHAR', 'STRING', 'TEXT', 'JSON')
            when 'Decimal' then present.data_type like 'DECIMAL%'
                or present.data_type like 'NUMERIC%' or present.data_type like 'BIGNUMERIC%'
            when 'Date/Time' then present.data_type in ('TIMESTAMP', 'TIMESTAMP WITH TIME ZONE')
        end as is_expected_type

    from catalog

    inner join present
        on catalog.column_id = present.column_name

),

wrong_types as (

    select
        column_id,
        focus_data_type,
        warehouse_data_type,
        cast(null as {{ dbt.type_bigint() }}) as null_rows
    from typed
    where not coalesce(is_expected_type, false)

)

{% if check_nulls -%}
{%- set columns = focus_version_columns(dataset, version) %}
, null_counts as (

    select
        {%- for column in columns %}
        sum(case when {{ column }} is null then 1 else 0 end) as {{ column }}{{ ',' if not loop.last }}
        {%- endfor %}
    from {{ model }}

),

nulls as (

    {% for column in columns -%}
    select '{{ column }}' as column_id, {{ column }} as null_rows from null_counts
    {% if not loop.last %}union all{% endif %}
    {% endfor %}

),

unexpected_nulls as (

    select
        nulls.column_id,
        catalog.focus_data_type,
        cast(null as {{ dbt.type_string() }}) as warehouse_data_type,
        nulls.null_rows
    from nulls
    inner join catalog
        on nulls.column_id = catalog.column_id
    where catalog.allows_nulls = 'False'
        and nulls.null_rows > 0

)

select * from wrong_types
union all
select * from unexpected_nulls
{%- else -%}
select * from wrong_types
{%- endif %}

{% endtest %}
