{#-
    FOCUS asks for the unused part of a commitment as its own Usage row per charge period, with
    CommitmentDiscountStatus 'Unused' (spec: commitment discount handling). CUR carries that amount
    on the recurring fee lines instead, so one row is created from each RIFee and
    SavingsPlanRecurringFee line whose unused amount is not zero:
      - RI: unused amortized upfront fee + unused recurring fee, for the unused hours;
      - Savings Plan: total commitment to date - used commitment, in the billing currency.
    BilledCost is 0 (the fee line carries the billed amount); EffectiveCost is the unused amount,
    so Σ EffectiveCost equals AWS's amortized cost. One row per fee line with an unused amount.
-#}
with

fee_lines as (

    select * from {{ ref('int_aws__line_items_mapped') }}
    where creates_unused_commitment_row and not is_quarantined

),

unused_amounts as (

    select
        *,
        case
            when commitment_discount_category = 'Spend'
                then savings_plan_total_commitment - savings_plan_used_commitment
            else coalesce(reservation_unused_amortized_upfront_fee, 0)
                + coalesce(reservation_unused_recurring_fee, 0)
        end as unused_cost,
        case
            when commitment_discount_category = 'Spend'
                then savings_plan_total_commitment - savings_plan_used_commitment
            else coalesce(nullif(reservation_unused_quantity, 0), 1)
        end as unused_quantity

    from fee_lines

),

unit_priced as (

    select
        *,
        case
            when commitment_discount_category = 'Spend' then 1
            else {{ to_focus_decimal('unused_cost / unused_quantity') }}
        end as unused_unit_price

    from unused_amounts
    where unused_cost <> 0

),

derived as (

    select
        * replace (
            'Usage' as charge_category,
            cast(null as {{ dbt.type_string() }}) as charge_class,
            'Usage-Based' as charge_frequency,
            'Unused ' || commitment_discount_type || ' commitment' as charge_description,
            'Committed' as pricing_category,
            'Unused' as commitment_discount_status,
            {{ to_focus_decimal('0') }} as billed_cost,
            unused_cost as effective_cost,
            {{ to_focus_decimal('unused_unit_price * unused_quantity') }} as list_cost,
            unused_unit_price as list_unit_price,
            {{ to_focus_decimal('unused_unit_price * unused_quantity') }} as contracted_cost,
            unused_unit_price as contracted_unit_price,
            unused_quantity as pricing_quantity,
            case
                when commitment_discount_category = 'Spend' then billing_currency else pricing_unit
            end as pricing_unit,
            unused_quantity as commitment_discount_quantity,
            cast(null as {{ type_focus_decimal() }}) as consumed_quantity,
            cast(null as {{ dbt.type_string() }}) as consumed_unit,
            false as creates_unused_commitment_row
        )

    from unit_priced

)

select * from derived
