{#-
    Anthropic messages usage report pages: one row per usage result (per UTC day and the pull's
    group-by keys: workspace, model, service tier, context window and, when grouped by it, API key),
    renamed and cast. Flattened (page -> bucket -> result) and nothing else.
-#}
with

pages as (

    select * from {{ source('anthropic', 'usage_report_messages') }}

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
            regexp_extract(results.source_file, '([^/\\]+)[/\\]usage_report_messages[/\\]', 1)
        ) as organization_id,
        {{ safe_to_utc_timestamp("results.bucket ->> '$.starting_at'") }} as bucket_start_at,
        {{ safe_to_utc_timestamp("results.bucket ->> '$.ending_at'") }} as bucket_end_at,
        results.result ->> '$.workspace_id' as workspace_id,
        results.result ->> '$.api_key_id' as api_key_id,
        results.result ->> '$.model' as model,
        results.result ->> '$.service_tier' as service_tier,
        results.result ->> '$.context_window' as context_window,
        try_cast(results.result ->> '$.uncached_input_tokens' as bigint) as uncached_input_tokens,
        try_cast(results.result ->> '$.cache_creation.ephemeral_1h_input_tokens' as bigint)
            as cache_creation_1h_input_tokens,
        try_cast(results.result ->> '$.cache_creation.ephemeral_5m_input_tokens' as bigint)
            as cache_creation_5m_input_tokens,
        try_cast(results.result ->> '$.cache_read_input_tokens' as bigint)
            as cache_read_input_tokens,
        try_cast(results.result ->> '$.output_tokens' as bigint) as output_tokens,
        try_cast(results.result ->> '$.server_tool_use.web_search_requests' as bigint)
            as web_search_requests
    from results

)

select * from renamed
