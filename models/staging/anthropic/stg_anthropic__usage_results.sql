{#-
    Anthropic messages usage report pages: one row per usage result (per UTC day and the pull's
    group-by keys: workspace, model, service tier, context window and, when grouped by it, API key),
    renamed and cast. Flattened (page -> bucket -> result) and nothing else.
-#}
{%- set bigint = dbt.type_bigint() -%}
with

pages as (

    select * from {{ source('anthropic', 'usage_report_messages') }}

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
            'results.source_file', 'anthropic_organization_id', 'usage_report_messages'
        ) }} as organization_id,
        {{ safe_to_utc_timestamp(json_path_text('results.bucket', '$.starting_at')) }}
            as bucket_start_at,
        {{ safe_to_utc_timestamp(json_path_text('results.bucket', '$.ending_at')) }}
            as bucket_end_at,
        {{ json_path_text('results.result', '$.workspace_id') }} as workspace_id,
        {{ json_path_text('results.result', '$.api_key_id') }} as api_key_id,
        {{ json_path_text('results.result', '$.model') }} as model,
        {{ json_path_text('results.result', '$.service_tier') }} as service_tier,
        {{ json_path_text('results.result', '$.context_window') }} as context_window,
        {{ try_cast_to(json_path_text('results.result', '$.uncached_input_tokens'), bigint) }}
            as uncached_input_tokens,
        {{ try_cast_to(
            json_path_text('results.result', '$.cache_creation.ephemeral_1h_input_tokens'), bigint
        ) }} as cache_creation_1h_input_tokens,
        {{ try_cast_to(
            json_path_text('results.result', '$.cache_creation.ephemeral_5m_input_tokens'), bigint
        ) }} as cache_creation_5m_input_tokens,
        {{ try_cast_to(json_path_text('results.result', '$.cache_read_input_tokens'), bigint) }}
            as cache_read_input_tokens,
        {{ try_cast_to(json_path_text('results.result', '$.output_tokens'), bigint) }}
            as output_tokens,
        {{ try_cast_to(
            json_path_text('results.result', '$.server_tool_use.web_search_requests'), bigint
        ) }} as web_search_requests
    from results

)

select * from renamed
