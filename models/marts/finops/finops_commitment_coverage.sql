{#-
    Commitment coverage per billing period x provider x billing account x service x billing
    currency: of the usage eligible for a commitment discount, the share (by ContractedCost, the
    cost before commitment discounts) that a commitment covered (DECISIONLOG D-705).
-#}
with

cost_and_usage as (

    select * from {{ ref('focus_cost_and_usage') }}

),

usage_charges as (

    select
        cast(cost_and_usage.BillingPeriodStart as date) as billing_period_start,
        cost_and_usage.ProviderName as provider_name,
        cost_and_usage.BillingAccountId as billing_account_id,
        cost_and_usage.ServiceName as service_name,
        cost_and_usage.BillingCurrency as billing_currency,
        coalesce(cost_and_usage.CommitmentDiscountStatus = 'Used', false) as is_covered,
        cost_and_usage.ContractedCost as contracted_cost,
        cost_and_usage.EffectiveCost as effective_cost

    from cost_and_usage

    where
        cost_and_usage.ChargeCategory = 'Usage'
        and cost_and_usage.PricingCategory in ('Standard', 'Committed')
        and (cost_and_usage.CommitmentDiscountStatus is null
            or cost_and_usage.CommitmentDiscountStatus = 'Used')

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
        sum(usage_charges.contracted_cost) as eligible_contracted_cost,
        sum(case when usage_charges.is_covered then usage_charges.contracted_cost else 0 end)
            as covered_contracted_cost,
        sum(usage_charges.effective_cost) as eligible_effective_cost,
        count(*) as eligible_charge_count,
        cast(sum(case when usage_charges.is_covered then 1 else 0 end)
            as {{ dbt.type_bigint() }}) as covered_charge_count

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

final as (

    select
        coverage.billing_period_start,
        coverage.provider_name,
        coverage.billing_account_id,
        coverage.service_name,
        coverage.billing_currency,
        {{ to_focus_decimal('coverage.eligible_contracted_cost') }} as eligible_contracted_cost,
        {{ to_focus_decimal('coverage.covered_contracted_cost') }} as covered_contracted_cost,
        {{ to_focus_decimal('coverage.eligible_contracted_cost - coverage.covered_contracted_cost') }}
            as uncovered_contracted_cost,
        case
            when coverage.eligible_contracted_cost <> 0
                then {{ to_focus_decimal(
                    'coverage.covered_contracted_cost / coverage.eligible_contracted_cost'
                ) }}
        end as commitment_coverage,
        {{ to_focus_decimal('coverage.eligible_effective_cost') }} as eligible_effective_cost,
        coverage.eligible_charge_count,
        coverage.covered_charge_count

    from coverage

)

select * from final
