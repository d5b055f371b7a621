{#-
    OCI's FOCUS report (FOCUS 1.0-preview names, every value read as text): renamed to snake_case
    and cast, safely; a value present but not castable is named in `cast_failures` and its row is
    quarantined downstream. Timestamps are kept both parsed (UTC) and as delivered (`*_text`), so
    the intermediate layer can record which ones it normalized. The per-tag columns
    (`Tags/<namespace>.<key>`), or a `Tags` JSON column where a report has one, become one JSON
    object. Every column read is aligned, so a column a file lacks reads as null.
-#}
{{ config(enabled=var('oci_enabled', false) and var('oci_focus_report_enabled', true)) }}
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
    'pricing_quantity': 'PricingQuantity',
    'usage_quantity': 'UsageQuantity',
    'unit_price_overage': 'oci_UnitPriceOverage',
    'billed_quantity_overage': 'oci_BilledQuantityOverage',
    'cost_overage': 'oci_CostOverage',
    'attributed_usage': 'oci_AttributedUsage',
    'attributed_cost': 'oci_AttributedCost',
} -%}
{%- set decimal_checks = [] -%}
{%- for name, column in decimals.items() -%}
    {%- do decimal_checks.append((name, column, 'text_decimal')) -%}
{%- endfor %}

with

source as (

    select * from {{ source('oci', 'focus_report') }}
    {{ align_optional_columns(optional_columns) }}

),

renamed as (

    select
        -- identity; a correction names the row it corrects
        cast(oci_ReferenceNumber as {{ dbt.type_string() }}) as line_item_id,
        cast(oci_BackReferenceNumber as {{ dbt.type_string() }}) as back_reference_id,

        -- accounts: the tenancy bills, the compartment is the sub account
        cast(BillingAccountId as {{ dbt.type_string() }}) as billing_account_id,
        cast(BillingAccountName as {{ dbt.type_string() }}) as billing_account_name,
        cast(SubAccountId as {{ dbt.type_string() }}) as sub_account_id,
        cast(SubAccountName as {{ dbt.type_string() }}) as sub_account_name,
        cast(oci_CompartmentId as {{ dbt.type_string() }}) as compartment_id,
        cast(oci_CompartmentName as {{ dbt.type_string() }}) as compartment_name,
        cast(BillingCurrency as {{ dbt.type_string() }}) as billing_currency,

        -- periods, parsed to UTC and as delivered
        {% for name, column in timestamps.items() -%}
        {{ safe_to_utc_timestamp(complete_timestamp_seconds(column)) }} as {{ name }}_at,
        cast({{ column }} as {{ dbt.type_string() }}) as {{ name }}_text,
        {% endfor -%}

        -- charge, in FOCUS 1.0-preview terms
        cast(ChargeType as {{ dbt.type_string() }}) as charge_type,
        cast(ChargeSubcategory as {{ dbt.type_string() }}) as charge_subcategory,
        cast(ChargeFrequency as {{ dbt.type_string() }}) as charge_frequency,
        cast(ChargeDescription as {{ dbt.type_string() }}) as charge_description,

        -- money and quantities
        {% for name, column in decimals.items() -%}
        {{ safe_text_to_focus_decimal(column) }} as {{ name }},
        {% endfor -%}
        cast(PricingCategory as {{ dbt.type_string() }}) as pricing_category,
        cast(PricingUnit as {{ dbt.type_string() }}) as pricing_unit,
        cast(UsageUnit as {{ dbt.type_string() }}) as usage_unit,
        upper(trim(oci_OverageFlag)) = 'Y' as is_overage,

        -- commitments
        cast(CommitmentDiscountId as {{ dbt.type_string() }}) as commitment_discount_id,
        cast(CommitmentDiscountName as {{ dbt.type_string() }}) as commitment_discount_name,
        cast(CommitmentDiscountCategory as {{ dbt.type_string() }}) as commitment_discount_category,
        cast(CommitmentDiscountType as {{ dbt.type_string() }}) as commitment_discount_type,

        -- provider, service, SKU, place, resource
        cast(ProviderName as {{ dbt.type_string() }}) as provider_name,
        cast(PublisherName as {{ dbt.type_string() }}) as publisher_name,
        cast(InvoiceIssuer as {{ dbt.type_string() }}) as invoice_issuer_name,
        cast(ServiceName as {{ dbt.type_string() }}) as service_name,
        cast(ServiceCategory as {{ dbt.type_string() }}) as service_category,
        cast(SkuId as {{ dbt.type_string() }}) as sku_id,
        cast(SkuPriceId as {{ dbt.type_string() }}) as sku_price_id,
        cast(Region as {{ dbt.type_string() }}) as region_id,
        cast(AvailabilityZone as {{ dbt.type_string() }}) as availability_zone,
        cast(ResourceId as {{ dbt.type_string() }}) as resource_id,
        cast(ResourceName as {{ dbt.type_string() }}) as resource_name,
        cast(ResourceType as {{ dbt.type_string() }}) as resource_type,

        -- tags: a Tags JSON column if the report has one, else the per-tag columns
        coalesce(
            cast(Tags as {{ dbt.type_string() }}),
            {{ map_to_json_object(prefixed_columns_to_map('source', 'Tags/')) }}
        ) as tags,

        -- lineage
        cast(filename as {{ dbt.type_string() }}) as source_file,

        -- values present in the file that did not cast (quarantined downstream)
        nullif(
            {%- for name, column in timestamps.items() %}
            coalesce(
                case
                    when nullif(trim({{ column }}), '') is not null
                        and {{ safe_to_utc_timestamp(complete_timestamp_seconds(column)) }} is null
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
