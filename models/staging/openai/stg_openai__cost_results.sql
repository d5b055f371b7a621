{#-
    OpenAI costs API pages: one row per cost result (per UTC day, project and line item), renamed
    and cast. The pages' JSON is flattened (page -> bucket -> result) and nothing else: no joins,
    no aggregation. The amount is the JSON number's text cast straight to an exact decimal, never
    through float arithmetic (DECISIONLOG D-403).
-#}
with

pages as (

    select * from {{ source('openai', 'costs') }}

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
            'results.source_file', 'openai_organization_id', 'costs'
        ) }} as organization_id,
        {{ epoch_seconds_to_timestamp(json_path_text('results.bucket', '$.start_time')) }}
            as bucket_start_at,
        {{ epoch_seconds_to_timestamp(json_path_text('results.bucket', '$.end_time')) }}
            as bucket_end_at,
        {{ json_path_text('results.result', '$.object') }} as result_object,
        {{ json_path_text('results.result', '$.project_id') }} as project_id,
        {{ json_path_text('results.result', '$.line_item') }} as line_item,
        {{ json_path_text('results.result', '$.amount.value') }} as amount_value_text,
        {{ safe_text_to_focus_decimal(json_path_text('results.result', '$.amount.value')) }}
            as amount,
        {{ json_path_text('results.result', '$.amount.currency') }} as amount_currency,
        {{ record_cast_failures([
            ('amount', json_path_text('results.result', '$.amount.value'), 'text_decimal'),
            ('bucket_start_at', json_path_text('results.bucket', '$.start_time'), 'decimal'),
        ]) }} as cast_failures
    from results

)

select * from renamed
