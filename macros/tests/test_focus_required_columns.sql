{#-
    Governance: every column the declared FOCUS version makes Mandatory (or any feature levels
    passed) is present in the model. Fails with one row per missing column.
-#}
{% test focus_required_columns(model, feature_levels=['Mandatory'], dataset='CostAndUsage', focus_version=none) %}

{%- set version = focus_version or var('focus_version') %}

with

catalog as (

    select column_id, feature_level
    from {{ ref('focus_columns') }}
    where version = '{{ version }}'
        and category like '{{ dataset }}|%'
        and feature_level in ({% for level in feature_levels %}'{{ level }}'{% if not loop.last %}, {% endif %}{% endfor %})

),

present as (

    {{ relation_columns_query(model) }}

)

select
    catalog.column_id as missing_column,
    catalog.feature_level,
    '{{ version }}' as focus_version

from catalog

left join present
    on catalog.column_id = present.column_name

where present.column_name is null

{% endtest %}
