{#-
    Azure rows in the project's FOCUS shape (snake_case names of the FOCUS columns plus lineage):
    the mapped cost details rows with the commitment discount quantity and the provider columns.
    Azure delivers the unused part of each commitment as its own row (UnusedReservation,
    UnusedSavingsPlan), so no row is created here. One row per FOCUS charge row.
    CommitmentDiscountQuantity (R-CDQ-03): a reservation counts hours (used and unused rows: the
    hours; a purchase: the hours of its whole term, from `Term`), a savings plan counts money in
    the billing currency (used and unused rows: their effective cost; a purchase: its cost); a
    refund (a correction) has none.
-#}
with

mapped as (

    select * from {{ ref('int_azure__cost_details_mapped') }}

),

quantified as (

    select
        *,
        case
            when commitment_discount_id is null then null
            when charge_class = 'Correction' then null
            when commitment_discount_category = 'Spend' and charge_category = 'Purchase'
                then billed_cost
            when commitment_discount_category = 'Spend' then effective_cost
            when charge_category = 'Purchase'
                then {{ to_focus_decimal(
                    'quantity * 8760 * cast('
                    ~ regexp_first_group('term', 'P([0-9]+)Y')
                    ~ ' as ' ~ dbt.type_bigint() ~ ')'
                ) }}
            else quantity
        end as commitment_quantity

    from mapped

),

final as (

    select
        'azure' as provider,
        'Microsoft' as provider_name,
        publisher_name,
        resource_type,
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
        invoice_issuer_name,
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
        consumed_quantity,
        consumed_unit,
        sku_id,
        sku_price_id,
        sku_meter,
        commitment_discount_id,
        commitment_discount_category,
        commitment_discount_type,
        commitment_discount_status,
        commitment_quantity as commitment_discount_quantity,
        case
            when commitment_quantity is null then null
            when commitment_discount_category = 'Spend' then billing_currency
            when charge_category = 'Purchase' then 'Hours'
            else coalesce(single_unit, 'Units')
        end as commitment_discount_unit,
        commitment_discount_name,
        resource_id,
        resource_name,
        region_id,
        region_name,
        service_name,
        service_code,
        service_category,
        service_subcategory,
        is_unmapped_service,
        is_marketplace,
        tags,
        source_extras,
        line_item_id,
        time_interval,
        line_item_type,
        usage_type,
        source_system,
        source_file,
        merged_line_item_count,
        row_origin,
        pricing_currency_contracted_unit_price,
        pricing_currency_effective_cost,
        pricing_currency_list_unit_price,
        case agreement
            when 'EA' then 'Azure cost details (EA) ' || dataset
            else 'Azure cost details (MCA) ' || dataset
        end as source_version,
        case
            when tags_text is not null and tags is null and trim(tags_text) not in ('{}', '')
                then {{ azure_tags_repair('tags_text') }}
        end as repairs

    from quantified

)

select * from final
