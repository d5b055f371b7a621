{#-
    The Alibaba export's rows that do not reach FOCUS, each with the reason: a value that did not
    cast, a key column left empty, or an exact copy of a row read from another file (D-371). Costs as delivered (`unblended_cost` is BilledCost), billing
    period in UTC, so per billing period raw = FOCUS + quarantined to the cent.
    Same 13 columns, in the same order, as int_aws__line_items_quarantined.
    One row per quarantined raw row.
-#}
{{ config(enabled=var('alibaba_enabled', false)) }}
with

quarantined as (

    select
        provider,
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
            'duplicate delivery: the same row was read from another file'
        ) as quarantine_reason
    from {{ ref('int_alibaba__line_items_mapped') }}
    where quarantine_reason is not null or is_duplicate

)

select * from quarantined
