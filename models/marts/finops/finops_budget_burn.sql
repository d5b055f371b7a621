{#-
    Budget burn: one row per budget of seeds/finops/finops_budgets.csv. EffectiveCost in the
    budget's scope and period up to the as-of day (var finops_budget_as_of_date, else the last
    charge day in focus_cost_and_usage), converted into the budget's currency at each day's rate,
    the daily burn rate of usage-based cost, and the projected cost at the period's end
    (DECISIONLOG D-707).
-#}
{%- if var('finops_budget_as_of_date') -%}
    {%- set as_of_literal = "cast('" ~ var('finops_budget_as_of_date') ~ "' as date)" -%}
{%- else -%}
    {%- set as_of_literal = 'cast(null as date)' -%}
{%- endif %}
with

budgets as (

    select
        budget_id,
        budget_name,
        scope_column,
        scope_value,
        cast(period_start as date) as period_start,
        cast(period_end as date) as period_end,
        {{ to_focus_decimal('amount') }} as budget_amount,
        upper(trim(currency)) as budget_currency

    from {{ ref('finops_budgets') }}

),

cost_by_day as (

    select * from {{ ref('int_finops__cost_by_day') }}

),

exchange_rates as (

    select * from {{ ref('int_finops__exchange_rates_daily') }}

),

as_of as (

    select
        coalesce(
            {{ as_of_literal }},
            max(cast(cost_and_usage.ChargePeriodStart as date))
        ) as as_of_date

    from {{ ref('focus_cost_and_usage') }} as cost_and_usage

),

scoped as (

    select
        budgets.budget_id,
        budgets.budget_currency,
        budgets.period_start,
        budgets.period_end,
        cost_by_day.charge_date,
        cost_by_day.is_usage_based,
        cost_by_day.billing_currency,
        cost_by_day.effective_cost,
        case budgets.scope_column
            when 'all' then true
            when 'provider_name' then cost_by_day.provider_name = budgets.scope_value
            when 'billing_account_id' then cost_by_day.billing_account_id = budgets.scope_value
            when 'sub_account_id' then cost_by_day.sub_account_id = budgets.scope_value
            when 'service_category' then cost_by_day.service_category = budgets.scope_value
            when 'service_name' then cost_by_day.service_name = budgets.scope_value
        end as is_in_scope

    from budgets

    inner join cost_by_day
        on budgets.period_start <= cost_by_day.charge_date
            and budgets.period_end > cost_by_day.charge_date

),

in_scope as (

    select scoped.*
    from scoped
    cross join as_of
    where scoped.is_in_scope and scoped.charge_date <= as_of.as_of_date

),

converted as (

    select
        in_scope.budget_id,
        in_scope.is_usage_based,
        in_scope.billing_currency,
        exchange_rates.exchange_rate_date,
        case
            when in_scope.billing_currency = in_scope.budget_currency then in_scope.effective_cost
            else in_scope.effective_cost * exchange_rates.exchange_rate
        end as effective_cost,
        in_scope.billing_currency <> in_scope.budget_currency
        and exchange_rates.exchange_rate is null as is_missing_rate

    from in_scope

    left join exchange_rates
        on in_scope.billing_currency = exchange_rates.from_currency
            and in_scope.budget_currency = exchange_rates.to_currency
            and in_scope.charge_date = exchange_rates.rate_day

),

spend as (

    select
        converted.budget_id,
        sum(converted.effective_cost) as actual_cost,
        sum(case when converted.is_usage_based then converted.effective_cost else 0 end)
            as usage_based_cost,
        min(converted.billing_currency) as first_billing_currency,
        count(distinct converted.billing_currency) as billing_currency_count,
        max(converted.exchange_rate_date) as latest_exchange_rate_date,
        max(case when converted.is_missing_rate then 1 else 0 end) = 1 as has_missing_exchange_rate

    from converted

    group by converted.budget_id

),

measured as (

    select
        budgets.*,
        as_of.as_of_date,
        spend.billing_currency_count,
        spend.latest_exchange_rate_date,
        {{ days_between('budgets.period_start', 'budgets.period_end') }} as days_in_period,
        least(
            greatest({{ days_between('budgets.period_start', 'as_of.as_of_date') }} + 1, 0),
            {{ days_between('budgets.period_start', 'budgets.period_end') }}
        ) as days_elapsed,
        coalesce(spend.actual_cost, 0) as actual_cost,
        coalesce(spend.usage_based_cost, 0) as usage_based_cost,
        coalesce(spend.has_missing_exchange_rate, false) as has_missing_exchange_rate

    from budgets

    cross join as_of

    left join spend
        on budgets.budget_id = spend.budget_id

),

projected as (

    select
        measured.*,
        measured.days_in_period - measured.days_elapsed as days_remaining,
        case
            when measured.days_elapsed > 0
                then measured.usage_based_cost / measured.days_elapsed
        end as burn_rate_per_day

    from measured

),

final as (

    select
        projected.budget_id,
        projected.budget_name,
        projected.scope_column,
        projected.scope_value,
        projected.period_start,
        projected.period_end,
        projected.budget_currency,
        {{ to_focus_decimal('projected.budget_amount') }} as budget_amount,
        projected.as_of_date,
        cast(projected.days_in_period as {{ dbt.type_bigint() }}) as days_in_period,
        cast(projected.days_elapsed as {{ dbt.type_bigint() }}) as days_elapsed,
        cast(projected.days_remaining as {{ dbt.type_bigint() }}) as days_remaining,
        {{ to_focus_decimal('projected.actual_cost') }} as actual_cost,
        {{ to_focus_decimal('projected.usage_based_cost') }} as usage_based_cost,
        {{ to_focus_decimal('projected.burn_rate_per_day') }} as burn_rate_per_day,
        {{ to_focus_decimal(
            'projected.actual_cost + projected.burn_rate_per_day * projected.days_remaining'
        ) }} as projected_cost,
        {{ to_focus_decimal(
            'projected.actual_cost + projected.burn_rate_per_day * projected.days_remaining'
            ~ ' - projected.budget_amount'
        ) }} as projected_variance,
        {{ to_focus_decimal('projected.actual_cost / projected.budget_amount') }}
            as consumed_share,
        {{ to_focus_decimal(
            '(projected.actual_cost + projected.burn_rate_per_day * projected.days_remaining)'
            ~ ' / projected.budget_amount'
        ) }} as projected_share,
        case
            when projected.days_elapsed = 0 then 'not started'
            when projected.actual_cost > projected.budget_amount then 'over budget'
            when projected.actual_cost
                + projected.burn_rate_per_day * projected.days_remaining
                > projected.budget_amount then 'forecast over budget'
            else 'on track'
        end as budget_status,
        cast(coalesce(projected.billing_currency_count, 0) as {{ dbt.type_bigint() }})
            as billing_currency_count,
        projected.latest_exchange_rate_date,
        projected.has_missing_exchange_rate

    from projected

)

select * from final
