{#-
    Alibaba Cloud FOCUS 1.0 (Preview) rows upgraded to the project's FOCUS version and repaired
    where Alibaba documents a conformance gap, in the provider interface's snake_case columns,
    each with its verdict (`quarantine_reason`, null for a row that reaches FOCUS) and its repairs
    (`repairs`, x_Repairs: one object per value changed or derived). One row per raw row.
    Repairs (DECISIONLOG D-304, D-305):
    - every time converted from UTC+8 to UTC (BillingPeriodStart/End, ChargePeriodStart/End);
    - columns Alibaba leaves null, derived where the row's own data allows: ChargeDescription
      (commodity and billing item names), ConsumedQuantity / ConsumedUnit (the pricing quantity and
      unit, on Usage rows), ContractedCost (BilledCost), ContractedUnitPrice and ListUnitPrice
      (cost / PricingQuantity), PricingUnit (the billing item's unit, seed), SkuId / SkuPriceId
      (commodity code, and commodity:billing item), RegionName (seed).
    The `X_` columns never reach the mart under that name: X_CommodityCode is x_ServiceCode,
    X_BillingItemCode is x_UsageType, the names feed ChargeDescription (D-305).
-#}
{{ config(enabled=var('alibaba_enabled', false)) }}

with

line_items as (

    select * from {{ ref('stg_alibaba__focus_line_items') }}

),

services as (

    select * from {{ ref('map_alibaba__services') }}

),

billing_items as (

    select * from {{ ref('map_alibaba__billing_items') }}

),

regions as (

    select * from {{ ref('map_alibaba__regions') }}

),

derived as (

    select
        line_items.*,
        line_items.charge_category in ('Usage', 'Purchase')
        and (line_items.charge_class is null or line_items.charge_class <> 'Correction')
            as is_priced,
        coalesce(services.service_category, line_items.service_category, 'Other')
            as mapped_service_category,
        coalesce(
            services.service_subcategory,
            'Other (' || coalesce(line_items.service_category, 'Other') || ')'
        ) as service_subcategory,
        coalesce(line_items.region_name, regions.region_name, line_items.region_id)
            as derived_region_name,
        coalesce(line_items.pricing_unit, billing_items.pricing_unit) as derived_pricing_unit,
        coalesce(
            line_items.charge_description,
            line_items.commodity_name || ': ' || line_items.billing_item_name
        ) as derived_charge_description

    from line_items

    left join services
        on line_items.service_name = services.service_name

    left join billing_items
        on line_items.billing_item_code = billing_items.billing_item_code

    left join regions
        on line_items.region_id = regions.region_id

),

priced as (

    select
        *,
        case
            when is_priced then coalesce(
                    list_unit_price,
                    case
                        when
                            pricing_quantity <> 0
                            then {{ to_focus_decimal('list_cost / pricing_quantity') }}
                    end
                )
        end as derived_list_unit_price,
        coalesce(contracted_cost, billed_cost) as derived_contracted_cost,
        case
            when is_priced then coalesce(
                    contracted_unit_price,
                    case
                        when
                            pricing_quantity <> 0
                            then {{ to_focus_decimal('billed_cost / pricing_quantity') }}
                    end
                )
        end as derived_contracted_unit_price,
        case
            when charge_category = 'Usage' and pricing_quantity > 0
                then coalesce(consumed_quantity, pricing_quantity)
            else consumed_quantity
        end as derived_consumed_quantity,
        case when is_priced then coalesce(sku_id, commodity_code) else sku_id end as derived_sku_id,
        case
            when is_priced then coalesce(sku_price_id, commodity_code || ':' || billing_item_code)
            else sku_price_id
        end as derived_sku_price_id

    from derived

),

final as (

    select
        'alibaba' as provider,
        coalesce(provider_name, 'Alibaba Cloud') as provider_name,
        coalesce(publisher_name, provider_name, 'Alibaba Cloud') as publisher_name,
        coalesce(invoice_issuer_name, 'Alibaba Cloud') as invoice_issuer_name,
        'alibaba_focus' as source_system,
        source_file,
        'FOCUS 1.0 (Preview, Alibaba Cloud)' as source_version,
        line_item_id,
        {{ format_utc_timestamp('charge_period_start_at') }} || '/'
        || {{ format_utc_timestamp('charge_period_end_at') }} as time_interval,
        charge_category as line_item_type,
        'source' as row_origin,
        1 as merged_line_item_count,

        billing_account_id,
        billing_account_name,
        'Main Account' as billing_account_type,
        sub_account_id,
        sub_account_name,
        case when sub_account_id is not null then 'Member Account' end as sub_account_type,
        billing_currency,
        billing_period_start_at,
        billing_period_end_at,
        charge_period_start_at,
        charge_period_end_at,

        charge_category,
        charge_class,
        charge_frequency,
        derived_charge_description as charge_description,

        billed_cost,
        effective_cost,
        list_cost,
        derived_list_unit_price as list_unit_price,
        derived_contracted_cost as contracted_cost,
        derived_contracted_unit_price as contracted_unit_price,
        case when is_priced then pricing_category end as pricing_category,
        case when is_priced then pricing_quantity end as pricing_quantity,
        case when is_priced then derived_pricing_unit end as pricing_unit,
        billing_currency as pricing_currency,
        derived_list_unit_price as pricing_currency_list_unit_price,
        derived_contracted_unit_price as pricing_currency_contracted_unit_price,
        effective_cost as pricing_currency_effective_cost,
        case when charge_category = 'Usage' then derived_consumed_quantity end as consumed_quantity,
        case
            when charge_category = 'Usage' and derived_consumed_quantity is not null
                then coalesce(consumed_unit, derived_pricing_unit)
        end as consumed_unit,

        derived_sku_id as sku_id,
        derived_sku_price_id as sku_price_id,
        -- the billing item names what is metered (SkuMeter is a FOCUS 1.1 column)
        case when derived_sku_id is not null then billing_item_name end as sku_meter,
        commitment_discount_id,
        commitment_discount_name,
        commitment_discount_category,
        commitment_discount_status,
        commitment_discount_type,

        service_name,
        commodity_code as service_code,
        mapped_service_category as service_category,
        service_subcategory,
        billing_item_code as usage_type,
        region_id,
        case when region_id is not null then derived_region_name end as region_name,
        availability_zone,
        resource_id,
        resource_name,
        case when resource_id is not null then coalesce(resource_type, service_name) end
            as resource_type,
        tags,

        {{ repairs_array([
            repair_entry('BillingPeriodStart', 'billing_period_start_text',
                format_utc_timestamp('billing_period_start_at'),
                'Alibaba writes times in UTC+8 without an offset; converted to UTC (R-DT-01)',
                'billing_period_start_at is not null'),
            repair_entry('BillingPeriodEnd', 'billing_period_end_text',
                format_utc_timestamp('billing_period_end_at'),
                'Alibaba writes times in UTC+8 without an offset; converted to UTC (R-DT-01)',
                'billing_period_end_at is not null'),
            repair_entry('ChargePeriodStart', 'charge_period_start_text',
                format_utc_timestamp('charge_period_start_at'),
                'Alibaba writes times in UTC+8 without an offset; converted to UTC (R-DT-01)',
                'charge_period_start_at is not null'),
            repair_entry('ChargePeriodEnd', 'charge_period_end_text',
                format_utc_timestamp('charge_period_end_at'),
                'Alibaba writes times in UTC+8 without an offset; converted to UTC (R-DT-01)',
                'charge_period_end_at is not null'),
            repair_entry('ChargeDescription', 'charge_description', 'derived_charge_description',
                'null in Alibaba FOCUS 1.0 (Preview); derived from X_CommodityName and X_BillingItemName',
                'charge_description is null and derived_charge_description is not null'),
            repair_entry('ListUnitPrice', 'list_unit_price', 'derived_list_unit_price',
                'null on some Alibaba rows; derived as ListCost / PricingQuantity (R-LC-02)',
                'list_unit_price is null and derived_list_unit_price is not null'),
            repair_entry('ContractedCost', 'contracted_cost', 'derived_contracted_cost',
                'null in Alibaba FOCUS 1.0 (Preview); BilledCost is the cost at the contracted price',
                'contracted_cost is null and derived_contracted_cost is not null'),
            repair_entry('ContractedUnitPrice', 'contracted_unit_price', 'derived_contracted_unit_price',
                'null in Alibaba FOCUS 1.0 (Preview); derived as ContractedCost / PricingQuantity (R-KC-02)',
                'contracted_unit_price is null and derived_contracted_unit_price is not null'),
            repair_entry('PricingUnit', 'pricing_unit', 'derived_pricing_unit',
                'null on some Alibaba rows; the unit of X_BillingItemCode (seeds/mappings/map_alibaba__billing_items.csv)',
                'is_priced and pricing_unit is null and derived_pricing_unit is not null'),
            repair_entry('ConsumedQuantity', 'consumed_quantity', 'derived_consumed_quantity',
                'null in Alibaba FOCUS 1.0 (Preview); Alibaba prices usage by the quantity consumed (PricingQuantity)',
                "charge_category = 'Usage' and consumed_quantity is null and derived_consumed_quantity is not null"),
            repair_entry('ConsumedUnit', 'consumed_unit', 'derived_pricing_unit',
                'null in Alibaba FOCUS 1.0 (Preview); the PricingUnit of the usage',
                "charge_category = 'Usage' and consumed_unit is null and derived_consumed_quantity is not null and derived_pricing_unit is not null"),
            repair_entry('SkuId', 'sku_id', 'derived_sku_id',
                'null in Alibaba FOCUS 1.0 (Preview); X_CommodityCode identifies the product sold',
                'sku_id is null and derived_sku_id is not null'),
            repair_entry('SkuPriceId', 'sku_price_id', 'derived_sku_price_id',
                'null in Alibaba FOCUS 1.0 (Preview); X_CommodityCode:X_BillingItemCode identifies the price',
                'sku_price_id is null and derived_sku_price_id is not null'),
            repair_entry('RegionName', 'region_name', 'derived_region_name',
                'null while RegionId is set; the region name (seeds/mappings/map_alibaba__regions.csv)',
                'region_id is not null and region_name is null'),
        ]) }} as repairs,

        case
            when cast_failures is not null then 'unparseable value in ' || cast_failures
            when billed_cost is null then 'missing key column BilledCost'
            when billing_currency is null then 'missing key column BillingCurrency'
            when billing_period_start_at is null or billing_period_end_at is null
                then 'missing key column BillingPeriodStart/BillingPeriodEnd'
            when charge_period_start_at is null or charge_period_end_at is null
                then 'missing key column ChargePeriodStart/ChargePeriodEnd'
            when charge_category is null then 'missing key column ChargeCategory'
        end as quarantine_reason,
        cast_failures

    from priced

),

delivered as (

    -- Alibaba gives no row identifier, so a line delivered again is a row whose every column
    -- (line_item_id, their hash) repeats in another file: the bill pushed or copied twice. The
    -- copy from the file whose path sorts last is kept; the others are duplicates (D-371).
    select
        final.*,
        {{ is_earlier_delivery('final', ['line_item_id', 'time_interval']) }} as is_duplicate

    from final

)

select * from delivered
