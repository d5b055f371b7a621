{#-
    Google Cloud export rows with what the rest of the slice needs to tell them apart and place
    them: a deterministic row ID (the export has none), the billing period of the invoice month
    (US Pacific months as UTC instants), the raw credits total, and the checks that quarantine a
    row. One row per export row as delivered.

    Row ID: hash of the columns that identify a charge, export_time included. Two rows with the
    same ID are the same row delivered twice (a true duplicate: every later copy is quarantined);
    a later row for the same usage (a correction or late usage) differs at least in export_time and
    is a charge of its own (DECISIONLOG D-202).
-#}
with

export_rows as (

    select * from {{ ref('stg_gcp__billing_export_rows') }}

),

identified as (

    select
        *,
        {{ dbt.hash(dbt.concat([
            "coalesce(billing_account_id, '')", "'|'",
            "coalesce(invoice_month, '')", "'|'",
            "coalesce(cost_type, '')", "'|'",
            "coalesce(service_id, '')", "'|'",
            "coalesce(sku_id, '')", "'|'",
            "coalesce(project_id, '')", "'|'",
            "coalesce(resource_global_name, '')", "'|'",
            "coalesce(location, '')", "'|'",
            "coalesce(" ~ format_utc_timestamp('usage_start_at') ~ ", '')", "'|'",
            "coalesce(" ~ format_utc_timestamp('usage_end_at') ~ ", '')", "'|'",
            "coalesce(" ~ format_utc_timestamp('exported_at') ~ ", '')", "'|'",
            "coalesce(adjustment_id, '')", "'|'",
            "coalesce(subscription_instance_id, '')", "'|'",
            "coalesce(cast(cost as " ~ dbt.type_string() ~ "), '')", "'|'",
            "coalesce(cast(usage_amount as " ~ dbt.type_string() ~ "), '')", "'|'",
            "coalesce(cast(" ~ sum_array_field('credits', 'amount') ~ " as " ~ dbt.type_string() ~ "), '')", "'|'",
            "coalesce(" ~ gcp_labels_to_json('labels', 'project_labels', 'system_labels') ~ ", '')",
        ])) }} as line_item_id,
        {{ dbt.concat([
            "coalesce(" ~ format_utc_timestamp('usage_start_at') ~ ", '')",
            "'/'",
            "coalesce(" ~ format_utc_timestamp('usage_end_at') ~ ", '')",
        ]) }} as time_interval,
        {{ to_focus_decimal(sum_array_field('credits', 'amount')) }} as credits_amount,
        {{ local_month_start_to_utc('invoice_month', 'America/Los_Angeles') }}
            as billing_period_start_at,
        {{ local_month_start_to_utc('invoice_month', 'America/Los_Angeles', 1) }}
            as billing_period_end_at

    from export_rows

),

numbered as (

    select
        *,
        row_number() over (
            partition by line_item_id order by source_file
        ) as delivery_number,
        case
            when billing_period_start_at is null
                then 'invoice.month is not a YYYYMM month'
            when cost is null
                then 'cost is missing'
            when nullif(currency_code, '') is null
                then 'currency is missing'
            when usage_start_at is null or usage_end_at is null
                then 'usage_start_time or usage_end_time is missing'
            when nullif(billing_account_id, '') is null
                then 'billing_account_id is missing'
        end as quarantine_reason

    from identified

),

checked as (

    select
        *,
        delivery_number > 1 as is_duplicate

    from numbered

)

select * from checked
