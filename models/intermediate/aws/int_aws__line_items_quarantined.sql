{#-
    The AWS line items that do not reach FOCUS, each with the reason: a value that did not cast, an
    empty key column, an unknown currency, or a second delivery of a line item already read.
    Their costs are kept as delivered, so raw = FOCUS + quarantined holds to the cent.
    One row per quarantined raw line item.
-#}
with

checked as (

    select * from {{ ref('int_aws__line_items_checked') }}

),

quarantined as (

    select
        'aws' as provider,
        source_system,
        source_file,
        line_item_id,
        time_interval,
        line_item_type,
        billing_period_start_at,
        usage_start_at,
        currency_code,
        unblended_cost,
        cast_failures,
        is_duplicate,
        coalesce(
            quarantine_reason,
            'duplicate delivery: the line item was read from another file'
        ) as quarantine_reason

    from checked
    where quarantine_reason is not null or is_duplicate

)

select * from quarantined
