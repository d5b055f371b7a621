{#-
    Governance (data types): every FOCUS column present has a warehouse type of its catalog type:
    String and JSON as text (or JSON), Decimal as an exact decimal, Date/Time as a timestamp.
    Fails with one row per column whose type does not fit.
-#}
{% test focus_column_types(model, dataset='CostAndUsage', focus_version=none) %}

{%- set version = focus_version or var('focus_version') %}

with

catalog as (

    select column_id, data_type as focus_data_type
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

)

select * from typed
where not coalesce(is_expected_type, false)

{% endtest %}
