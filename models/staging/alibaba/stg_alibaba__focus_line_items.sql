{#-
    Alibaba Cloud's FOCUS 1.0 (Preview) export (every value read as text): renamed to snake_case
    and cast, safely; a value present but not castable is named in `cast_failures` and its row is
    quarantined downstream. Times are written in UTC+8 without an offset: they are parsed at
    var('alibaba_source_utc_offset_hours') and converted to UTC here, and kept as delivered
    (`*_text`) so the intermediate layer records each conversion in x_Repairs. The `X_` columns
    are read under snake_case names; no `X_` name goes further. Every column read is aligned, so a
    column a file lacks reads as null. Alibaba gives no row identifier: `line_item_id` is an MD5 of
    every column read (documented in _alibaba__docs.md).
-#}
{{ config(enabled=var('alibaba_enabled', false)) }}
{%- set offset_hours = var('alibaba_source_utc_offset_hours', 8) -%}
{#- Zipped Bill Subscription deliveries are loaded by the storage plugin (D-350). -#}
{%- set source_table = 'focus_zipped' if var('alibaba_focus_zipped', false) else 'focus' -%}
{%- set q = adapter.quote -%}
{%- set source_columns = [
    'AvailabilityZone', 'BilledCost', 'BillingAccountId', 'BillingAccountName', 'BillingCurrency',
    'BillingPeriodEnd', 'BillingPeriodStart', 'ChargeCategory', 'ChargeClass', 'ChargeDescription',
    'ChargeFrequency', 'ChargePeriodEnd', 'ChargePeriodStart', 'CommitmentDiscountCategory',
    'CommitmentDiscountId', 'CommitmentDiscountName', 'CommitmentDiscountStatus',
    'CommitmentDiscountType', 'ConsumedQuantity', 'ConsumedUnit', 'ContractedCost',
    'ContractedUnitPrice', 'EffectiveCost', 'InvoiceIssuerName', 'ListCost', 'ListUnitPrice',
    'PricingCategory', 'PricingQuantity', 'PricingUnit', 'ProviderName', 'PublisherName',
    'RegionId', 'RegionName', 'ResourceId', 'ResourceName', 'ResourceType', 'ServiceCategory',
    'ServiceName', 'SkuId', 'SkuPriceId', 'SubAccountId', 'SubAccountName', 'Tags',
    'X_BillingItemCode', 'X_BillingItemName', 'X_CommodityCode', 'X_CommodityName',
    'X_InstanceID',
] -%}
{%- set optional_columns = {'filename': dbt.type_string()} -%}
{%- for column_name in source_columns -%}
    {%- do optional_columns.update({column_name: dbt.type_string()}) -%}
{%- endfor -%}
{%- set timestamps = {
    'billing_period_start': q('BillingPeriodStart'),
    'billing_period_end': q('BillingPeriodEnd'),
    'charge_period_start': q('ChargePeriodStart'),
    'charge_period_end': q('ChargePeriodEnd'),
} -%}
{%- set decimals = {
    'billed_cost': q('BilledCost'),
    'effective_cost': q('EffectiveCost'),
    'list_cost': q('ListCost'),
    'list_unit_price': q('ListUnitPrice'),
    'contracted_cost': q('ContractedCost'),
    'contracted_unit_price': q('ContractedUnitPrice'),
    'pricing_quantity': q('PricingQuantity'),
    'consumed_quantity': q('ConsumedQuantity'),
} -%}
{#- The row identifier: every column read, as delivered, joined by | and hashed. -#}
{%- set hashed = [] -%}
{%- for column_name in source_columns -%}
    {%- do hashed.append("coalesce(" ~ q(column_name) ~ ", '')") -%}
    {%- if not loop.last %}{% do hashed.append("'|'") %}{% endif -%}
{%- endfor %}

with

source as (

    select * from {{ source('alibaba', source_table) }}
    {{ align_optional_columns(optional_columns) }}

),

renamed as (

    select
        -- no row identifier in the export: a hash of every column read
        {{ dbt.hash(dbt.concat(hashed)) }} as line_item_id,

        -- accounts
        cast({{ q('BillingAccountId') }} as {{ dbt.type_string() }}) as billing_account_id,
        cast({{ q('BillingAccountName') }} as {{ dbt.type_string() }}) as billing_account_name,
        cast({{ q('SubAccountId') }} as {{ dbt.type_string() }}) as sub_account_id,
        cast({{ q('SubAccountName') }} as {{ dbt.type_string() }}) as sub_account_name,
        cast({{ q('BillingCurrency') }} as {{ dbt.type_string() }}) as billing_currency,
        cast({{ q('InvoiceIssuerName') }} as {{ dbt.type_string() }}) as invoice_issuer_name,
        cast({{ q('ProviderName') }} as {{ dbt.type_string() }}) as provider_name,
        cast({{ q('PublisherName') }} as {{ dbt.type_string() }}) as publisher_name,

        -- periods: UTC+8 texts converted to UTC, and as delivered
        {{ safe_local_text_to_utc_timestamp(q('BillingPeriodStart'), offset_hours) }}
            as billing_period_start_at,
        cast({{ q('BillingPeriodStart') }} as {{ dbt.type_string() }}) as billing_period_start_text,
        {{ safe_local_text_to_utc_timestamp(q('BillingPeriodEnd'), offset_hours) }}
            as billing_period_end_at,
        cast({{ q('BillingPeriodEnd') }} as {{ dbt.type_string() }}) as billing_period_end_text,
        {{ safe_local_text_to_utc_timestamp(q('ChargePeriodStart'), offset_hours) }}
            as charge_period_start_at,
        cast({{ q('ChargePeriodStart') }} as {{ dbt.type_string() }}) as charge_period_start_text,
        {{ safe_local_text_to_utc_timestamp(q('ChargePeriodEnd'), offset_hours) }}
            as charge_period_end_at,
        cast({{ q('ChargePeriodEnd') }} as {{ dbt.type_string() }}) as charge_period_end_text,

        -- charge
        cast({{ q('ChargeCategory') }} as {{ dbt.type_string() }}) as charge_category,
        cast({{ q('ChargeClass') }} as {{ dbt.type_string() }}) as charge_class,
        cast({{ q('ChargeFrequency') }} as {{ dbt.type_string() }}) as charge_frequency,
        cast({{ q('ChargeDescription') }} as {{ dbt.type_string() }}) as charge_description,

        -- money and quantities
        {{ safe_text_to_focus_decimal(q('BilledCost')) }} as billed_cost,
        {{ safe_text_to_focus_decimal(q('EffectiveCost')) }} as effective_cost,
        {{ safe_text_to_focus_decimal(q('ListCost')) }} as list_cost,
        {{ safe_text_to_focus_decimal(q('ListUnitPrice')) }} as list_unit_price,
        {{ safe_text_to_focus_decimal(q('ContractedCost')) }} as contracted_cost,
        {{ safe_text_to_focus_decimal(q('ContractedUnitPrice')) }} as contracted_unit_price,
        {{ safe_text_to_focus_decimal(q('PricingQuantity')) }} as pricing_quantity,
        {{ safe_text_to_focus_decimal(q('ConsumedQuantity')) }} as consumed_quantity,
        cast({{ q('PricingCategory') }} as {{ dbt.type_string() }}) as pricing_category,
        cast({{ q('PricingUnit') }} as {{ dbt.type_string() }}) as pricing_unit,
        cast({{ q('ConsumedUnit') }} as {{ dbt.type_string() }}) as consumed_unit,

        -- commitments
        cast({{ q('CommitmentDiscountId') }} as {{ dbt.type_string() }}) as commitment_discount_id,
        cast({{ q('CommitmentDiscountName') }} as {{ dbt.type_string() }})
            as commitment_discount_name,
        cast({{ q('CommitmentDiscountCategory') }} as {{ dbt.type_string() }})
            as commitment_discount_category,
        cast({{ q('CommitmentDiscountStatus') }} as {{ dbt.type_string() }})
            as commitment_discount_status,
        cast({{ q('CommitmentDiscountType') }} as {{ dbt.type_string() }})
            as commitment_discount_type,

        -- service, SKU, place, resource
        cast({{ q('ServiceName') }} as {{ dbt.type_string() }}) as service_name,
        cast({{ q('ServiceCategory') }} as {{ dbt.type_string() }}) as service_category,
        cast({{ q('SkuId') }} as {{ dbt.type_string() }}) as sku_id,
        cast({{ q('SkuPriceId') }} as {{ dbt.type_string() }}) as sku_price_id,
        cast({{ q('RegionId') }} as {{ dbt.type_string() }}) as region_id,
        cast({{ q('RegionName') }} as {{ dbt.type_string() }}) as region_name,
        cast({{ q('AvailabilityZone') }} as {{ dbt.type_string() }}) as availability_zone,
        cast({{ q('ResourceId') }} as {{ dbt.type_string() }}) as resource_id,
        cast({{ q('ResourceName') }} as {{ dbt.type_string() }}) as resource_name,
        cast({{ q('ResourceType') }} as {{ dbt.type_string() }}) as resource_type,
        cast({{ q('Tags') }} as {{ dbt.type_string() }}) as tags,

        -- Alibaba's X_ columns
        cast({{ q('X_BillingItemCode') }} as {{ dbt.type_string() }}) as billing_item_code,
        cast({{ q('X_BillingItemName') }} as {{ dbt.type_string() }}) as billing_item_name,
        cast({{ q('X_CommodityCode') }} as {{ dbt.type_string() }}) as commodity_code,
        cast({{ q('X_CommodityName') }} as {{ dbt.type_string() }}) as commodity_name,
        cast({{ q('X_InstanceID') }} as {{ dbt.type_string() }}) as instance_id,

        -- lineage
        cast(source.filename as {{ dbt.type_string() }}) as source_file,

        -- values present in the file that did not cast (quarantined downstream)
        {{ record_cast_failures([
            ('billing_period_start_at', q('BillingPeriodStart'), 'timestamp'),
            ('billing_period_end_at', q('BillingPeriodEnd'), 'timestamp'),
            ('charge_period_start_at', q('ChargePeriodStart'), 'timestamp'),
            ('charge_period_end_at', q('ChargePeriodEnd'), 'timestamp'),
            ('billed_cost', q('BilledCost'), 'text_decimal'),
            ('effective_cost', q('EffectiveCost'), 'text_decimal'),
            ('list_cost', q('ListCost'), 'text_decimal'),
            ('list_unit_price', q('ListUnitPrice'), 'text_decimal'),
            ('contracted_cost', q('ContractedCost'), 'text_decimal'),
            ('contracted_unit_price', q('ContractedUnitPrice'), 'text_decimal'),
            ('pricing_quantity', q('PricingQuantity'), 'text_decimal'),
            ('consumed_quantity', q('ConsumedQuantity'), 'text_decimal')
        ]) }} as cast_failures

    from source

)

select * from renamed
