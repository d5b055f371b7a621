{#-
    No cent is lost or double counted: per billing period and currency, Σ amount of every raw
    openai cost result read (every page file, second deliveries included) equals Σ BilledCost of the
    openai rows in the FOCUS mart plus Σ cost of the quarantined rows. Which raw rows are not one
    FOCUS row each: second deliveries and cost results without a usage quantity are quarantined;
    no raw rows are merged; the rows created for usage no cost result charged
    (derived_usage_without_cost) bill 0 and are left out of the row count. Returns the periods
    that differ by half a cent or more, or in rows.
-#}
with

raw_cost_results as (

    select
        billing_period_start_at,
        currency_code,
        coalesce(sum(amount), 0) as raw_cost,
        count(*) as raw_rows
    from {{ ref('int_openai__costs_checked') }}
    group by billing_period_start_at, currency_code

),

focus_rows as (

    select
        BillingPeriodStart as billing_period_start_at,
        BillingCurrency as currency_code,
        sum(BilledCost) as billed_cost,
        sum(x_MergedLineItemCount) as source_rows
    from {{ ref('focus_cost_and_usage') }}
    where x_Provider = 'openai'
    group by BillingPeriodStart, BillingCurrency

),

quarantined_rows as (

    select
        billing_period_start_at,
        currency_code,
        coalesce(sum(unblended_cost), 0) as quarantined_cost,
        count(*) as quarantined_rows
    from {{ ref('focus_quarantined_line_items') }}
    where provider = 'openai'
    group by billing_period_start_at, currency_code

),

periods as (

    select
        billing_period_start_at,
        currency_code
    from raw_cost_results
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
        coalesce(raw_cost_results.raw_cost, 0) as raw_cost,
        coalesce(focus_rows.billed_cost, 0) as focus_billed_cost,
        coalesce(quarantined_rows.quarantined_cost, 0) as quarantined_cost,
        coalesce(raw_cost_results.raw_rows, 0) as raw_rows,
        coalesce(focus_rows.source_rows, 0) + coalesce(quarantined_rows.quarantined_rows, 0)
            as accounted_rows

    from periods

    left join raw_cost_results
        on periods.billing_period_start_at
            is not distinct from raw_cost_results.billing_period_start_at
            and periods.currency_code is not distinct from raw_cost_results.currency_code

    left join focus_rows
        on periods.billing_period_start_at is not distinct from focus_rows.billing_period_start_at
            and periods.currency_code is not distinct from focus_rows.currency_code

    left join quarantined_rows
        on periods.billing_period_start_at
            is not distinct from quarantined_rows.billing_period_start_at
            and periods.currency_code is not distinct from quarantined_rows.currency_code

)

select * from compared
where abs(raw_cost - focus_billed_cost - quarantined_cost) >= 0.005
    or raw_rows <> accounted_rows
