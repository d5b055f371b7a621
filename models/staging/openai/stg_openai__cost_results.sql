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
            regexp_extract(results.source_file, '([^/\\]+)[/\\]costs[/\\]', 1)
        ) as organization_id,
        make_timestamp(try_cast(results.bucket ->> '$.start_time' as bigint) * 1000000)
            as bucket_start_at,
        make_timestamp(try_cast(results.bucket ->> '$.end_time' as bigint) * 1000000)
            as bucket_end_at,
        results.result ->> '$.object' as result_object,
        results.result ->> '$.project_id' as project_id,
        results.result ->> '$.line_item' as line_item,
        results.result ->> '$.amount.value' as amount_value_text,
        {{ safe_text_to_focus_decimal("results.result ->> '$.amount.value'") }} as amount,
        results.result ->> '$.amount.currency' as amount_currency,
        {{ record_cast_failures([
            ('amount', "results.result ->> '$.amount.value'", 'text_decimal'),
            ('bucket_start_at', "results.bucket ->> '$.start_time'", 'decimal'),
        ]) }} as cast_failures
    from results

)

select * from renamed
