{#-
    Google Cloud detailed usage cost export (BigQuery table, or Parquet / NDJSON files with the
    same nesting): nested fields flattened to snake_case columns and cast; nothing else. The arrays
    (credits, labels, project labels, system labels) stay arrays for the intermediate layer.
    One row per export row as delivered (no filtering, no deduplication).
-#}
{{ config(enabled=var('gcp_enabled')) }}

{#- Lineage where there is no file (a BigQuery table): the table's name. -#}
{%- set export_table = var('gcp_schema', env_var('FOCUS_GCP_SCHEMA', 'gcp_billing')) ~ '.'
    ~ var('gcp_table', env_var('FOCUS_GCP_TABLE', 'gcp_billing_export_resource_v1')) %}

with

source as (

    select * from {{ source('gcp', 'billing_export') }}
    {{ align_optional_columns({'filename': dbt.type_string()}) }}

),

renamed as (

    select
        -- account, invoice, charge kind
        cast(billing_account_id as {{ dbt.type_string() }}) as billing_account_id,
        cast(invoice.month as {{ dbt.type_string() }}) as invoice_month,
        cast(cost_type as {{ dbt.type_string() }}) as cost_type,
        cast(adjustment_info.id as {{ dbt.type_string() }}) as adjustment_id,
        cast(adjustment_info.description as {{ dbt.type_string() }}) as adjustment_description,
        cast(adjustment_info.mode as {{ dbt.type_string() }}) as adjustment_mode,
        cast(adjustment_info.type as {{ dbt.type_string() }}) as adjustment_type,
        cast(transaction_type as {{ dbt.type_string() }}) as transaction_type,
        cast(seller_name as {{ dbt.type_string() }}) as seller_name,
        cast(subscription.instance_id as {{ dbt.type_string() }}) as subscription_instance_id,

        -- service and SKU
        cast(service.id as {{ dbt.type_string() }}) as service_id,
        cast(service.description as {{ dbt.type_string() }}) as service_description,
        cast(sku.id as {{ dbt.type_string() }}) as sku_id,
        cast(sku.description as {{ dbt.type_string() }}) as sku_description,

        -- time: usage times are UTC; export_time says when the row was written
        {{ timestamptz_to_utc('usage_start_time') }} as usage_start_at,
        {{ timestamptz_to_utc('usage_end_time') }} as usage_end_at,
        {{ timestamptz_to_utc('export_time') }} as exported_at,

        -- project (the sub-account)
        cast(project.id as {{ dbt.type_string() }}) as project_id,
        cast(project.number as {{ dbt.type_string() }}) as project_number,
        cast(project.name as {{ dbt.type_string() }}) as project_name,
        cast(project.ancestry_numbers as {{ dbt.type_string() }}) as project_ancestry_numbers,

        -- location and resource
        cast(location.location as {{ dbt.type_string() }}) as location,
        cast(location.country as {{ dbt.type_string() }}) as country,
        cast(location.region as {{ dbt.type_string() }}) as region,
        cast(location.zone as {{ dbt.type_string() }}) as zone,
        cast(resource.name as {{ dbt.type_string() }}) as resource_name,
        cast(resource.global_name as {{ dbt.type_string() }}) as resource_global_name,

        -- money, in `currency`
        {{ to_focus_decimal('cost') }} as cost,
        cast(currency as {{ dbt.type_string() }}) as currency_code,
        {{ to_focus_decimal('currency_conversion_rate') }} as currency_conversion_rate,
        {{ to_focus_decimal('cost_at_list') }} as cost_at_list,

        -- usage and price
        {{ to_focus_decimal('usage.amount') }} as usage_amount,
        cast(usage.unit as {{ dbt.type_string() }}) as usage_unit,
        {{ to_focus_decimal('usage.amount_in_pricing_units') }} as usage_amount_in_pricing_units,
        cast(usage.pricing_unit as {{ dbt.type_string() }}) as usage_pricing_unit,
        {{ to_focus_decimal('price.effective_price') }} as effective_price,
        {{ to_focus_decimal('price.tier_start_amount') }} as price_tier_start_amount,
        cast(price.unit as {{ dbt.type_string() }}) as price_unit,
        {{ to_focus_decimal('price.pricing_unit_quantity') }} as price_pricing_unit_quantity,

        -- arrays, kept as delivered (arrays of structs)
        credits,
        labels,
        project.labels as project_labels,
        system_labels,

        -- lineage
        coalesce(cast(filename as {{ dbt.type_string() }}), '{{ export_table }}') as source_file

    from source

)

select * from renamed
