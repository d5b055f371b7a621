{#-
    Governance: every column the declared FOCUS version makes Mandatory (or any feature levels
    passed) is present in the model. Fails with one row per missing column.
    With exact=true (FOCUS versions, DECISIONLOG D-903): the model's FOCUS columns are exactly the
    catalog's columns of `dataset` for the version, every feature level: also fails with one row
    per catalog column missing and per column that is neither in the catalog nor x_-prefixed
    (`missing_column` null, `extra_column` set). This is the test that a model follows the
    version's column list (and that macros/focus/focus_versions.sql matches the seed).
-#}
{% test focus_required_columns(model, feature_levels=['Mandatory'], dataset='CostAndUsage', focus_version=none, exact=false) %}

{%- set version = focus_version or var('focus_version') %}

with

catalog as (

    select column_id, feature_level
    from {{ ref('focus_columns') }}
    where version = '{{ version }}'
        and category like '{{ dataset }}|%'
        {% if not exact -%}
        and feature_level in ({% for level in feature_levels %}'{{ level }}'{% if not loop.last %}, {% endif %}{% endfor %})
        {%- endif %}

),

present as (

    {{ relation_columns_query(model) }}

),

missing as (

    select
        catalog.column_id as missing_column,
        cast(null as {{ dbt.type_string() }}) as extra_column,
        catalog.feature_level,
        '{{ version }}' as focus_version

    from catalog

    left join present
        on catalog.column_id = present.column_name

    where present.column_name is null

)

{% if exact -%}
, extra as (

    select
        cast(null as {{ dbt.type_string() }}) as missing_column,
        present.column_name as extra_column,
        cast(null as {{ dbt.type_string() }}) as feature_level,
        '{{ version }}' as focus_version

    from present

    left join catalog
        on present.column_name = catalog.column_id

    where catalog.column_id is null
        and substr(present.column_name, 1, 2) <> 'x_'

)

select * from missing
union all
select * from extra
{%- else -%}
select * from missing
{%- endif %}

{% endtest %}
