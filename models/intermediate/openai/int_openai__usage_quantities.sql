{#-
    OpenAI usage in the grain of the costs API: one row per organization, UTC day, project, model
    and line item kind (`input`, `cached input`, `output`, `images`, ...), with the quantity the
    cost line item of that kind is charged for. Usage results are unpivoted into one quantity per
    kind (seeds/mappings/map_openai__usage_quantities.csv says which usage field is which kind) and
    summed over the usage report's finer keys (API key, user, batch). A usage result delivered
    twice (the same page pulled again) counts once: the file whose path sorts last wins. Zero
    quantities are left out.
-#}
with

usage_results as (

    select * from {{ ref('stg_openai__usage_results') }}

),

quantity_map as (

    select * from {{ ref('map_openai__usage_quantities') }}

),

deduplicated as (

    select
        *,
        row_number() over (
            partition by
                organization_id, usage_endpoint, bucket_start_at, project_id, model, api_key_id,
                user_id, is_batch
            order by source_file desc
        ) as delivery_rank
    from usage_results

),

latest as (

    select * from deduplicated
    where delivery_rank = 1

),

{#- One select per usage quantity; text tokens exclude the cached and audio tokens that the
    usage API counts inside input_tokens and output_tokens. -#}
{%- set quantities = {
    'text_input_tokens': 'input_tokens - coalesce(input_cached_tokens, 0) - coalesce(input_audio_tokens, 0)',
    'input_tokens': 'input_tokens',
    'input_cached_tokens': 'input_cached_tokens',
    'text_output_tokens': 'output_tokens - coalesce(output_audio_tokens, 0)',
    'input_audio_tokens': 'input_audio_tokens',
    'output_audio_tokens': 'output_audio_tokens',
    'images': 'images',
    'characters': 'characters',
    'seconds': 'seconds',
    'num_sessions': 'num_sessions',
} %}

unpivoted as (

    {% for quantity_name, expression in quantities.items() %}
        select
            source_file,
            organization_id,
            bucket_start_at,
            bucket_end_at,
            usage_endpoint,
            project_id,
            model,
            '{{ quantity_name }}' as quantity_name,
            {{ expression }} as quantity
        from latest
        {% if not loop.last %}union all{% endif %}
    {% endfor %}

),

mapped as (

    select
        unpivoted.*,
        quantity_map.line_item_kind,
        quantity_map.token_type,
        quantity_map.consumed_unit,
        quantity_map.service_name,
        quantity_map.service_category,
        quantity_map.service_subcategory,
        quantity_map.sku_meter
    from unpivoted

    inner join quantity_map
        on unpivoted.usage_endpoint = quantity_map.usage_endpoint
            and unpivoted.quantity_name = quantity_map.quantity_name

    where unpivoted.quantity is not null and unpivoted.quantity <> 0

),

aggregated as (

    select
        organization_id,
        bucket_start_at,
        bucket_end_at,
        project_id,
        model,
        line_item_kind,
        usage_endpoint,
        quantity_name,
        token_type,
        consumed_unit,
        service_name,
        service_category,
        service_subcategory,
        sku_meter,
        sum(quantity) as quantity,
        count(*) as usage_result_count,
        min(source_file) as source_file
    from mapped
    group by
        organization_id, bucket_start_at, bucket_end_at, project_id, model, line_item_kind,
        usage_endpoint, quantity_name, token_type, consumed_unit, service_name, service_category,
        service_subcategory, sku_meter

)

select * from aggregated
