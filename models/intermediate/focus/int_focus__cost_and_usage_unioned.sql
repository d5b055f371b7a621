{#-
    Every enabled provider's FOCUS-shaped rows stacked into one relation (snake_case names).
    Each provider's int_<provider>__cost_and_usage model has the same columns in the same order.
    One row per FOCUS charge row.
-#}
{%- set providers = enabled_provider_models('cost_and_usage') %}

with

{% for model_name in providers %}
    {{ model_name }} as (

        select * from {{ ref(model_name) }}

    ),

{% endfor %}
unioned as (

    {% for model_name in providers %}
        select * from {{ model_name }}
        {% if not loop.last %}union all{% endif %}
    {% endfor %}

)

select * from unioned
