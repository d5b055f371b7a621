{#-
    Anthropic messages usage in the grain of the cost report: one row per organization, UTC day,
    workspace, cost type and token type, and, for token costs, model, service tier and context
    window. Usage results are unpivoted into one quantity per token type (and web search requests),
    the quantity each cost row is charged for (seeds/mappings/map_anthropic__cost_types.csv), and
    summed over the finer keys (API key; for web search, which the cost report does not split by
    model, over models too). A usage result delivered twice counts once: the file whose path
    sorts last wins. Zero quantities are left out.
-#}
with

usage_results as (

    select * from {{ ref('stg_anthropic__usage_results') }}

),

cost_types as (

    select * from {{ ref('map_anthropic__cost_types') }}
    where quantity_name is not null

),

deduplicated as (

    select
        *,
        row_number() over (
            partition by
                organization_id, bucket_start_at, workspace_id, api_key_id, model, service_tier,
                context_window
            order by source_file desc
        ) as delivery_rank
    from usage_results

),

latest as (

    select * from deduplicated
    where delivery_rank = 1

),

{%- set quantity_names = [
    'uncached_input_tokens', 'output_tokens', 'cache_read_input_tokens',
    'cache_creation_5m_input_tokens', 'cache_creation_1h_input_tokens', 'web_search_requests',
] %}

unpivoted as (

    {% for quantity_name in quantity_names %}
        select
            source_file,
            organization_id,
            bucket_start_at,
            bucket_end_at,
            workspace_id,
            model,
            service_tier,
            context_window,
            '{{ quantity_name }}' as quantity_name,
            {{ quantity_name }} as quantity
        from latest
        {% if not loop.last %}union all{% endif %}
    {% endfor %}

),

mapped as (

    select
        unpivoted.source_file,
        unpivoted.organization_id,
        unpivoted.bucket_start_at,
        unpivoted.bucket_end_at,
        unpivoted.workspace_id,
        cost_types.cost_type,
        cost_types.token_type,
        unpivoted.quantity,
        case when cost_types.usage_grain = 'model' then unpivoted.model end as model,
        case when cost_types.usage_grain = 'model' then unpivoted.service_tier end
            as service_tier,
        case when cost_types.usage_grain = 'model' then unpivoted.context_window end
            as context_window
    from unpivoted

    inner join cost_types
        on unpivoted.quantity_name = cost_types.quantity_name

    where unpivoted.quantity is not null and unpivoted.quantity <> 0

),

aggregated as (

    select
        organization_id,
        bucket_start_at,
        bucket_end_at,
        workspace_id,
        cost_type,
        token_type,
        model,
        service_tier,
        context_window,
        sum(quantity) as quantity,
        count(*) as usage_result_count,
        min(source_file) as source_file
    from mapped
    group by
        organization_id, bucket_start_at, bucket_end_at, workspace_id, cost_type, token_type,
        model, service_tier, context_window

)

select * from aggregated
