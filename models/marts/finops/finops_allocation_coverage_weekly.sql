{#-
    Allocation coverage per ISO week (Monday start) x provider x billing currency x allocation key:
    allocated, unallocated and total EffectiveCost, coverage = allocated / total, and the unallocated
    cost's change from the week before (DECISIONLOG D-703).
-#}
with

allocation as (

    select * from {{ ref('finops_allocation_daily') }}

),

weekly as (

    select
        {{ week_start('allocation.charge_date') }} as week_start,
        allocation.provider_name,
        allocation.billing_currency,
        allocation.allocation_key,
        sum(allocation.effective_cost) as total_effective_cost,
        sum(case when allocation.is_allocated then allocation.effective_cost else 0 end)
            as allocated_effective_cost,
        sum(case when allocation.is_allocated then 0 else allocation.effective_cost end)
            as unallocated_effective_cost,
        sum(allocation.effective_cost_reporting) as total_effective_cost_reporting,
        sum(case when allocation.is_allocated then allocation.effective_cost_reporting else 0 end)
            as allocated_effective_cost_reporting,
        max(allocation.reporting_currency) as reporting_currency

    from allocation

    group by
        {{ week_start('allocation.charge_date') }},
        allocation.provider_name,
        allocation.billing_currency,
        allocation.allocation_key

),

with_previous as (

    select
        weekly.*,
        previous_week.unallocated_effective_cost as previous_week_unallocated_effective_cost

    from weekly

    left join weekly as previous_week
        on weekly.provider_name = previous_week.provider_name
            and weekly.billing_currency = previous_week.billing_currency
            and weekly.allocation_key = previous_week.allocation_key
            and cast({{ dbt.dateadd('day', -7, 'weekly.week_start') }} as date)
            = previous_week.week_start

),

final as (

    select
        with_previous.week_start,
        with_previous.provider_name,
        with_previous.billing_currency,
        with_previous.allocation_key,
        {{ to_focus_decimal('with_previous.total_effective_cost') }} as total_effective_cost,
        {{ to_focus_decimal('with_previous.allocated_effective_cost') }}
            as allocated_effective_cost,
        {{ to_focus_decimal('with_previous.unallocated_effective_cost') }}
            as unallocated_effective_cost,
        case
            when with_previous.total_effective_cost <> 0
                then {{ to_focus_decimal(
                    'with_previous.allocated_effective_cost / with_previous.total_effective_cost'
                ) }}
        end as allocation_coverage,
        {{ to_focus_decimal('with_previous.previous_week_unallocated_effective_cost') }}
            as previous_week_unallocated_effective_cost,
        {{ to_focus_decimal(
            'with_previous.unallocated_effective_cost'
            ~ ' - with_previous.previous_week_unallocated_effective_cost'
        ) }} as unallocated_effective_cost_change,
        case
            when with_previous.previous_week_unallocated_effective_cost is null then null
            when with_previous.unallocated_effective_cost
                > with_previous.previous_week_unallocated_effective_cost then 'up'
            when with_previous.unallocated_effective_cost
                < with_previous.previous_week_unallocated_effective_cost then 'down'
            else 'flat'
        end as unallocated_trend,
        with_previous.reporting_currency,
        {{ to_focus_decimal('with_previous.total_effective_cost_reporting') }}
            as total_effective_cost_reporting,
        {{ to_focus_decimal('with_previous.allocated_effective_cost_reporting') }}
            as allocated_effective_cost_reporting,
        {{ to_focus_decimal(
            'with_previous.total_effective_cost_reporting'
            ~ ' - with_previous.allocated_effective_cost_reporting'
        ) }} as unallocated_effective_cost_reporting

    from with_previous

)

select * from final
