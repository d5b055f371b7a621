{#-
    The OpenAI cost results that do not reach FOCUS, each with the reason: a value that did not
    cast, an empty key column, an unknown currency, a second delivery of a result already read, or
    no usage quantity to charge it against (FOCUS needs a quantity on every usage row). Amounts are
    kept as delivered, so raw = FOCUS + quarantined holds to the cent. Same 13 columns as
    int_aws__line_items_quarantined. One row per quarantined raw cost result.
-#}
with

checked as (

    select * from {{ ref('int_openai__costs_checked') }}
    where quarantine_reason is not null or is_duplicate

),

without_quantity as (

    select * from {{ ref('int_openai__costs_mapped') }}
    where not has_quantity

),

quarantined as (

    select
        'openai' as provider,
        'openai_costs_api' as source_system,
        source_file,
        line_item_id,
        time_interval,
        line_item_kind as line_item_type,
        billing_period_start_at,
        bucket_start_at as usage_start_at,
        currency_code,
        amount as unblended_cost,
        cast_failures,
        is_duplicate,
        coalesce(
            quarantine_reason,
            'duplicate delivery: the cost result was read from another page file'
        ) as quarantine_reason
    from checked

),

unmatched as (

    select
        'openai' as provider,
        'openai_costs_api' as source_system,
        source_file,
        line_item_id,
        time_interval,
        line_item_kind as line_item_type,
        billing_period_start_at,
        bucket_start_at as usage_start_at,
        currency_code,
        amount as unblended_cost,
        cast_failures,
        false as is_duplicate,
        'no usage quantity: the usage report has none for this day, project, model and kind'
            as quarantine_reason
    from without_quantity

),

unioned as (

    select * from quarantined
    union all
    select * from unmatched

)

select * from unioned
