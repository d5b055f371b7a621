{#-
    No cent is lost or double counted: per billing period and currency, Σ BilledCost of the AWS
    rows in the FOCUS mart equals Σ unblended cost of every raw line item read (negations merged
    into covered usage, created unused-commitment rows bill 0). Returns the periods that differ by
    half a cent or more.
-#}
with

raw_line_items as (

    select
        billing_period_start_at,
        currency_code,
        sum(unblended_cost) as raw_unblended_cost,
        count(*) as raw_rows
    from {{ ref('int_aws__line_items_unioned') }}
    group by billing_period_start_at, currency_code

),

focus_rows as (

    select
        BillingPeriodStart as billing_period_start_at,
        BillingCurrency as currency_code,
        sum(BilledCost) as focus_billed_cost,
        sum(x_MergedLineItemCount) as merged_rows
    from {{ ref('focus_cost_and_usage') }}
    where x_Provider = 'aws'
    group by BillingPeriodStart, BillingCurrency

),

compared as (

    select
        raw_line_items.raw_unblended_cost,
        focus_rows.focus_billed_cost,
        raw_line_items.raw_rows,
        focus_rows.merged_rows,
        coalesce(raw_line_items.billing_period_start_at, focus_rows.billing_period_start_at)
            as billing_period_start_at,
        coalesce(raw_line_items.currency_code, focus_rows.currency_code) as currency_code

    from raw_line_items

    full outer join focus_rows
        on raw_line_items.billing_period_start_at = focus_rows.billing_period_start_at
            and raw_line_items.currency_code = focus_rows.currency_code

)

select * from compared
where raw_unblended_cost is null
    or focus_billed_cost is null
    or abs(raw_unblended_cost - focus_billed_cost) >= 0.005
