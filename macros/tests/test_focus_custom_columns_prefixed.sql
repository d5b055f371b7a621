{#-
    Governance (column naming): a column that is not a FOCUS column of the declared version must
    start with `x_`. Fails with one row per offending column.
-#}
{% test focus_custom_columns_prefixed(model, dataset='CostAndUsage', focus_version=none) %}

{%- set version = focus_version or var('focus_version') %}

with

catalog as (

    select column_id
    from {{ ref('focus_columns') }}
    where version = '{{ version }}'
        and category like '{{ dataset }}|%'

),

present as (

    {{ relation_columns_query(model) }}

)

select present.column_name as unprefixed_custom_column

from present

left join catalog
    on present.column_name = catalog.column_id

where catalog.column_id is null
    -- starts_with, not LIKE ... ESCAPE: BigQuery has no ESCAPE clause
    and not starts_with(present.column_name, 'x_')

{% endtest %}
