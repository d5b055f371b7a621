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
    'billing_period_start': 'BillingPeriodStart',
    'billing_period_end': 'BillingPeriodEnd',
    'charge_period_start': 'ChargePeriodStart',
    'charge_period_end': 'ChargePeriodEnd',
} -%}
{%- set decimals = {
    'billed_cost': 'BilledCost',
    'effective_cost': 'EffectiveCost',
    'list_cost': 'ListCost',
    'list_unit_price': 'ListUnitPrice',
    'contracted_cost': 'ContractedCost',
    'contracted_unit_price': 'ContractedUnitPrice',
    'pricing_quantity': 'PricingQuantity',
    'consumed_quantity': 'ConsumedQuantity',
} -%}
{%- set decimal_checks = [] -%}
{%- for name, column in decimals.items() -%}
    {%- do decimal_checks.append((name, column, 'text_decimal')) -%}
{%- endfor %}

with

source as (

    select * from {{ source('alibaba', 'focus') }}
    {{ align_optional_columns(optional_columns) }}

),

renamed as (

    select
        -- no row identifier in the export: a hash of every column read
        {%- set hashed = [] %}
        {%- for column_name in source_columns %}
            {%- do hashed.append("coalesce(" ~ adapter.quote(column_name) ~ ", '')") %}
            {%- if not loop.last %}{% do hashed.append("'|'") %}{% endif %}
        {%- endfor %}
        {{ dbt.hash(dbt.concat(hashed)) }} as line_item_id,

        -- accounts
        cast(BillingAccountId as {{ dbt.type_string() }}) as billing_account_id,
        cast(BillingAccountName as {{ dbt.type_string() }}) as billing_account_name,
        cast(SubAccountId as {{ dbt.type_string() }}) as sub_account_id,
        cast(SubAccountName as {{ dbt.type_string() }}) as sub_account_name,
        cast(BillingCurrency as {{ dbt.type_string() }}) as billing_currency,
        cast(InvoiceIssuerName as {{ dbt.type_string() }}) as invoice_issuer_name,
        cast(ProviderName as {{ dbt.type_string() }}) as provider_name,
        cast(PublisherName as {{ dbt.type_string() }}) as publisher_name,

        -- periods: UTC+8 texts converted to UTC, and as delivered
        {% for name, column in timestamps.items() -%}
        {{ safe_local_text_to_utc_timestamp(column, offset_hours) }} as {{ name }}_at,
        cast({{ column }} as {{ dbt.type_string() }}) as {{ name }}_text,
        {% endfor -%}

        -- charge
        cast(ChargeCategory as {{ dbt.type_string() }}) as charge_category,
        cast(ChargeClass as {{ dbt.type_string() }}) as charge_class,
        cast(ChargeFrequency as {{ dbt.type_string() }}) as charge_frequency,
        cast(ChargeDescription as {{ dbt.type_string() }}) as charge_description,

        -- money and quantities
        {% for name, column in decimals.items() -%}
        {{ safe_text_to_focus_decimal(column) }} as {{ name }},
        {% endfor -%}
        cast(PricingCategory as {{ dbt.type_string() }}) as pricing_category,
        cast(PricingUnit as {{ dbt.type_string() }}) as pricing_unit,
        cast(ConsumedUnit as {{ dbt.type_string() }}) as consumed_unit,

        -- commitments
        cast(CommitmentDiscountId as {{ dbt.type_string() }}) as commitment_discount_id,
        cast(CommitmentDiscountName as {{ dbt.type_string() }}) as commitment_discount_name,
        cast(CommitmentDiscountCategory as {{ dbt.type_string() }}) as commitment_discount_category,
        cast(CommitmentDiscountStatus as {{ dbt.type_string() }}) as commitment_discount_status,
        cast(CommitmentDiscountType as {{ dbt.type_string() }}) as commitment_discount_type,

        -- service, SKU, place, resource
        cast(ServiceName as {{ dbt.type_string() }}) as service_name,
        cast(ServiceCategory as {{ dbt.type_string() }}) as service_category,
        cast(SkuId as {{ dbt.type_string() }}) as sku_id,
        cast(SkuPriceId as {{ dbt.type_string() }}) as sku_price_id,
        cast(RegionId as {{ dbt.type_string() }}) as region_id,
        cast(RegionName as {{ dbt.type_string() }}) as region_name,
        cast(AvailabilityZone as {{ dbt.type_string() }}) as availability_zone,
        cast(ResourceId as {{ dbt.type_string() }}) as resource_id,
        cast(ResourceName as {{ dbt.type_string() }}) as resource_name,
        cast(ResourceType as {{ dbt.type_string() }}) as resource_type,
        cast(Tags as {{ dbt.type_string() }}) as tags,

        -- Alibaba's X_ columns
        cast(X_BillingItemCode as {{ dbt.type_string() }}) as billing_item_code,
        cast(X_BillingItemName as {{ dbt.type_string() }}) as billing_item_name,
        cast(X_CommodityCode as {{ dbt.type_string() }}) as commodity_code,
        cast(X_CommodityName as {{ dbt.type_string() }}) as commodity_name,
        cast(X_InstanceID as {{ dbt.type_string() }}) as instance_id,

        -- lineage
        cast(filename as {{ dbt.type_string() }}) as source_file,

        -- values present in the file that did not cast (quarantined downstream)
        nullif(
            {%- for name, column in timestamps.items() %}
            coalesce(
                case
                    when nullif(trim({{ column }}), '') is not null
                        and {{ safe_local_text_to_utc_timestamp(column, offset_hours) }} is null
                        then '{{ name }}_at;'
                end,
                ''
            ) ||
            {%- endfor %}
            coalesce({{ record_cast_failures(decimal_checks) }}, ''),
            ''
        ) as cast_failures

    from source

)

select * from renamed
