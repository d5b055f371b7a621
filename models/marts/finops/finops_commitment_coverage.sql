{#-
    Commitment coverage per billing period x provider x billing account x service x billing
    currency: of the usage eligible for a commitment discount, the share (by ContractedCost, the
    cost before commitment discounts) that a commitment covered (DECISIONLOG D-705).
-#}
with

cost_and_usage as (

    select * from {{ ref('focus_cost_and_usage') }}

),

exchange_rates as (

    select * from {{ ref('int_finops__exchange_rates_daily') }}
    where to_currency = '{{ var("finops_reporting_currency") }}'

),

usage_charges as (

    select
        cast(cost_and_usage.BillingPeriodStart as date) as billing_period_start,
        cast(cost_and_usage.BillingPeriodEnd as date) as billing_period_end,
        cost_and_usage.ProviderName as provider_name,
        cost_and_usage.BillingAccountId as billing_account_id,
        cost_and_usage.ServiceName as service_name,
        cost_and_usage.BillingCurrency as billing_currency,
        cost_and_usage.ContractedCost as contracted_cost,
        cost_and_usage.EffectiveCost as effective_cost,
        coalesce(cost_and_usage.CommitmentDiscountStatus = 'Used', false) as is_covered

    from cost_and_usage

    where
        cost_and_usage.ChargeCategory = 'Usage'
        and cost_and_usage.PricingCategory in ('Standard', 'Committed')
        and (
            cost_and_usage.CommitmentDiscountStatus is null
            or cost_and_usage.CommitmentDiscountStatus = 'Used'
        )

),

-- A service is eligible in a billing period and billing account when a commitment discount was
-- applied to some of its usage there.
eligible_services as (

    select distinct
        usage_charges.billing_period_start,
        usage_charges.provider_name,
        usage_charges.billing_account_id,
        usage_charges.service_name

    from usage_charges

    where usage_charges.is_covered

),

coverage as (

    select
        usage_charges.billing_period_start,
        usage_charges.provider_name,
        usage_charges.billing_account_id,
        usage_charges.service_name,
        usage_charges.billing_currency,
        max(usage_charges.billing_period_end) as billing_period_end,
        sum(usage_charges.contracted_cost) as eligible_contracted_cost,
        sum(case when usage_charges.is_covered then usage_charges.contracted_cost else 0 end)
            as covered_contracted_cost,
        sum(usage_charges.effective_cost) as eligible_effective_cost,
        count(*) as eligible_charge_count,
        cast(
            sum(case when usage_charges.is_covered then 1 else 0 end)
            as {{ dbt.type_bigint() }}
        ) as covered_charge_count

    from usage_charges

    inner join eligible_services
        on usage_charges.billing_period_start = eligible_services.billing_period_start
            and usage_charges.provider_name = eligible_services.provider_name
            and usage_charges.billing_account_id = eligible_services.billing_account_id
            and usage_charges.service_name = eligible_services.service_name

    group by
        usage_charges.billing_period_start,
        usage_charges.provider_name,
        usage_charges.billing_account_id,
        usage_charges.service_name,
        usage_charges.billing_currency

),

-- Converted at the period-end rate, as finops_spend_monthly (DECISIONLOG D-702).
converted as (

    select
        coverage.*,
        case
            when coverage.billing_currency = '{{ var("finops_reporting_currency") }}'
                then {{ to_focus_decimal(1) }}
            else exchange_rates.exchange_rate
        end as exchange_rate

    from coverage

    left join exchange_rates
        on coverage.billing_currency = exchange_rates.from_currency
            and cast({{ dbt.dateadd('day', -1, 'coverage.billing_period_end') }} as date)
            = exchange_rates.rate_day

),

final as (

    select
        converted.billing_period_start,
        converted.provider_name,
        converted.billing_account_id,
        converted.service_name,
        converted.billing_currency,
        {{ to_focus_decimal('converted.eligible_contracted_cost') }} as eligible_contracted_cost,
        {{ to_focus_decimal('converted.covered_contracted_cost') }} as covered_contracted_cost,
        {{ to_focus_decimal(
            'converted.eligible_contracted_cost - converted.covered_contracted_cost'
        ) }}
            as uncovered_contracted_cost,
        case
            when converted.eligible_contracted_cost <> 0
                then {{ to_focus_decimal(
                    'converted.covered_contracted_cost / converted.eligible_contracted_cost'
                ) }}
        end as commitment_coverage,
        {{ to_focus_decimal('converted.eligible_effective_cost') }} as eligible_effective_cost,
        converted.eligible_charge_count,
        converted.covered_charge_count,
        '{{ var("finops_reporting_currency") }}' as reporting_currency,
        converted.exchange_rate,
        {{ to_focus_decimal('converted.eligible_contracted_cost * converted.exchange_rate') }}
            as eligible_contracted_cost_reporting,
        {{ to_focus_decimal('converted.covered_contracted_cost * converted.exchange_rate') }}
            as covered_contracted_cost_reporting

    from converted

)

select * from final
