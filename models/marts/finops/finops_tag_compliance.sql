{#-
    Tag compliance per billing period x provider x sub account x billing currency x required tag
    key (var finops_required_tag_keys): of the taggable charges (usage, unused commitment aside),
    how many carry a non-empty value of the key, by count and by EffectiveCost (DECISIONLOG D-703).
-#}
with

cost_and_usage as (

    select * from {{ ref('focus_cost_and_usage') }}

),

required_keys as (

    {{ finops_tag_keys_values('finops_required_tag_keys') }}

),

taggable_charges as (

    select
        cast(cost_and_usage.BillingPeriodStart as date) as billing_period_start,
        cost_and_usage.ProviderName as provider_name,
        cost_and_usage.SubAccountId as sub_account_id,
        cost_and_usage.SubAccountName as sub_account_name,
        cost_and_usage.BillingCurrency as billing_currency,
        cost_and_usage.Tags as tags_json,
        cost_and_usage.EffectiveCost as effective_cost

    from cost_and_usage

    where {{ is_usage_bought('cost_and_usage') }}

),

checked as (

    select
        taggable_charges.billing_period_start,
        taggable_charges.provider_name,
        taggable_charges.sub_account_id,
        taggable_charges.sub_account_name,
        taggable_charges.billing_currency,
        required_keys.tag_key,
        {{ get_json_value_by_key('taggable_charges.tags_json', 'required_keys.tag_key') }}
            as tag_value,
        taggable_charges.effective_cost

    from taggable_charges

    cross join required_keys

),

compliance as (

    select
        checked.billing_period_start,
        checked.provider_name,
        checked.sub_account_id,
        max(checked.sub_account_name) as sub_account_name,
        checked.billing_currency,
        checked.tag_key,
        count(*) as taggable_charge_count,
        cast(
            sum(
                case when checked.tag_value is not null then 1 else 0 end
            ) as {{ dbt.type_bigint() }}
        )
            as compliant_charge_count,
        sum(checked.effective_cost) as taggable_effective_cost,
        sum(case when checked.tag_value is not null then checked.effective_cost else 0 end)
            as compliant_effective_cost,
        count(distinct checked.tag_value) as distinct_value_count

    from checked

    group by
        checked.billing_period_start,
        checked.provider_name,
        checked.sub_account_id,
        checked.billing_currency,
        checked.tag_key

),

final as (

    select
        compliance.billing_period_start,
        compliance.provider_name,
        compliance.sub_account_id,
        compliance.sub_account_name,
        compliance.billing_currency,
        compliance.tag_key,
        compliance.taggable_charge_count,
        compliance.compliant_charge_count,
        cast(
            compliance.taggable_charge_count - compliance.compliant_charge_count
            as {{ dbt.type_bigint() }}
        ) as non_compliant_charge_count,
        {{ to_focus_decimal(
            'cast(compliance.compliant_charge_count as ' ~ type_focus_decimal() ~ ')'
            ~ ' / compliance.taggable_charge_count'
        ) }} as charge_compliance_rate,
        {{ to_focus_decimal('compliance.taggable_effective_cost') }} as taggable_effective_cost,
        {{ to_focus_decimal('compliance.compliant_effective_cost') }} as compliant_effective_cost,
        {{ to_focus_decimal(
            'compliance.taggable_effective_cost - compliance.compliant_effective_cost'
        ) }} as non_compliant_effective_cost,
        case
            when compliance.taggable_effective_cost <> 0
                then {{ to_focus_decimal(
                    'compliance.compliant_effective_cost / compliance.taggable_effective_cost'
                ) }}
        end as cost_compliance_rate,
        compliance.distinct_value_count

    from compliance

)

select * from final
