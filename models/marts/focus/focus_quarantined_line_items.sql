{#-
    Raw line items that did not reach focus_cost_and_usage, from every provider, each with the
    reason. Read it beside the FOCUS mart: per provider and billing period, raw cost = Σ BilledCost
    of the FOCUS rows + Σ cost here (tested). One row per quarantined raw line item.
    Rebuilt whole when var focus_billing_periods is unset; when it lists billing periods, only
    those periods are replaced, like the FOCUS mart (DECISIONLOG D-602). Rows whose billing period
    did not cast belong to no period: a full build is what rebuilds them.
-#}
{{ config(
    materialized='incremental' if billing_periods_listed() else 'table',
    incremental_strategy=billing_period_incremental_strategy(),
    unique_key='billing_period_start_at',
    partition_by=billing_period_partition_by('billing_period_start_at'),
) }}
{%- set providers = enabled_provider_models('line_items_quarantined') %}
{#- Built after the FOCUS mart (D-601): both read the same views, so one at a time bounds memory
    to one query's, and a raw-file error stops the build once, named once. #}
-- depends_on: {{ ref('focus_cost_and_usage') }}

with

{% for model_name in providers %}
    {{ model_name }} as (

        select * from {{ ref(model_name) }}

    ),

{% endfor %}
unioned as (

    {% for model_name in providers %}
        select * from {{ model_name }}
        where {{ billing_periods_condition('billing_period_start_at') }}
        {% if not loop.last %}union all{% endif %}
    {% endfor %}

)

select * from unioned
