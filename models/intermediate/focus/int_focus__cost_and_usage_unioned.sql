{#-
    Every enabled provider's FOCUS-shaped rows stacked into one relation (snake_case names).
    The columns are the ones this model's YAML declares, each with a logical data_type. A provider
    model supplies the columns its own YAML declares; every other column becomes a typed null here,
    so a provider only writes what its data has. Column lists come from the YAML in dbt's graph,
    never from warehouse introspection (the offline BigQuery compile cannot introspect).
    One row per FOCUS charge row.
-#}
{%- set providers = enabled_provider_models('cost_and_usage') %}
{%- set union_columns = model.columns.values() | list if execute else [] %}

with

{% for model_name in providers %}
    {{ model_name }} as (

        select
            {{ columns_or_typed_nulls(union_columns, declared_columns(model_name)) }}

        from {{ ref(model_name) }}

    ),

{% endfor %}
unioned as (

    {% for model_name in providers %}
        select * from {{ model_name }}
        {% if not loop.last %}union all{% endif %}
    {% endfor %}

)

select * from unioned
