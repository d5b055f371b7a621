{#-
    Raw line items that did not reach focus_cost_and_usage, from every provider, each with the
    reason. Read it beside the FOCUS mart: per provider and billing period, raw cost = Σ BilledCost
    of the FOCUS rows + Σ cost here (tested). One row per quarantined raw line item.
-#}
{%- set providers = enabled_provider_models('line_items_quarantined') %}

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
