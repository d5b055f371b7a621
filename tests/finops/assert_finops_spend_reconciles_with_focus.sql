{#-
    The spend marts lose and add nothing: per provider, billing period and billing currency,
    Σ BilledCost and Σ EffectiveCost of focus_cost_and_usage equal those of finops_spend_monthly,
    and per charge day those of finops_spend_daily; and for each allocation key the allocation
    rows add up to the day's total. Fails with one row per mismatch.
-#}
with

focus_by_period as (

    select
        ProviderName as provider_name,
        cast(BillingPeriodStart as date) as billing_period_start,
        BillingCurrency as billing_currency,
        sum(BilledCost) as billed_cost,
        sum(EffectiveCost) as effective_cost
    from {{ ref('focus_cost_and_usage') }}
    group by ProviderName, cast(BillingPeriodStart as date), BillingCurrency

),

monthly as (

    select
        provider_name,
        billing_period_start,
        billing_currency,
        sum(billed_cost) as billed_cost,
        sum(effective_cost) as effective_cost
    from {{ ref('finops_spend_monthly') }}
    group by provider_name, billing_period_start, billing_currency

),

focus_by_day as (

    select
        ProviderName as provider_name,
        cast(ChargePeriodStart as date) as charge_date,
        BillingCurrency as billing_currency,
        sum(BilledCost) as billed_cost,
        sum(EffectiveCost) as effective_cost
    from {{ ref('focus_cost_and_usage') }}
    group by ProviderName, cast(ChargePeriodStart as date), BillingCurrency

),

daily as (

    select
        provider_name,
        charge_date,
        billing_currency,
        sum(billed_cost) as billed_cost,
        sum(effective_cost) as effective_cost
    from {{ ref('finops_spend_daily') }}
    group by provider_name, charge_date, billing_currency

),

allocation as (

    select
        provider_name,
        charge_date,
        billing_currency,
        allocation_key,
        sum(billed_cost) as billed_cost,
        sum(effective_cost) as effective_cost
    from {{ ref('finops_allocation_daily') }}
    group by provider_name, charge_date, billing_currency, allocation_key

),

monthly_mismatches as (

    select
        'finops_spend_monthly' as mart,
        focus_by_period.provider_name,
        cast(focus_by_period.billing_period_start as {{ dbt.type_string() }}) as period,
        focus_by_period.billing_currency
    from focus_by_period
    full outer join monthly
        on focus_by_period.provider_name = monthly.provider_name
            and focus_by_period.billing_period_start = monthly.billing_period_start
            and focus_by_period.billing_currency = monthly.billing_currency
    where
        monthly.billed_cost is null or focus_by_period.billed_cost is null
        or monthly.billed_cost <> focus_by_period.billed_cost
        or monthly.effective_cost <> focus_by_period.effective_cost

),

daily_mismatches as (

    select
        'finops_spend_daily' as mart,
        focus_by_day.provider_name,
        cast(focus_by_day.charge_date as {{ dbt.type_string() }}) as period,
        focus_by_day.billing_currency
    from focus_by_day
    full outer join daily
        on focus_by_day.provider_name = daily.provider_name
            and focus_by_day.charge_date = daily.charge_date
            and focus_by_day.billing_currency = daily.billing_currency
    where
        daily.billed_cost is null or focus_by_day.billed_cost is null
        or daily.billed_cost <> focus_by_day.billed_cost
        or daily.effective_cost <> focus_by_day.effective_cost

),

allocation_mismatches as (

    select
        'finops_allocation_daily ' || allocation.allocation_key as mart,
        focus_by_day.provider_name,
        cast(focus_by_day.charge_date as {{ dbt.type_string() }}) as period,
        focus_by_day.billing_currency
    from focus_by_day
    inner join allocation
        on focus_by_day.provider_name = allocation.provider_name
            and focus_by_day.charge_date = allocation.charge_date
            and focus_by_day.billing_currency = allocation.billing_currency
    where
        allocation.billed_cost <> focus_by_day.billed_cost
        or allocation.effective_cost <> focus_by_day.effective_cost

)

select * from monthly_mismatches
union all
select * from daily_mismatches
union all
select * from allocation_mismatches
