{#-
    Cost by allocation tag: for each tag key of var finops_allocation_tag_keys, the day's cost per
    provider x billing account x sub account x billing currency x value of that tag, with the cost
    whose charges lack the tag as the unallocated row (allocation_value null). Keys are matched in
    lower case (DECISIONLOG D-703).
-#}
with

cost_and_usage as (

    select * from {{ ref('focus_cost_and_usage') }}

),

allocation_keys as (

    {{ finops_tag_keys_values('finops_allocation_tag_keys') }}

),

charges as (

    select
        cast(cost_and_usage.ChargePeriodStart as date) as charge_date,
        cost_and_usage.ProviderName as provider_name,
        cost_and_usage.BillingAccountId as billing_account_id,
        cost_and_usage.SubAccountId as sub_account_id,
        cost_and_usage.SubAccountName as sub_account_name,
        cost_and_usage.BillingCurrency as billing_currency,
        cost_and_usage.Tags as tags_json,
        cost_and_usage.BilledCost as billed_cost,
        cost_and_usage.EffectiveCost as effective_cost

    from cost_and_usage

),

charges_by_key as (

    select
        charges.charge_date,
        charges.provider_name,
        charges.billing_account_id,
        charges.sub_account_id,
        charges.sub_account_name,
        charges.billing_currency,
        allocation_keys.tag_key as allocation_key,
        {{ get_json_value_by_key('charges.tags_json', 'allocation_keys.tag_key') }}
            as allocation_value,
        charges.billed_cost,
        charges.effective_cost

    from charges

    cross join allocation_keys

),

daily as (

    select
        charges_by_key.charge_date,
        charges_by_key.provider_name,
        charges_by_key.billing_account_id,
        charges_by_key.sub_account_id,
        charges_by_key.billing_currency,
        charges_by_key.allocation_key,
        charges_by_key.allocation_value,
        max(charges_by_key.sub_account_name) as sub_account_name,
        sum(charges_by_key.billed_cost) as billed_cost,
        sum(charges_by_key.effective_cost) as effective_cost,
        count(*) as charge_count

    from charges_by_key

    group by
        charges_by_key.charge_date,
        charges_by_key.provider_name,
        charges_by_key.billing_account_id,
        charges_by_key.sub_account_id,
        charges_by_key.billing_currency,
        charges_by_key.allocation_key,
        charges_by_key.allocation_value

),

-- exchange_rates, converted: the day's rate into the reporting currency
-- (macros/finops/finops_with_reporting_rate.sql, shared with the spend marts)
{{ finops_with_reporting_rate('daily', 'daily.charge_date') }},

final as (

    select
        converted.charge_date,
        converted.provider_name,
        converted.billing_account_id,
        converted.sub_account_id,
        converted.sub_account_name,
        converted.billing_currency,
        converted.allocation_key,
        converted.allocation_value,
        converted.allocation_value is not null as is_allocated,
        {{ to_focus_decimal('converted.billed_cost') }} as billed_cost,
        {{ to_focus_decimal('converted.effective_cost') }} as effective_cost,
        converted.charge_count,
        converted.reporting_currency,
        converted.exchange_rate,
        converted.exchange_rate_date,
        {{ to_focus_decimal('converted.billed_cost * converted.exchange_rate') }}
            as billed_cost_reporting,
        {{ to_focus_decimal('converted.effective_cost * converted.exchange_rate') }}
            as effective_cost_reporting

    from converted

)

select * from final
