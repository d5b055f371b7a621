{#-
    Native FOCUS export rows in the project's FOCUS shape (the provider interface of
    int_focus__cost_and_usage_unioned): every row the providers' FOCUS files deliver, upgraded to
    the project's FOCUS version and repaired. No row is merged or created. One row per FOCUS
    charge row.
-#}
with

rows_repaired as (

    select * from {{ ref('int_focus_export__rows_repaired') }}

),

final as (

    select
        provider,
        provider_name,
        publisher_name,
        invoice_issuer_name,
        billing_account_id,
        billing_account_name,
        billing_account_type,
        sub_account_id,
        sub_account_name,
        sub_account_type,
        billing_currency,
        billing_period_start_at,
        billing_period_end_at,
        invoice_id,
        charge_period_start_at,
        charge_period_end_at,
        charge_category,
        charge_class,
        charge_frequency,
        charge_description,
        billed_cost,
        effective_cost,
        list_cost,
        list_unit_price,
        contracted_cost,
        contracted_unit_price,
        pricing_category,
        pricing_quantity,
        pricing_unit,
        pricing_currency,
        pricing_currency_contracted_unit_price,
        pricing_currency_effective_cost,
        pricing_currency_list_unit_price,
        consumed_quantity,
        consumed_unit,
        sku_id,
        sku_price_id,
        sku_meter,
        sku_price_details,
        commitment_discount_id,
        commitment_discount_name,
        commitment_discount_category,
        commitment_discount_type,
        commitment_discount_status,
        commitment_discount_quantity,
        commitment_discount_unit,
        capacity_reservation_id,
        capacity_reservation_status,
        resource_id,
        resource_name,
        resource_type,
        region_id,
        region_name,
        availability_zone,
        service_name,
        service_category,
        service_subcategory,
        service_code,
        usage_type,
        operation,
        tags,
        source_extras,
        line_item_id,
        time_interval,
        source_system,
        source_file,
        source_version,
        repairs,
        cast(1 as {{ dbt.type_bigint() }}) as merged_line_item_count,
        'source' as row_origin

    from rows_repaired

)

select * from final
