{#-
    OpenAI usage API pages of every endpoint: one row per usage result (per UTC day and the
    group-by keys of the pull: project, model, and API key or batch when grouped by them), renamed
    and cast; a quantity the endpoint does not report is null. Flattened (page -> bucket -> result)
    and nothing else.
-#}
with

pages as (

    select * from {{ source('openai', 'usage') }}

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
            nullif('{{ var("openai_organization_id", "") }}', ''),  -- noqa: LT05
            regexp_extract(results.source_file, '([^/\\]+)[/\\]usage[/\\]', 1)
        ) as organization_id,
        make_timestamp(try_cast(results.bucket ->> '$.start_time' as bigint) * 1000000)
            as bucket_start_at,
        make_timestamp(try_cast(results.bucket ->> '$.end_time' as bigint) * 1000000)
            as bucket_end_at,
        results.result ->> '$.object' as result_object,
        regexp_extract(results.result ->> '$.object', '^organization\.usage\.(.+)\.result$', 1)
            as usage_endpoint,
        results.result ->> '$.project_id' as project_id,
        results.result ->> '$.model' as model,
        results.result ->> '$.api_key_id' as api_key_id,
        results.result ->> '$.user_id' as user_id,
        try_cast(results.result ->> '$.batch' as boolean) as is_batch,
        try_cast(results.result ->> '$.input_tokens' as bigint) as input_tokens,
        try_cast(results.result ->> '$.output_tokens' as bigint) as output_tokens,
        try_cast(results.result ->> '$.input_cached_tokens' as bigint) as input_cached_tokens,
        try_cast(results.result ->> '$.input_audio_tokens' as bigint) as input_audio_tokens,
        try_cast(results.result ->> '$.output_audio_tokens' as bigint) as output_audio_tokens,
        try_cast(results.result ->> '$.num_model_requests' as bigint) as num_model_requests,
        try_cast(results.result ->> '$.images' as bigint) as images,
        try_cast(results.result ->> '$.characters' as bigint) as characters,
        try_cast(results.result ->> '$.seconds' as bigint) as seconds,
        try_cast(results.result ->> '$.num_sessions' as bigint) as num_sessions
    from results

)

select * from renamed
