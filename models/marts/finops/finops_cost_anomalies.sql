{#-
    Daily cost anomalies: one row per UTC day x provider x billing account x sub account x service
    x billing currency, from the series' first day with usage-based cost to the last day in the
    data, days without cost counted as 0. Each day's EffectiveCost of usage-based charges (spread
    over the days of their charge period, int_finops__cost_by_day) is
    compared with the mean and standard deviation of the var finops_anomaly_baseline_days days
    before it; a day is flagged when its deviation passes the absolute threshold and the z-score or
    the relative threshold, and anomaly_reason says which (DECISIONLOG D-706).
-#}
{%- set baseline_days = var('finops_anomaly_baseline_days') | int -%}
{%- set min_baseline_days = var('finops_anomaly_min_baseline_days') | int -%}
{%- set min_abs_deviation = var('finops_anomaly_min_abs_deviation') -%}
{%- set z_threshold = var('finops_anomaly_z_threshold') -%}
{%- set pct_threshold = var('finops_anomaly_pct_threshold') -%}
{%- set pct_text = '%g' | format((pct_threshold | float) * 100) -%}
with

cost_by_day as (

    select * from {{ ref('int_finops__cost_by_day') }}
    where is_usage_based

),

calendar as (

    select date_day from {{ ref('metricflow_time_spine') }}

),

daily_cost as (

    select
        cost_by_day.charge_date,
        cost_by_day.provider_name,
        cost_by_day.billing_account_id,
        cost_by_day.sub_account_id,
        cost_by_day.service_name,
        cost_by_day.billing_currency,
        sum(cost_by_day.effective_cost) as effective_cost

    from cost_by_day

    group by
        cost_by_day.charge_date,
        cost_by_day.provider_name,
        cost_by_day.billing_account_id,
        cost_by_day.sub_account_id,
        cost_by_day.service_name,
        cost_by_day.billing_currency

),

series as (

    select
        daily_cost.provider_name,
        daily_cost.billing_account_id,
        daily_cost.sub_account_id,
        daily_cost.service_name,
        daily_cost.billing_currency,
        min(daily_cost.charge_date) as first_date

    from daily_cost

    group by
        daily_cost.provider_name,
        daily_cost.billing_account_id,
        daily_cost.sub_account_id,
        daily_cost.service_name,
        daily_cost.billing_currency

),

last_day as (

    select max(daily_cost.charge_date) as last_date
    from daily_cost

),

-- Every day of every series, so a day without cost is a 0 in the baseline, not a gap.
series_days as (

    select
        calendar.date_day as charge_date,
        series.provider_name,
        series.billing_account_id,
        series.sub_account_id,
        series.service_name,
        series.billing_currency,
        coalesce(daily_cost.effective_cost, 0) as effective_cost

    from series

    cross join last_day

    inner join calendar
        on series.first_date <= calendar.date_day
            and last_day.last_date >= calendar.date_day

    left join daily_cost
        on calendar.date_day = daily_cost.charge_date
            and series.provider_name = daily_cost.provider_name
            and coalesce(series.billing_account_id, '')
            = coalesce(daily_cost.billing_account_id, '')
            and coalesce(series.sub_account_id, '') = coalesce(daily_cost.sub_account_id, '')
            and coalesce(series.service_name, '') = coalesce(daily_cost.service_name, '')
            and series.billing_currency = daily_cost.billing_currency

),

baselines as (

    select
        series_days.*,
        count(*) over baseline_window as baseline_day_count,
        avg(series_days.effective_cost) over baseline_window as baseline_mean,
        stddev_pop(series_days.effective_cost) over baseline_window as baseline_stddev

    from series_days

    window baseline_window as (
        partition by
            series_days.provider_name,
            series_days.billing_account_id,
            series_days.sub_account_id,
            series_days.service_name,
            series_days.billing_currency
        order by series_days.charge_date
        rows between {{ baseline_days }} preceding and 1 preceding
    )

),

scored as (

    select
        baselines.*,
        baselines.effective_cost - baselines.baseline_mean as deviation,
        baselines.baseline_day_count >= {{ min_baseline_days }} as has_baseline,
        abs(baselines.effective_cost - baselines.baseline_mean) >= {{ min_abs_deviation }}
            as passes_abs_threshold,
        coalesce(baselines.baseline_stddev <= 0.000001, false) as is_flat_baseline,
        -- A baseline that does not vary makes any deviation infinitely many deviations away.
        coalesce(
            abs(baselines.effective_cost - baselines.baseline_mean)
            >= {{ z_threshold }} * baselines.baseline_stddev,
            false
        ) as passes_z_threshold,
        coalesce(
            abs(baselines.effective_cost - baselines.baseline_mean)
            >= {{ pct_threshold }} * abs(baselines.baseline_mean),
            false
        ) as passes_pct_threshold

    from baselines

),

flagged as (

    select
        scored.*,
        -- A drop must pass the z-score: one spike in the trailing window inflates its mean, so the
        -- relative test alone would call every ordinary day after a spike a drop.
        coalesce(
            scored.has_baseline
            and scored.passes_abs_threshold
            and (
                scored.passes_z_threshold
                or (scored.deviation > 0 and scored.passes_pct_threshold)
            ),
            false
        ) as is_anomaly

    from scored

),

final as (

    select
        flagged.charge_date,
        flagged.provider_name,
        flagged.billing_account_id,
        flagged.sub_account_id,
        flagged.service_name,
        flagged.billing_currency,
        {{ to_focus_decimal('flagged.effective_cost') }} as effective_cost,
        cast(flagged.baseline_day_count as {{ dbt.type_bigint() }}) as baseline_day_count,
        {{ to_focus_decimal('flagged.baseline_mean') }} as baseline_mean,
        {{ to_focus_decimal('flagged.baseline_stddev') }} as baseline_stddev,
        {{ to_focus_decimal('flagged.deviation') }} as deviation,
        case
            when flagged.baseline_mean <> 0
                then {{ to_focus_decimal('flagged.deviation / abs(flagged.baseline_mean)') }}
        end as deviation_pct,
        case
            when flagged.baseline_stddev > 0.000001
                then {{ to_focus_decimal('flagged.deviation / flagged.baseline_stddev') }}
        end as z_score,
        flagged.has_baseline,
        flagged.is_anomaly,
        case
            when flagged.is_anomaly and flagged.deviation > 0 then 'spike'
            when flagged.is_anomaly then 'drop'
        end as anomaly_direction,
        case
            when flagged.is_anomaly then
                case when flagged.deviation > 0 then 'spike' else 'drop' end
                || ' against the {{ baseline_days }}-day baseline: |deviation| >= '
                || '{{ min_abs_deviation }} ' || flagged.billing_currency
                || case
                    when flagged.passes_z_threshold and flagged.is_flat_baseline
                        then ' and the baseline did not vary'
                    when flagged.passes_z_threshold
                        then ' and |z-score| >= {{ z_threshold }}'
                    else ''
                end
                || case
                    when flagged.passes_pct_threshold
                        then ' and |change| >= {{ pct_text }}% of the baseline mean'
                    else ''
                end
        end as anomaly_reason

    from flagged

)

select * from final
