{#-
    No cent is lost or double counted: per invoice month (billing period) and currency, Σ (cost +
    Σ credits) of every Google Cloud export row read equals Σ BilledCost of the GCP rows in the
    FOCUS mart plus Σ (cost + credits) of the quarantined rows. Merged: the credits of type
    `folded` go into their row's BilledCost. Created: one Credit row per credit of type
    `credit_row` (x_RowOrigin derived_credit, x_MergedLineItemCount 0). Quarantined: copies of a row
    already read and rows missing a key value. Rows: export rows read = Σ x_MergedLineItemCount
    (1 per export row in FOCUS) + quarantined rows. Returns the periods that differ by half a cent
    or more, or in rows.
-#}
with

raw_rows as (

    select
        billing_period_start_at,
        currency_code,
        coalesce(sum(coalesce(cost, 0) + coalesce(credits_amount, 0)), 0) as raw_cost,
        count(*) as raw_rows
    from {{ ref('int_gcp__billing_rows_checked') }}
    group by billing_period_start_at, currency_code

),

focus_rows as (

    select
        BillingPeriodStart as billing_period_start_at,
        BillingCurrency as currency_code,
        sum(BilledCost) as billed_cost,
        sum(x_MergedLineItemCount) as merged_rows
    from {{ ref('focus_cost_and_usage') }}
    where x_SourceSystem = 'gcp_billing_export_resource_v1'
    group by BillingPeriodStart, BillingCurrency

),

quarantined_rows as (

    select
        billing_period_start_at,
        currency_code,
        coalesce(sum(unblended_cost), 0) as quarantined_cost,
        count(*) as quarantined_rows
    from {{ ref('focus_quarantined_line_items') }}
    where provider = 'gcp'
    group by billing_period_start_at, currency_code

),

periods as (

    select
        billing_period_start_at,
        currency_code
    from raw_rows
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
        coalesce(raw_rows.raw_cost, 0) as raw_cost,
        coalesce(focus_rows.billed_cost, 0) as focus_billed_cost,
        coalesce(quarantined_rows.quarantined_cost, 0) as quarantined_cost,
        coalesce(raw_rows.raw_rows, 0) as raw_rows,
        coalesce(focus_rows.merged_rows, 0) + coalesce(quarantined_rows.quarantined_rows, 0)
            as accounted_rows

    from periods

    left join raw_rows
        on periods.billing_period_start_at is not distinct from raw_rows.billing_period_start_at
            and periods.currency_code is not distinct from raw_rows.currency_code

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
