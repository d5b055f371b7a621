{#-
    Anthropic cost report pages: one row per cost result (per UTC day and the report's group-by
    keys: workspace and description), renamed and cast. Flattened (page -> bucket -> result) and
    nothing else. `amount` stays in the report's unit (cents, a decimal string) as an exact decimal;
    the intermediate layer converts it to the currency's major unit (DECISIONLOG D-403).
-#}
with

pages as (

    select * from {{ source('anthropic', 'cost_report') }}

),

buckets as (

    select
        pages.filename as source_file,
        unnest(cast(pages.data as json[])) as bucket
    from pages

),

results as (

    select
        buckets.source_file,
        buckets.bucket,
        unnest(cast(buckets.bucket -> '$.results' as json[])) as result
    from buckets

),

renamed as (

    select
        results.source_file,
        coalesce(
            nullif('{{ var("anthropic_organization_id", "") }}', ''),  -- noqa: LT05
            regexp_extract(results.source_file, '([^/\\]+)[/\\]cost_report[/\\]', 1)
        ) as organization_id,
        {{ safe_to_utc_timestamp("results.bucket ->> '$.starting_at'") }} as bucket_start_at,
        {{ safe_to_utc_timestamp("results.bucket ->> '$.ending_at'") }} as bucket_end_at,
        results.result ->> '$.workspace_id' as workspace_id,
        results.result ->> '$.description' as description,
        results.result ->> '$.cost_type' as cost_type,
        results.result ->> '$.model' as model,
        results.result ->> '$.service_tier' as service_tier,
        results.result ->> '$.token_type' as token_type,
        results.result ->> '$.context_window' as context_window,
        results.result ->> '$.inference_geo' as inference_geo,
        results.result ->> '$.amount' as amount_text,
        {{ safe_text_to_focus_decimal("results.result ->> '$.amount'") }} as amount_minor_units,
        results.result ->> '$.currency' as amount_currency,
        {{ record_cast_failures([
            ('amount', "results.result ->> '$.amount'", 'text_decimal'),
            ('bucket_start_at', "results.bucket ->> '$.starting_at'", 'timestamp'),
        ]) }} as cast_failures
    from results

)

select * from renamed
