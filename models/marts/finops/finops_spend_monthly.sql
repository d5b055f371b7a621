{#-
    Spend per billing period x provider x billing account x sub account x service category x service
    x region x billing currency, in the billing currency and in the reporting currency at the latest
    rate on or before the billing period's last day (DECISIONLOG D-701, D-702, D-704).
-#}
with

cost_and_usage as (

    select * from {{ ref('focus_cost_and_usage') }}

),

charges as (

    select
        cast(cost_and_usage.BillingPeriodStart as date) as billing_period_start,
        cast(cost_and_usage.BillingPeriodEnd as date) as billing_period_end,
        cost_and_usage.ProviderName as provider_name,
        cost_and_usage.BillingAccountId as billing_account_id,
        cost_and_usage.BillingAccountName as billing_account_name,
        cost_and_usage.SubAccountId as sub_account_id,
        cost_and_usage.SubAccountName as sub_account_name,
        cost_and_usage.ServiceCategory as service_category,
        cost_and_usage.ServiceName as service_name,
        cost_and_usage.RegionId as region_id,
        cost_and_usage.BillingCurrency as billing_currency,
        cost_and_usage.BilledCost as billed_cost,
        cost_and_usage.EffectiveCost as effective_cost,
        cost_and_usage.ListCost as list_cost,
        cost_and_usage.ContractedCost as contracted_cost,
        -- The same usage-only savings basis as finops_spend_daily (D-704).
        case
            when {{ is_usage_bought('cost_and_usage') }}
                then cost_and_usage.ListCost
            else 0
        end as usage_list_cost,
        case
            when {{ is_usage_bought('cost_and_usage') }}
                then cost_and_usage.ContractedCost
            else 0
        end as usage_contracted_cost,
        case
            when cost_and_usage.ChargeCategory = 'Usage' then cost_and_usage.EffectiveCost
            else 0
        end as usage_effective_cost

    from cost_and_usage

),

monthly as (

    select
        charges.billing_period_start,
        charges.provider_name,
        charges.billing_account_id,
        charges.sub_account_id,
        charges.service_category,
        charges.service_name,
        charges.region_id,
        charges.billing_currency,
        max(charges.billing_period_end) as billing_period_end,
        max(charges.billing_account_name) as billing_account_name,
        max(charges.sub_account_name) as sub_account_name,
        sum(charges.billed_cost) as billed_cost,
        sum(charges.effective_cost) as effective_cost,
        sum(charges.list_cost) as list_cost,
        sum(charges.contracted_cost) as contracted_cost,
        sum(charges.usage_list_cost) as usage_list_cost,
        sum(charges.usage_contracted_cost) as usage_contracted_cost,
        sum(charges.usage_effective_cost) as usage_effective_cost,
        count(*) as charge_count

    from charges

    group by
        charges.billing_period_start,
        charges.provider_name,
        charges.billing_account_id,
        charges.sub_account_id,
        charges.service_category,
        charges.service_name,
        charges.region_id,
        charges.billing_currency

),

-- exchange_rates, converted, final: the rate join and the _reporting columns, shared with
-- finops_spend_daily (macros/finops/finops_spend_in_reporting_currency.sql)
{{ finops_spend_in_reporting_currency(
    'monthly',
    ['billing_period_start', 'billing_period_end'],
    'cast(' ~ dbt.dateadd('day', -1, 'monthly.billing_period_end') ~ ' as date)'
) }}

select * from final
