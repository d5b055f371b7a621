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
        cast(source.billing_account_id as {{ dbt.type_string() }}) as billing_account_id,
        cast(source.invoice.month as {{ dbt.type_string() }}) as invoice_month,
        cast(source.cost_type as {{ dbt.type_string() }}) as cost_type,
        cast(source.adjustment_info.id as {{ dbt.type_string() }}) as adjustment_id,
        cast(source.adjustment_info.description as {{ dbt.type_string() }})
            as adjustment_description,
        cast(source.adjustment_info.mode as {{ dbt.type_string() }}) as adjustment_mode,
        cast(source.adjustment_info.type as {{ dbt.type_string() }}) as adjustment_type,
        cast(source.transaction_type as {{ dbt.type_string() }}) as transaction_type,
        cast(source.seller_name as {{ dbt.type_string() }}) as seller_name,
        cast(source.subscription.instance_id as {{ dbt.type_string() }})
            as subscription_instance_id,

        -- service and SKU
        cast(source.service.id as {{ dbt.type_string() }}) as service_id,
        cast(source.service.description as {{ dbt.type_string() }}) as service_description,
        cast(source.sku.id as {{ dbt.type_string() }}) as sku_id,
        cast(source.sku.description as {{ dbt.type_string() }}) as sku_description,

        -- time: usage times are UTC; export_time says when the row was written
        {{ timestamptz_to_utc('source.usage_start_time') }} as usage_start_at,
        {{ timestamptz_to_utc('source.usage_end_time') }} as usage_end_at,
        {{ timestamptz_to_utc('source.export_time') }} as exported_at,

        -- project (the sub-account)
        cast(source.project.id as {{ dbt.type_string() }}) as project_id,
        cast(source.project.number as {{ dbt.type_string() }}) as project_number,
        cast(source.project.name as {{ dbt.type_string() }}) as project_name,
        cast(source.project.ancestry_numbers as {{ dbt.type_string() }})
            as project_ancestry_numbers,

        -- location and resource
        cast(source.location.location as {{ dbt.type_string() }}) as location,
        cast(source.location.country as {{ dbt.type_string() }}) as country,
        cast(source.location.region as {{ dbt.type_string() }}) as region,
        cast(source.location.zone as {{ dbt.type_string() }}) as zone,
        cast(source.resource.name as {{ dbt.type_string() }}) as resource_name,
        cast(source.resource.global_name as {{ dbt.type_string() }}) as resource_global_name,

        -- money, in `currency`
        {{ to_focus_decimal('source.cost') }} as cost,
        cast(source.currency as {{ dbt.type_string() }}) as currency_code,
        {{ to_focus_decimal('source.currency_conversion_rate') }} as currency_conversion_rate,
        {{ to_focus_decimal('source.cost_at_list') }} as cost_at_list,

        -- usage and price
        {{ to_focus_decimal('source.usage.amount') }} as usage_amount,
        cast(source.usage.unit as {{ dbt.type_string() }}) as usage_unit,
        {{ to_focus_decimal('source.usage.amount_in_pricing_units') }}
            as usage_amount_in_pricing_units,
        cast(source.usage.pricing_unit as {{ dbt.type_string() }}) as usage_pricing_unit,
        {{ to_focus_decimal('source.price.effective_price') }} as effective_price,
        {{ to_focus_decimal('source.price.tier_start_amount') }} as price_tier_start_amount,
        cast(source.price.unit as {{ dbt.type_string() }}) as price_unit,
        {{ to_focus_decimal('source.price.pricing_unit_quantity') }}
            as price_pricing_unit_quantity,

        -- arrays, kept as delivered (arrays of structs)
        source.credits,
        source.labels,
        source.project.labels as project_labels,
        source.system_labels,

        -- lineage
        coalesce(cast(source.filename as {{ dbt.type_string() }}), '{{ export_table }}')
            as source_file

    from source

)

select * from renamed
