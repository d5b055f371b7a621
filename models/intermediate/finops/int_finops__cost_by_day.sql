{#-
    Cost per UTC day for the day-based FinOps marts (anomalies, budget burn): usage-based charges
    are spread evenly over the days their charge period touches (a month-long unused-commitment row
    becomes 1/28..1/31 of it a day), other charges (purchases, fees, taxes, one-time credits) stay
    whole on the first day of their charge period (DECISIONLOG D-706).
-#}
with

cost_and_usage as (

    select * from {{ ref('focus_cost_and_usage') }}

),

calendar as (

    select date_day from {{ ref('metricflow_time_spine') }}

),

charges as (

    select
        cast(cost_and_usage.ChargePeriodStart as date) as first_day,
        case
            when coalesce(cost_and_usage.ChargeFrequency = 'Usage-Based', false)
                and cost_and_usage.ChargePeriodEnd > cost_and_usage.ChargePeriodStart
                then cast({{ dbt.dateadd('second', -1, 'cost_and_usage.ChargePeriodEnd') }} as date)
            else cast(cost_and_usage.ChargePeriodStart as date)
        end as last_day,
        coalesce(cost_and_usage.ChargeFrequency = 'Usage-Based', false) as is_usage_based,
        cost_and_usage.ProviderName as provider_name,
        cost_and_usage.BillingAccountId as billing_account_id,
        cost_and_usage.SubAccountId as sub_account_id,
        cost_and_usage.ServiceCategory as service_category,
        cost_and_usage.ServiceName as service_name,
        cost_and_usage.BillingCurrency as billing_currency,
        cost_and_usage.BilledCost as billed_cost,
        cost_and_usage.EffectiveCost as effective_cost

    from cost_and_usage

),

day_counts as (

    select
        charges.*,
        {{ days_between('charges.first_day', 'charges.last_day') }} + 1 as day_count

    from charges

),

-- Each day gets the share rounded to the decimal type; the last day gets the remainder, so the
-- days of a charge add up to the charge exactly.
shares as (

    select
        day_counts.*,
        {{ to_focus_decimal('day_counts.billed_cost / day_counts.day_count') }} as billed_share,
        {{ to_focus_decimal('day_counts.effective_cost / day_counts.day_count') }}
            as effective_share

    from day_counts

),

spread as (

    select
        calendar.date_day as charge_date,
        shares.is_usage_based,
        shares.provider_name,
        shares.billing_account_id,
        shares.sub_account_id,
        shares.service_category,
        shares.service_name,
        shares.billing_currency,
        case
            when calendar.date_day = shares.last_day
                then shares.billed_cost - shares.billed_share * (shares.day_count - 1)
            else shares.billed_share
        end as billed_cost,
        case
            when calendar.date_day = shares.last_day
                then shares.effective_cost - shares.effective_share * (shares.day_count - 1)
            else shares.effective_share
        end as effective_cost

    from shares

    inner join calendar
        on shares.first_day <= calendar.date_day
            and shares.last_day >= calendar.date_day

),

final as (

    select
        spread.charge_date,
        spread.is_usage_based,
        spread.provider_name,
        spread.billing_account_id,
        spread.sub_account_id,
        spread.service_category,
        spread.service_name,
        spread.billing_currency,
        {{ to_focus_decimal('sum(spread.billed_cost)') }} as billed_cost,
        {{ to_focus_decimal('sum(spread.effective_cost)') }} as effective_cost

    from spread

    group by
        spread.charge_date,
        spread.is_usage_based,
        spread.provider_name,
        spread.billing_account_id,
        spread.sub_account_id,
        spread.service_category,
        spread.service_name,
        spread.billing_currency

)

select * from final
