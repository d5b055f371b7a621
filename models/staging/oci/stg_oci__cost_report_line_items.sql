{#-
    OCI's proprietary cost report (`lineItem/referenceNo` headers, every value read as text):
    renamed to snake_case and cast, safely; a value present but not castable is named in
    `cast_failures` and its row is quarantined downstream. Usage intervals are UTC
    (`2025-01-01T00:00Z`, minutes only). The per-tag columns (`tags/<namespace>.<key>`) become one
    JSON object. Every column read is aligned, so a column a file lacks reads as null.
-#}
{{ config(enabled=var('oci_enabled', false) and var('oci_cost_report_enabled', false)) }}
{%- set source_columns = [
    'lineItem/referenceNo', 'lineItem/tenantId', 'lineItem/intervalUsageStart',
    'lineItem/intervalUsageEnd', 'product/service', 'product/resource', 'product/compartmentId',
    'product/compartmentName', 'product/region', 'product/availabilityDomain',
    'product/resourceId', 'usage/billedQuantity', 'usage/billedQuantityOverage',
    'cost/subscriptionId', 'cost/productSku', 'product/Description', 'cost/unitPrice',
    'cost/unitPriceOverage', 'cost/myCost', 'cost/myCostOverage', 'cost/currencyCode',
    'cost/billingUnitReadable', 'cost/overageFlag', 'lineItem/isCorrection',
    'lineItem/backreferenceNo', 'tags/', 'filename',
] -%}
{%- set optional_columns = {} -%}
{%- for column_name in source_columns -%}
    {%- do optional_columns.update({column_name: dbt.type_string()}) -%}
{%- endfor -%}
{%- set timestamps = {
    'usage_start': '"lineItem/intervalUsageStart"',
    'usage_end': '"lineItem/intervalUsageEnd"',
} -%}
{%- set decimals = {
    'billed_quantity': '"usage/billedQuantity"',
    'billed_quantity_overage': '"usage/billedQuantityOverage"',
    'unit_price': '"cost/unitPrice"',
    'unit_price_overage': '"cost/unitPriceOverage"',
    'my_cost': '"cost/myCost"',
    'my_cost_overage': '"cost/myCostOverage"',
} -%}

with

source as (

    select * from {{ source('oci', 'cost_report') }}
    {{ align_optional_columns(optional_columns) }}

),

renamed as (

    select
        -- identity; a correction names the row it corrects
        cast("lineItem/referenceNo" as {{ dbt.type_string() }}) as line_item_id,
        lower(trim("lineItem/isCorrection")) in ('true', 'y', 'yes', '1') as is_correction,
        cast("lineItem/backreferenceNo" as {{ dbt.type_string() }}) as back_reference_id,
        cast("lineItem/tenantId" as {{ dbt.type_string() }}) as tenant_id,
        cast("cost/subscriptionId" as {{ dbt.type_string() }}) as subscription_id,

        -- usage interval (UTC), parsed and as delivered
        {{ safe_to_utc_timestamp(complete_timestamp_seconds('"lineItem/intervalUsageStart"')) }}
            as usage_start_at,
        cast("lineItem/intervalUsageStart" as {{ dbt.type_string() }}) as usage_start_text,
        {{ safe_to_utc_timestamp(complete_timestamp_seconds('"lineItem/intervalUsageEnd"')) }}
            as usage_end_at,
        cast("lineItem/intervalUsageEnd" as {{ dbt.type_string() }}) as usage_end_text,

        -- product
        cast("product/service" as {{ dbt.type_string() }}) as service_code,
        cast("product/resource" as {{ dbt.type_string() }}) as product_resource,
        cast("product/Description" as {{ dbt.type_string() }}) as product_description,
        cast("cost/productSku" as {{ dbt.type_string() }}) as product_sku,
        cast("product/compartmentId" as {{ dbt.type_string() }}) as compartment_id,
        cast("product/compartmentName" as {{ dbt.type_string() }}) as compartment_name,
        cast("product/region" as {{ dbt.type_string() }}) as region_id,
        cast("product/availabilityDomain" as {{ dbt.type_string() }}) as availability_domain,
        cast("product/resourceId" as {{ dbt.type_string() }}) as resource_id,

        -- quantities and money (billedQuantity, unitPrice and myCost include overage)
        {{ safe_text_to_focus_decimal('"usage/billedQuantity"') }} as billed_quantity,
        {{ safe_text_to_focus_decimal('"usage/billedQuantityOverage"') }}
            as billed_quantity_overage,
        {{ safe_text_to_focus_decimal('"cost/unitPrice"') }} as unit_price,
        {{ safe_text_to_focus_decimal('"cost/unitPriceOverage"') }} as unit_price_overage,
        {{ safe_text_to_focus_decimal('"cost/myCost"') }} as my_cost,
        {{ safe_text_to_focus_decimal('"cost/myCostOverage"') }} as my_cost_overage,
        cast("cost/currencyCode" as {{ dbt.type_string() }}) as currency_code,
        cast("cost/billingUnitReadable" as {{ dbt.type_string() }}) as billing_unit_readable,
        upper(trim("cost/overageFlag")) = 'Y' as is_overage,

        -- tags
        {{ map_to_json_object(prefixed_columns_to_map('source', 'tags/')) }} as tags,

        -- lineage
        cast(source.filename as {{ dbt.type_string() }}) as source_file,

        -- values present in the file that did not cast (quarantined downstream)
        {{ record_cast_failures([
            ('usage_start_at', complete_timestamp_seconds('"lineItem/intervalUsageStart"'), 'timestamp'),
            ('usage_end_at', complete_timestamp_seconds('"lineItem/intervalUsageEnd"'), 'timestamp'),
            ('billed_quantity', '"usage/billedQuantity"', 'text_decimal'),
            ('billed_quantity_overage', '"usage/billedQuantityOverage"', 'text_decimal'),
            ('unit_price', '"cost/unitPrice"', 'text_decimal'),
            ('unit_price_overage', '"cost/unitPriceOverage"', 'text_decimal'),
            ('my_cost', '"cost/myCost"', 'text_decimal'),
            ('my_cost_overage', '"cost/myCostOverage"', 'text_decimal')
        ]) }} as cast_failures

    from source

)

select * from renamed
