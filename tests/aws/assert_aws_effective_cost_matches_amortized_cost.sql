{#-
    Σ EffectiveCost of the AWS rows equals AWS's documented amortized cost of the raw line items
    that reached FOCUS (quarantined rows and second deliveries excluded), per billing period and
    currency. The formula is written out here from AWS's definition (Cloud
    Intelligence Dashboards summary view, CUR query library), independently of the line-item-type
    seed the models use, so a wrong seed row shows up here. Returns periods that differ by half a
    cent or more. A run that rebuilds listed billing periods (var focus_billing_periods) compares
    those.
-#}
with

raw_line_items as (

    select
        billing_period_start_at,
        currency_code,
        sum(
            case
                when line_item_type = 'SavingsPlanCoveredUsage' then savings_plan_effective_cost
                when line_item_type = 'SavingsPlanRecurringFee'
                    then savings_plan_total_commitment - savings_plan_used_commitment
                when line_item_type = 'SavingsPlanNegation' then 0
                when line_item_type = 'SavingsPlanUpfrontFee' then 0
                when line_item_type = 'DiscountedUsage' then reservation_effective_cost
                when line_item_type = 'RIFee'
                    then coalesce(reservation_unused_amortized_upfront_fee, 0)
                        + coalesce(reservation_unused_recurring_fee, 0)
                when line_item_type = 'Fee' and coalesce(reservation_arn, '') <> '' then 0
                else unblended_cost
            end
        ) as amortized_cost
    from {{ ref('int_aws__line_items_checked') }}
    where quarantine_reason is null and not is_duplicate
    group by billing_period_start_at, currency_code

),

focus_rows as (

    select
        BillingPeriodStart as billing_period_start_at,
        BillingCurrency as currency_code,
        sum(EffectiveCost) as focus_effective_cost
    from {{ ref('focus_cost_and_usage') }}
    -- not AWS's native FOCUS export rows (x_SourceSystem aws_focus_*)
    where
        x_Provider = 'aws' and x_SourceSystem like 'aws_cur%'
        and {{ billing_periods_condition('BillingPeriodStart') }}
    group by BillingPeriodStart, BillingCurrency

)

select
    raw_line_items.*,
    focus_rows.focus_effective_cost

from raw_line_items

full outer join focus_rows
    on raw_line_items.billing_period_start_at = focus_rows.billing_period_start_at
        and raw_line_items.currency_code = focus_rows.currency_code

where raw_line_items.amortized_cost is null
    or focus_rows.focus_effective_cost is null
    or abs(raw_line_items.amortized_cost - focus_rows.focus_effective_cost) >= 0.005
