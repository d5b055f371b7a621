{#-
    OpenAI usage API pages of every endpoint: one row per usage result (per UTC day and the
    group-by keys of the pull: project, model, and API key or batch when grouped by them), renamed
    and cast; a quantity the endpoint does not report is null. Flattened (page -> bucket -> result)
    and nothing else.
-#}
{%- set bigint = dbt.type_bigint() -%}
{%- set boolean = dbt.type_boolean() -%}
with

pages as (

    select * from {{ source('openai', 'usage') }}

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
            'results.source_file', 'openai_organization_id', 'usage'
        ) }} as organization_id,
        {{ epoch_seconds_to_timestamp(json_path_text('results.bucket', '$.start_time')) }}
            as bucket_start_at,
        {{ epoch_seconds_to_timestamp(json_path_text('results.bucket', '$.end_time')) }}
            as bucket_end_at,
        {{ json_path_text('results.result', '$.object') }} as result_object,
        {{ regexp_extract_group(
            json_path_text('results.result', '$.object'), '^organization\\.usage\\.(.+)\\.result$'
        ) }} as usage_endpoint,
        {{ json_path_text('results.result', '$.project_id') }} as project_id,
        {{ json_path_text('results.result', '$.model') }} as model,
        {{ json_path_text('results.result', '$.api_key_id') }} as api_key_id,
        {{ json_path_text('results.result', '$.user_id') }} as user_id,
        {{ try_cast_to(json_path_text('results.result', '$.batch'), boolean) }} as is_batch,
        {{ try_cast_to(json_path_text('results.result', '$.input_tokens'), bigint) }}
            as input_tokens,
        {{ try_cast_to(json_path_text('results.result', '$.output_tokens'), bigint) }}
            as output_tokens,
        {{ try_cast_to(json_path_text('results.result', '$.input_cached_tokens'), bigint) }}
            as input_cached_tokens,
        {{ try_cast_to(json_path_text('results.result', '$.input_audio_tokens'), bigint) }}
            as input_audio_tokens,
        {{ try_cast_to(json_path_text('results.result', '$.output_audio_tokens'), bigint) }}
            as output_audio_tokens,
        {{ try_cast_to(json_path_text('results.result', '$.num_model_requests'), bigint) }}
            as num_model_requests,
        {{ try_cast_to(json_path_text('results.result', '$.images'), bigint) }} as images,
        {{ try_cast_to(json_path_text('results.result', '$.characters'), bigint) }} as characters,
        {{ try_cast_to(json_path_text('results.result', '$.seconds'), bigint) }} as seconds,
        {{ try_cast_to(json_path_text('results.result', '$.num_sessions'), bigint) }}
            as num_sessions
    from results

)

select * from renamed
