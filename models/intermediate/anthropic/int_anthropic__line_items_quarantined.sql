{#-
    The Anthropic cost results that do not reach FOCUS, each with the reason: a value that did not
    cast, an empty key column, an unknown currency, a second delivery of a result already read, or
    no quantity to charge it against (FOCUS needs a quantity on every usage row). Amounts are kept
    as delivered but in the currency's major unit (dollars, not the report's cents), so raw = FOCUS
    + quarantined holds to the cent. Same 13 columns as int_aws__line_items_quarantined.
    One row per quarantined raw cost result.
-#}
with

checked as (

    select * from {{ ref('int_anthropic__costs_checked') }}
    where quarantine_reason is not null or is_duplicate

),

without_quantity as (

    select * from {{ ref('int_anthropic__costs_mapped') }}
    where not has_quantity

),

quarantined as (

    select
        'anthropic' as provider,
        'anthropic_cost_report' as source_system,
        source_file,
        line_item_id,
        time_interval,
        cost_type as line_item_type,
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
        'anthropic' as provider,
        'anthropic_cost_report' as source_system,
        source_file,
        line_item_id,
        time_interval,
        cost_type as line_item_type,
        billing_period_start_at,
        bucket_start_at as usage_start_at,
        currency_code,
        amount as unblended_cost,
        cast_failures,
        false as is_duplicate,
        case
            when consumed_unit is null
                then 'unknown cost type ' || cost_type || ' / ' || coalesce(token_type, '(none)')
            else 'no usage quantity: the usage report has none for this day, workspace and cost'
        end as quarantine_reason
    from without_quantity

),

unioned as (

    select * from quarantined
    union all
    select * from unmatched

)

select * from unioned
