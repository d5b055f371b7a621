{#-
    Every enabled provider's FOCUS-shaped rows stacked into one relation (snake_case names).
    Each provider's int_<provider>__cost_and_usage model has the same columns in the same order.
    One row per FOCUS charge row.
-#}
{%- set providers = [] -%}
{%- if var('aws_enabled') -%}
    {%- do providers.append('int_aws__cost_and_usage') -%}
{%- endif -%}
{%- if providers | length == 0 -%}
    {{ exceptions.raise_compiler_error(
        "No billing provider is enabled: set at least one of the *_enabled variables (e.g. aws_enabled) to true."
    ) }}
{%- endif %}

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
