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
        bucket -- noqa: RF02, RF03
    from pages
    {{ cross_join_unnest(json_path_array('pages.data'), 'bucket') }}

),

results as (

    select
        buckets.source_file,
        buckets.bucket,
        result -- noqa: RF02, RF03
    from buckets
    {{ cross_join_unnest(json_path_array('buckets.bucket', '$.results'), 'result') }}

),

renamed as (

    select
        results.source_file,
        {{ api_organization_id(
            'results.source_file', 'anthropic_organization_id', 'cost_report'
        ) }} as organization_id,
        {{ safe_to_utc_timestamp(json_path_text('results.bucket', '$.starting_at')) }}
            as bucket_start_at,
        {{ safe_to_utc_timestamp(json_path_text('results.bucket', '$.ending_at')) }}
            as bucket_end_at,
        {{ json_path_text('results.result', '$.workspace_id') }} as workspace_id,
        {{ json_path_text('results.result', '$.description') }} as description,
        {{ json_path_text('results.result', '$.cost_type') }} as cost_type,
        {{ json_path_text('results.result', '$.model') }} as model,
        {{ json_path_text('results.result', '$.service_tier') }} as service_tier,
        {{ json_path_text('results.result', '$.token_type') }} as token_type,
        {{ json_path_text('results.result', '$.context_window') }} as context_window,
        {{ json_path_text('results.result', '$.inference_geo') }} as inference_geo,
        {{ json_path_text('results.result', '$.amount') }} as amount_text,
        {{ safe_text_to_focus_decimal(json_path_text('results.result', '$.amount')) }}
            as amount_minor_units,
        {{ json_path_text('results.result', '$.currency') }} as amount_currency,
        {{ record_cast_failures([
            ('amount', json_path_text('results.result', '$.amount'), 'text_decimal'),
            ('bucket_start_at', json_path_text('results.bucket', '$.starting_at'), 'timestamp'),
        ]) }} as cast_failures
    from results

)

select * from renamed
