{#-
    The AWS line items that do not reach FOCUS, each with the reason: a value that did not cast, an
    empty key column, an unknown currency, a second delivery of a line item already read, or a
    Savings Plan negation whose covered usage line is not there to merge into.
    Their costs are kept as delivered, so raw = FOCUS + quarantined holds to the cent.
    One row per quarantined raw line item.
-#}
with

checked as (

    -- the verdicts the mapped table kept (D-670): no second pass over the raw files
    select * from {{ ref('int_aws__line_items_mapped') }}
    where is_quarantined

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
        charge_period_start_at as usage_start_at,
        billing_currency as currency_code,
        billed_cost as unblended_cost,
        cast_failures,
        is_duplicate,
        coalesce(
            quarantine_reason,
            'duplicate delivery: the line item was read from another file'
        ) as quarantine_reason

    from checked

),

unmatched_negations as (

    select
        'aws' as provider,
        source_system,
        source_file,
        line_item_id,
        time_interval,
        line_item_type,
        billing_period_start_at,
        charge_period_start_at as usage_start_at,
        billing_currency as currency_code,
        billed_cost as unblended_cost,
        cast(null as {{ dbt.type_string() }}) as cast_failures,
        false as is_duplicate,
        'Savings Plan negation without its covered usage line item (quarantined or missing)'
            as quarantine_reason

    from {{ ref('int_aws__savings_plan_negations_merged') }}
    where is_unmatched_negation

),

unioned as (

    select * from quarantined
    union all
    select * from unmatched_negations

)

select * from unioned
