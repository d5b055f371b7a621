{#-
    OCI's FOCUS report (FOCUS 1.0-preview names, every value read as text): renamed to snake_case
    and cast, safely; a value present but not castable is named in `cast_failures` and its row is
    quarantined downstream. Timestamps are kept both parsed (UTC) and as delivered (`*_text`), so
    the intermediate layer can record which ones it normalized. The per-tag columns
    (`Tags/<namespace>.<key>`), or a `Tags` JSON column where a report has one, become one JSON
    object. Every column read is aligned, so a column a file lacks reads as null.
-#}
{{ config(enabled=var('oci_enabled', false) and var('oci_focus_report_enabled', true)) }}
{%- set q = adapter.quote -%}
{%- set source_columns = [
    'AvailabilityZone', 'BilledCost', 'BillingAccountId', 'BillingAccountName', 'BillingCurrency',
    'BillingPeriodEnd', 'BillingPeriodStart', 'ChargeDescription', 'ChargeFrequency',
    'ChargePeriodEnd', 'ChargePeriodStart', 'ChargeSubcategory', 'ChargeType',
    'CommitmentDiscountCategory', 'CommitmentDiscountId', 'CommitmentDiscountName',
    'CommitmentDiscountType', 'EffectiveCost', 'InvoiceIssuer', 'ListCost', 'ListUnitPrice',
    'PricingCategory', 'PricingQuantity', 'PricingUnit', 'ProviderName', 'PublisherName', 'Region',
    'ResourceId', 'ResourceName', 'ResourceType', 'ServiceCategory', 'ServiceName', 'SkuId',
    'SkuPriceId', 'SubAccountId', 'SubAccountName', 'Tags', 'UsageQuantity', 'UsageUnit',
    'oci_ReferenceNumber', 'oci_CompartmentId', 'oci_CompartmentName', 'oci_OverageFlag',
    'oci_UnitPriceOverage', 'oci_BilledQuantityOverage', 'oci_CostOverage',
    'oci_AttributedUsage', 'oci_AttributedCost', 'oci_BackReferenceNumber', 'Tags/', 'filename',
] -%}
{%- set optional_columns = {} -%}
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
    'pricing_quantity': q('PricingQuantity'),
    'usage_quantity': q('UsageQuantity'),
    'unit_price_overage': q('oci_UnitPriceOverage'),
    'billed_quantity_overage': q('oci_BilledQuantityOverage'),
    'cost_overage': q('oci_CostOverage'),
    'attributed_usage': q('oci_AttributedUsage'),
    'attributed_cost': q('oci_AttributedCost'),
} -%}

with

source as (

    select * from {{ source('oci', 'focus_report') }}
    {{ align_optional_columns(optional_columns) }}

),

