{#-
    Commitment discounts per billing period x provider x billing account x commitment discount x
    billing currency: used and unused quantity (CommitmentDiscountQuantity of the Used and Unused
    rows, in CommitmentDiscountUnit) and cost (EffectiveCost), utilization, what was paid for the
    commitment, and the savings it brought (DECISIONLOG D-704, D-705).
-#}
with

cost_and_usage as (

    select * from {{ ref('focus_cost_and_usage') }}
    where CommitmentDiscountId is not null

),

commitment_charges as (

    select
        cast(cost_and_usage.BillingPeriodStart as date) as billing_period_start,
        cost_and_usage.ProviderName as provider_name,
        cost_and_usage.BillingAccountId as billing_account_id,
        cost_and_usage.CommitmentDiscountId as commitment_discount_id,
        cost_and_usage.CommitmentDiscountName as commitment_discount_name,
        cost_and_usage.CommitmentDiscountCategory as commitment_discount_category,
        cost_and_usage.CommitmentDiscountType as commitment_discount_type,
        cost_and_usage.CommitmentDiscountUnit as commitment_discount_unit,
        cost_and_usage.BillingCurrency as billing_currency,
        cost_and_usage.ChargeCategory as charge_category,
        cost_and_usage.CommitmentDiscountQuantity as commitment_discount_quantity,
        cost_and_usage.BilledCost as billed_cost,
        cost_and_usage.EffectiveCost as effective_cost,
        cost_and_usage.ListCost as list_cost,
        cost_and_usage.ContractedCost as contracted_cost,
        coalesce(
            cost_and_usage.ChargeCategory = 'Usage'
            and cost_and_usage.CommitmentDiscountStatus = 'Used', false
        ) as is_used,
        coalesce(
            cost_and_usage.ChargeCategory = 'Usage'
            and cost_and_usage.CommitmentDiscountStatus = 'Unused', false
        ) as is_unused

    from cost_and_usage

),

per_commitment as (

    select
        commitment_charges.billing_period_start,
        commitment_charges.provider_name,
        commitment_charges.billing_account_id,
        commitment_charges.commitment_discount_id,
        max(commitment_charges.commitment_discount_name) as commitment_discount_name,
        max(commitment_charges.commitment_discount_category) as commitment_discount_category,
        max(commitment_charges.commitment_discount_type) as commitment_discount_type,
        max(commitment_charges.commitment_discount_unit) as commitment_discount_unit,
        commitment_charges.billing_currency,
        sum(case when commitment_charges.is_used
                then commitment_charges.commitment_discount_quantity
            else 0
        end) as used_quantity,
        sum(case when commitment_charges.is_unused
                then commitment_charges.commitment_discount_quantity
            else 0
        end) as unused_quantity,
        sum(case when commitment_charges.is_used
                then commitment_charges.effective_cost
            else 0
        end) as used_effective_cost,
        sum(case when commitment_charges.is_unused
                then commitment_charges.effective_cost
            else 0
        end) as unused_effective_cost,
        sum(case when commitment_charges.is_used
                then commitment_charges.list_cost
            else 0
        end) as used_list_cost,
        sum(case when commitment_charges.is_used
                then commitment_charges.contracted_cost
            else 0
        end) as used_contracted_cost,
        sum(case when commitment_charges.charge_category = 'Purchase'
                then commitment_charges.billed_cost
            else 0
        end) as purchase_billed_cost,
        cast(
            sum(case when commitment_charges.is_used then 1 else 0 end)
            as {{ dbt.type_bigint() }}
        ) as used_charge_count,
        cast(
            sum(case when commitment_charges.is_unused then 1 else 0 end)
            as {{ dbt.type_bigint() }}
        ) as unused_charge_count

    from commitment_charges

    group by
        commitment_charges.billing_period_start,
        commitment_charges.provider_name,
        commitment_charges.billing_account_id,
        commitment_charges.commitment_discount_id,
        commitment_charges.billing_currency

),

final as (

    select
        per_commitment.billing_period_start,
        per_commitment.provider_name,
        per_commitment.billing_account_id,
        per_commitment.commitment_discount_id,
        per_commitment.commitment_discount_name,
        per_commitment.commitment_discount_category,
        per_commitment.commitment_discount_type,
        per_commitment.commitment_discount_unit,
        per_commitment.billing_currency,
        {{ to_focus_decimal('per_commitment.used_quantity') }} as used_quantity,
        {{ to_focus_decimal('per_commitment.unused_quantity') }} as unused_quantity,
        case
            when per_commitment.used_quantity + per_commitment.unused_quantity <> 0
                then {{ to_focus_decimal(
                    'per_commitment.used_quantity'
                    ~ ' / (per_commitment.used_quantity + per_commitment.unused_quantity)'
                ) }}
        end as utilization,
        {{ to_focus_decimal('per_commitment.used_effective_cost') }} as used_effective_cost,
        {{ to_focus_decimal('per_commitment.unused_effective_cost') }} as unused_effective_cost,
        case
            when per_commitment.used_effective_cost + per_commitment.unused_effective_cost <> 0
                then {{ to_focus_decimal(
                    'per_commitment.used_effective_cost / (per_commitment.used_effective_cost'
                    ~ ' + per_commitment.unused_effective_cost)'
                ) }}
        end as cost_utilization,
        {{ to_focus_decimal('per_commitment.purchase_billed_cost') }} as purchase_billed_cost,
        {{ to_focus_decimal('per_commitment.used_list_cost') }} as used_list_cost,
        {{ to_focus_decimal('per_commitment.used_contracted_cost') }} as used_contracted_cost,
        {{ to_focus_decimal(
            'per_commitment.used_list_cost - per_commitment.used_contracted_cost'
        ) }} as negotiated_savings,
        {{ to_focus_decimal(
            'per_commitment.used_contracted_cost - per_commitment.used_effective_cost'
            ~ ' - per_commitment.unused_effective_cost'
        ) }} as commitment_savings,
        {{ to_focus_decimal(
            'per_commitment.used_list_cost - per_commitment.used_effective_cost'
            ~ ' - per_commitment.unused_effective_cost'
        ) }} as total_savings,
        case
            when per_commitment.used_list_cost <> 0
                then {{ to_focus_decimal(
                    '(per_commitment.used_list_cost - per_commitment.used_effective_cost'
                    ~ ' - per_commitment.unused_effective_cost) / per_commitment.used_list_cost'
                ) }}
        end as effective_savings_rate,
        per_commitment.used_charge_count,
        per_commitment.unused_charge_count

    from per_commitment

)

select * from final
