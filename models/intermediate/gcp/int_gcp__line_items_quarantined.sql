{#-
    The Google Cloud export rows that do not reach FOCUS, each with the reason: a key value missing
    (invoice month, cost, currency, usage interval, billing account) or a second delivery of a row
    already read (same row ID, DECISIONLOG D-202). `unblended_cost` is the raw row's cost plus its
    credits as delivered, so per invoice month raw (cost + credits) = Σ BilledCost in FOCUS + Σ
    quarantined, to the cent. One row per quarantined export row.
-#}
with

checked as (

    select * from {{ ref('int_gcp__billing_rows_checked') }}

),

quarantined as (

    select
        'gcp' as provider,
        'gcp_billing_export_resource_v1' as source_system,
        source_file,
        line_item_id,
        time_interval,
        cost_type as line_item_type,
        billing_period_start_at,
        usage_start_at,
        currency_code,
        coalesce(cost, 0) + coalesce(credits_amount, 0) as unblended_cost,
        cast(null as {{ dbt.type_string() }}) as cast_failures,
        is_duplicate,
        coalesce(
            quarantine_reason,
            'duplicate delivery: the same export row was read from another file'
        ) as quarantine_reason

    from checked
    where quarantine_reason is not null or is_duplicate

)

select * from quarantined
