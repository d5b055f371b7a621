{{ config(enabled=var('azure_enabled', false)) }}
{#-
    No cent is lost or double counted: per billing period and currency, Σ cost of every raw Azure
    actual-cost row equals Σ BilledCost of the Azure rows in the FOCUS mart plus Σ cost of the
    quarantined rows. FOCUS takes every row but commitment purchases and refunds from the
    amortized cost (D-101): those amortized rows bill what their actual twins cost (the same
    amount, or 0 for commitment-covered usage, whose actual cost is 0), unused commitment rows
    bill 0, and the purchases and refunds come from the actual cost. So this holds only if every
    actual row has its amortized twin; a twin missing or altered shows up here. Returns the
    periods that differ by half a cent or more.
-#}
with

raw_actual as (

    select
        billing_period_start_at,
        billing_currency as currency_code,
        coalesce(sum(cost_in_billing_currency), 0) as raw_cost
    from {{ ref('int_azure__cost_details_checked') }}
    where dataset = 'actual'
    group by billing_period_start_at, billing_currency

),

focus_rows as (

    select
        BillingPeriodStart as billing_period_start_at,
        BillingCurrency as currency_code,
        sum(BilledCost) as billed_cost
    from {{ ref('focus_cost_and_usage') }}
    where x_Provider = 'azure' and x_SourceSystem not like 'azure_focus%'
    group by BillingPeriodStart, BillingCurrency

),

quarantined_rows as (

    select
        billing_period_start_at,
        currency_code,
        coalesce(sum(unblended_cost), 0) as quarantined_cost
    from {{ ref('focus_quarantined_line_items') }}
    where provider = 'azure'
    group by billing_period_start_at, currency_code

),

periods as (

    select
        billing_period_start_at,
        currency_code
    from raw_actual
    union distinct
    select
        billing_period_start_at,
        currency_code
    from focus_rows
    union distinct
    select
        billing_period_start_at,
        currency_code
    from quarantined_rows

),

compared as (

    select
        periods.billing_period_start_at,
        periods.currency_code,
        coalesce(raw_actual.raw_cost, 0) as raw_actual_cost,
        coalesce(focus_rows.billed_cost, 0) as focus_billed_cost,
        coalesce(quarantined_rows.quarantined_cost, 0) as quarantined_cost

    from periods

    left join raw_actual
        on periods.billing_period_start_at is not distinct from raw_actual.billing_period_start_at
            and periods.currency_code is not distinct from raw_actual.currency_code

    left join focus_rows
        on periods.billing_period_start_at is not distinct from focus_rows.billing_period_start_at
            and periods.currency_code is not distinct from focus_rows.currency_code

    left join quarantined_rows
        on periods.billing_period_start_at
            is not distinct from quarantined_rows.billing_period_start_at
            and periods.currency_code is not distinct from quarantined_rows.currency_code

)

select * from compared
where abs(raw_actual_cost - focus_billed_cost - quarantined_cost) >= 0.005
