{{ config(enabled=var('azure_enabled', false)) }}
{#-
    Σ EffectiveCost of the Azure rows in the FOCUS mart equals Microsoft's amortized cost: per
    billing period and currency, Σ cost of the raw amortized rows minus those quarantined
    (commitment purchases and refunds, taken from the actual cost, have EffectiveCost 0, D-101).
    Returns the periods that differ by half a cent or more.
-#}
with

raw_amortized as (

    select
        billing_period_start_at,
        billing_currency as currency_code,
        coalesce(sum(
            case when quarantine_reason is null then cost_in_billing_currency end
        ), 0) as amortized_cost
    from {{ ref('int_azure__cost_details_checked') }}
    where dataset = 'amortized'
    group by billing_period_start_at, billing_currency

),

focus_rows as (

    select
        BillingPeriodStart as billing_period_start_at,
        BillingCurrency as currency_code,
        sum(EffectiveCost) as effective_cost
    from {{ ref('focus_cost_and_usage') }}
    where x_Provider = 'azure' and x_SourceSystem not like 'azure_focus%'
    group by BillingPeriodStart, BillingCurrency

),

compared as (

    select
        coalesce(raw_amortized.billing_period_start_at, focus_rows.billing_period_start_at)
            as billing_period_start_at,
        coalesce(raw_amortized.currency_code, focus_rows.currency_code) as currency_code,
        coalesce(raw_amortized.amortized_cost, 0) as amortized_cost,
        coalesce(focus_rows.effective_cost, 0) as focus_effective_cost

    from raw_amortized

    full outer join focus_rows
        on raw_amortized.billing_period_start_at
            is not distinct from focus_rows.billing_period_start_at
            and raw_amortized.currency_code is not distinct from focus_rows.currency_code

)

select * from compared
where abs(amortized_cost - focus_effective_cost) >= 0.005
