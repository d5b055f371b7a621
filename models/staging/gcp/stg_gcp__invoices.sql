{#-
    The team's list of Google Cloud invoices (billing account, invoice month, invoice number and
    the account's display name), renamed and cast; nothing else. One row per billing account and
    invoice month, as delivered.
-#}
{{ config(enabled=var('gcp_enabled') and var('gcp_invoices_enabled')) }}

{%- set invoices_table = var('gcp_schema', env_var('FOCUS_GCP_SCHEMA', 'gcp_billing')) ~ '.'
    ~ var('gcp_invoices_table', env_var('FOCUS_GCP_INVOICES_TABLE', 'gcp_invoices')) %}

with

source as (

    select * from {{ source('gcp', 'invoices') }}
    {{ align_optional_columns({'filename': dbt.type_string()}) }}

),

renamed as (

    select
        cast(billing_account_id as {{ dbt.type_string() }}) as billing_account_id,
        cast(billing_account_name as {{ dbt.type_string() }}) as billing_account_name,
        cast(invoice_month as {{ dbt.type_string() }}) as invoice_month,
        cast(invoice_id as {{ dbt.type_string() }}) as invoice_id,
        coalesce(cast(filename as {{ dbt.type_string() }}), '{{ invoices_table }}') as source_file

    from source

)

select * from renamed