renamed as (

    select
        -- identity; a correction names the row it corrects
        cast({{ q('oci_ReferenceNumber') }} as {{ dbt.type_string() }}) as line_item_id,
        cast({{ q('oci_BackReferenceNumber') }} as {{ dbt.type_string() }}) as back_reference_id,

        -- accounts: the tenancy bills, the compartment is the sub account
        cast({{ q('BillingAccountId') }} as {{ dbt.type_string() }}) as billing_account_id,
        cast({{ q('BillingAccountName') }} as {{ dbt.type_string() }}) as billing_account_name,
        cast({{ q('SubAccountId') }} as {{ dbt.type_string() }}) as sub_account_id,
        cast({{ q('SubAccountName') }} as {{ dbt.type_string() }}) as sub_account_name,
        cast({{ q('oci_CompartmentId') }} as {{ dbt.type_string() }}) as compartment_id,
        cast({{ q('oci_CompartmentName') }} as {{ dbt.type_string() }}) as compartment_name,
        cast({{ q('BillingCurrency') }} as {{ dbt.type_string() }}) as billing_currency,

        -- periods, parsed to UTC and as delivered
        {{ safe_to_utc_timestamp(complete_timestamp_seconds(q('BillingPeriodStart'))) }}
            as billing_period_start_at,
        cast({{ q('BillingPeriodStart') }} as {{ dbt.type_string() }}) as billing_period_start_text,
        {{ safe_to_utc_timestamp(complete_timestamp_seconds(q('BillingPeriodEnd'))) }}
            as billing_period_end_at,
        cast({{ q('BillingPeriodEnd') }} as {{ dbt.type_string() }}) as billing_period_end_text,
        {{ safe_to_utc_timestamp(complete_timestamp_seconds(q('ChargePeriodStart'))) }}
            as charge_period_start_at,
        cast({{ q('ChargePeriodStart') }} as {{ dbt.type_string() }}) as charge_period_start_text,
        {{ safe_to_utc_timestamp(complete_timestamp_seconds(q('ChargePeriodEnd'))) }}
            as charge_period_end_at,
        cast({{ q('ChargePeriodEnd') }} as {{ dbt.type_string() }}) as charge_period_end_text,

        -- charge, in FOCUS 1.0-preview terms
        cast({{ q('ChargeType') }} as {{ dbt.type_string() }}) as charge_type,
        cast({{ q('ChargeSubcategory') }} as {{ dbt.type_string() }}) as charge_subcategory,
        cast({{ q('ChargeFrequency') }} as {{ dbt.type_string() }}) as charge_frequency,
        cast({{ q('ChargeDescription') }} as {{ dbt.type_string() }}) as charge_description,

        -- money and quantities
        {{ safe_text_to_focus_decimal(q('BilledCost')) }} as billed_cost,
        {{ safe_text_to_focus_decimal(q('EffectiveCost')) }} as effective_cost,
        {{ safe_text_to_focus_decimal(q('ListCost')) }} as list_cost,
        {{ safe_text_to_focus_decimal(q('ListUnitPrice')) }} as list_unit_price,
        {{ safe_text_to_focus_decimal(q('PricingQuantity')) }} as pricing_quantity,
        {{ safe_text_to_focus_decimal(q('UsageQuantity')) }} as usage_quantity,
        {{ safe_text_to_focus_decimal(q('oci_UnitPriceOverage')) }} as unit_price_overage,
        {{ safe_text_to_focus_decimal(q('oci_BilledQuantityOverage')) }} as billed_quantity_overage,
        {{ safe_text_to_focus_decimal(q('oci_CostOverage')) }} as cost_overage,
        {{ safe_text_to_focus_decimal(q('oci_AttributedUsage')) }} as attributed_usage,
        {{ safe_text_to_focus_decimal(q('oci_AttributedCost')) }} as attributed_cost,
        cast({{ q('PricingCategory') }} as {{ dbt.type_string() }}) as pricing_category,
        cast({{ q('PricingUnit') }} as {{ dbt.type_string() }}) as pricing_unit,
        cast({{ q('UsageUnit') }} as {{ dbt.type_string() }}) as usage_unit,
        upper(trim({{ q('oci_OverageFlag') }})) = 'Y' as is_overage,

        -- commitments
        cast({{ q('CommitmentDiscountId') }} as {{ dbt.type_string() }}) as commitment_discount_id,
        cast({{ q('CommitmentDiscountName') }} as {{ dbt.type_string() }})
            as commitment_discount_name,
        cast({{ q('CommitmentDiscountCategory') }} as {{ dbt.type_string() }})
            as commitment_discount_category,
        cast({{ q('CommitmentDiscountType') }} as {{ dbt.type_string() }})
            as commitment_discount_type,

        -- provider, service, SKU, place, resource
        cast({{ q('ProviderName') }} as {{ dbt.type_string() }}) as provider_name,
        cast({{ q('PublisherName') }} as {{ dbt.type_string() }}) as publisher_name,
        cast({{ q('InvoiceIssuer') }} as {{ dbt.type_string() }}) as invoice_issuer_name,
        cast({{ q('ServiceName') }} as {{ dbt.type_string() }}) as service_name,
        cast({{ q('ServiceCategory') }} as {{ dbt.type_string() }}) as service_category,
        cast({{ q('SkuId') }} as {{ dbt.type_string() }}) as sku_id,
        cast({{ q('SkuPriceId') }} as {{ dbt.type_string() }}) as sku_price_id,
        cast({{ q('Region') }} as {{ dbt.type_string() }}) as region_id,
        cast({{ q('AvailabilityZone') }} as {{ dbt.type_string() }}) as availability_zone,
        cast({{ q('ResourceId') }} as {{ dbt.type_string() }}) as resource_id,
        cast({{ q('ResourceName') }} as {{ dbt.type_string() }}) as resource_name,
        cast({{ q('ResourceType') }} as {{ dbt.type_string() }}) as resource_type,

        -- tags: a Tags JSON column if the report has one, else the per-tag columns
        coalesce(
            cast({{ q('Tags') }} as {{ dbt.type_string() }}),
            {{ map_to_json_object(prefixed_columns_to_map('source', 'Tags/')) }}
        ) as tags,

        -- lineage
        cast(source.filename as {{ dbt.type_string() }}) as source_file,

        -- values present in the file that did not cast (quarantined downstream)
        {{ record_cast_failures([
            ('billing_period_start_at', complete_timestamp_seconds(q('BillingPeriodStart')), 'timestamp'),
            ('billing_period_end_at', complete_timestamp_seconds(q('BillingPeriodEnd')), 'timestamp'),
            ('charge_period_start_at', complete_timestamp_seconds(q('ChargePeriodStart')), 'timestamp'),
            ('charge_period_end_at', complete_timestamp_seconds(q('ChargePeriodEnd')), 'timestamp'),
            ('billed_cost', q('BilledCost'), 'text_decimal'),
            ('effective_cost', q('EffectiveCost'), 'text_decimal'),
            ('list_cost', q('ListCost'), 'text_decimal'),
            ('list_unit_price', q('ListUnitPrice'), 'text_decimal'),
            ('pricing_quantity', q('PricingQuantity'), 'text_decimal'),
            ('usage_quantity', q('UsageQuantity'), 'text_decimal'),
            ('unit_price_overage', q('oci_UnitPriceOverage'), 'text_decimal'),
            ('billed_quantity_overage', q('oci_BilledQuantityOverage'), 'text_decimal'),
            ('cost_overage', q('oci_CostOverage'), 'text_decimal'),
            ('attributed_usage', q('oci_AttributedUsage'), 'text_decimal'),
            ('attributed_cost', q('oci_AttributedCost'), 'text_decimal')
        ]) }} as cast_failures

    from source

)

select * from renamed
