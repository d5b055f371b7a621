{#-
    The Azure cost details rows that would reach FOCUS but do not, each with the reason: a value
    that did not cast, an empty key column, an unknown currency or a missing exchange rate.
    `unblended_cost` is what the row would have added to BilledCost (the actual cost it stands
    for: 0 for commitment-covered and unused commitment rows of the amortized dataset, D-101), so
    per billing period Σ raw actual cost = Σ BilledCost + Σ unblended_cost here, to the cent.
    Actual-cost rows replaced by their amortized twins are not here: FOCUS carries their cost.
    One row per quarantined raw row.
-#}
with

checked as (

    select * from {{ ref('int_azure__cost_details_checked') }}
    where quarantine_reason is not null and not is_replaced_by_amortized

),

charge_types as (

    select * from {{ ref('map_azure__charge_types') }}

),

pricing_models as (

    select * from {{ ref('map_azure__pricing_models') }}

),

quarantined as (

    select
        'azure' as provider,
        checked.source_system,
        checked.source_file,
        checked.line_item_id,
        cast(checked.charge_day as {{ dbt.type_string() }}) as time_interval,
        checked.effective_charge_type as line_item_type,
        checked.billing_period_start_at,
        checked.charge_date as usage_start_at,
        checked.billing_currency as currency_code,
        case
            when
                checked.dataset = 'amortized'
                and pricing_models.pricing_category = 'Committed'
                and charge_types.billed_cost_when_commitment = 'zero'
                then {{ to_focus_decimal('0') }}
            else checked.cost_in_billing_currency
        end as unblended_cost,
        checked.cast_failures,
        false as is_duplicate,
        checked.quarantine_reason

    from checked

    left join charge_types
        on checked.effective_charge_type = charge_types.charge_type

    left join pricing_models
        on checked.pricing_model = pricing_models.pricing_model

)

select * from quarantined
