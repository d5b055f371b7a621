{#-
    No cent is lost or double counted: per billing period and currency, Σ unblended cost of every
    raw AWS line item read equals Σ BilledCost of the AWS rows in the FOCUS mart (negations merged
    into covered usage, created unused-commitment rows bill 0) plus Σ cost of the quarantined rows
    (including second deliveries of a line item). Returns the periods that differ by half a cent or
    more. Rows whose billing period or cost did not cast reconcile under a null period / as 0.
    A run that rebuilds listed billing periods (var focus_billing_periods) reads only those periods
    of the raw line items, so only those are compared.
-#}
with

raw_line_items as (

    select
        billing_period_start_at,
        currency_code,
        coalesce(sum(unblended_cost), 0) as raw_unblended_cost,
        count(*) as raw_rows
    from {{ ref('int_aws__line_items_unioned') }}
    group by billing_period_start_at, currency_code

),

focus_rows as (

    select
        BillingPeriodStart as billing_period_start_at,
        BillingCurrency as currency_code,
        sum(BilledCost) as billed_cost,
        sum(x_MergedLineItemCount) as merged_rows
    from {{ ref('focus_cost_and_usage') }}
    -- AWS's native FOCUS export rows (x_SourceSystem aws_focus_*) reconcile in tests/focus_export
    where
        x_Provider = 'aws' and x_SourceSystem like 'aws_cur%' and x_RowOrigin = 'source'
        and {{ billing_periods_condition('BillingPeriodStart') }}
    group by BillingPeriodStart, BillingCurrency

),

quarantined_rows as (

    select
        billing_period_start_at,
        currency_code,
        coalesce(sum(unblended_cost), 0) as quarantined_cost,
        count(*) as quarantined_rows
    from {{ ref('focus_quarantined_line_items') }}
    where
        provider = 'aws' and source_system like 'aws_cur%'
        and {{ billing_periods_condition('billing_period_start_at') }}
    group by billing_period_start_at, currency_code

),

periods as (

    select
        billing_period_start_at,
        currency_code
    from raw_line_items
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
        coalesce(raw_line_items.raw_unblended_cost, 0) as raw_unblended_cost,
        coalesce(focus_rows.billed_cost, 0) as focus_billed_cost,
        coalesce(quarantined_rows.quarantined_cost, 0) as quarantined_cost,
        coalesce(raw_line_items.raw_rows, 0) as raw_rows,
        coalesce(focus_rows.merged_rows, 0) + coalesce(quarantined_rows.quarantined_rows, 0)
            as accounted_rows

    from periods

    left join raw_line_items
        on periods.billing_period_start_at
            is not distinct from raw_line_items.billing_period_start_at
            and periods.currency_code is not distinct from raw_line_items.currency_code

    left join focus_rows
        on periods.billing_period_start_at is not distinct from focus_rows.billing_period_start_at
            and periods.currency_code is not distinct from focus_rows.currency_code

    left join quarantined_rows
        on periods.billing_period_start_at
            is not distinct from quarantined_rows.billing_period_start_at
            and periods.currency_code is not distinct from quarantined_rows.currency_code

)

select * from compared
where abs(raw_unblended_cost - focus_billed_cost - quarantined_cost) >= 0.005
    or raw_rows <> accounted_rows
