{#-
    The body of an AI provider's token test: every token of its usage report is in FOCUS exactly
    once. Per billing period, day, account and model, Σ x_TokenCount of the provider's FOCUS rows
    (on cost rows and on rows created for usage without a cost row) equals Σ tokens of the
    deduplicated usage quantities. Returns the groups that differ.

    - `usage_model`: the provider's usage quantities (bucket_start_at, model, quantity).
    - `account_column`: its column that becomes SubAccountId (OpenAI project, Anthropic workspace).
    - `tokens_condition`: which of its rows count tokens (SQL condition).
-#}
{% macro compare_usage_tokens_with_focus(provider, usage_model, account_column, tokens_condition) %}
with

usage_tokens as (

    select
        {{ dbt.date_trunc('month', 'bucket_start_at') }} as billing_period_start_at,
        bucket_start_at,
        {{ account_column }} as sub_account_id,
        model,
        sum(quantity) as usage_tokens
    from {{ ref(usage_model) }}
    where {{ tokens_condition }}
    group by all

),

focus_tokens as (

    select
        BillingPeriodStart as billing_period_start_at,
        ChargePeriodStart as bucket_start_at,
        SubAccountId as sub_account_id,
        x_ModelName as model,
        sum(x_TokenCount) as focus_tokens
    from {{ ref('focus_cost_and_usage') }}
    where x_Provider = '{{ provider }}' and x_TokenCount is not null
    group by all

),

compared as (

    select
        coalesce(usage_tokens.billing_period_start_at, focus_tokens.billing_period_start_at)
            as billing_period_start_at,
        coalesce(usage_tokens.bucket_start_at, focus_tokens.bucket_start_at) as bucket_start_at,
        coalesce(usage_tokens.sub_account_id, focus_tokens.sub_account_id) as sub_account_id,
        coalesce(usage_tokens.model, focus_tokens.model) as model,
        coalesce(usage_tokens.usage_tokens, 0) as usage_tokens,
        coalesce(focus_tokens.focus_tokens, 0) as focus_tokens
    from usage_tokens

    full outer join focus_tokens
        on usage_tokens.billing_period_start_at = focus_tokens.billing_period_start_at
            and usage_tokens.bucket_start_at = focus_tokens.bucket_start_at
            and usage_tokens.sub_account_id is not distinct from focus_tokens.sub_account_id
            and usage_tokens.model is not distinct from focus_tokens.model

)

select * from compared
where usage_tokens <> focus_tokens
{% endmacro %}
