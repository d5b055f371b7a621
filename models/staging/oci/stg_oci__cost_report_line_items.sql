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
{#- the file's column, by its header name (quoted on DuckDB, sanitized on BigQuery) -#}
{%- set col = source_column -%}
{%- set string = dbt.type_string() -%}
{#- usage intervals come to the minute: seconds added before parsing -#}
{%- set usage_start = complete_timestamp_seconds(col('lineItem/intervalUsageStart')) -%}
{%- set usage_end = complete_timestamp_seconds(col('lineItem/intervalUsageEnd')) -%}

with

source as (

    select * from {{ source('oci', 'cost_report') }}
    {{ align_optional_columns(optional_columns) }}

),

renamed as (

    select
        -- identity; a correction names the row it corrects
        cast({{ col('lineItem/referenceNo') }} as {{ string }}) as line_item_id,
        lower(trim({{ col('lineItem/isCorrection') }})) in ('true', 'y', 'yes', '1')
            as is_correction,
        cast({{ col('lineItem/backreferenceNo') }} as {{ string }}) as back_reference_id,
        cast({{ col('lineItem/tenantId') }} as {{ string }}) as tenant_id,
        cast({{ col('cost/subscriptionId') }} as {{ string }}) as subscription_id,

        -- usage interval (UTC), parsed and as delivered
        {{ safe_to_utc_timestamp(usage_start) }} as usage_start_at,
        cast({{ col('lineItem/intervalUsageStart') }} as {{ string }}) as usage_start_text,
        {{ safe_to_utc_timestamp(usage_end) }} as usage_end_at,
        cast({{ col('lineItem/intervalUsageEnd') }} as {{ string }}) as usage_end_text,

        -- product
        cast({{ col('product/service') }} as {{ string }}) as service_code,
        cast({{ col('product/resource') }} as {{ string }}) as product_resource,
        cast({{ col('product/Description') }} as {{ string }}) as product_description,
        cast({{ col('cost/productSku') }} as {{ string }}) as product_sku,
        cast({{ col('product/compartmentId') }} as {{ string }}) as compartment_id,
        cast({{ col('product/compartmentName') }} as {{ string }}) as compartment_name,
        cast({{ col('product/region') }} as {{ string }}) as region_id,
        cast({{ col('product/availabilityDomain') }} as {{ string }}) as availability_domain,
        cast({{ col('product/resourceId') }} as {{ string }}) as resource_id,

        -- quantities and money (billedQuantity, unitPrice and myCost include overage)
        {{ safe_text_to_focus_decimal(col('usage/billedQuantity')) }} as billed_quantity,
        {{ safe_text_to_focus_decimal(col('usage/billedQuantityOverage')) }}
            as billed_quantity_overage,
        {{ safe_text_to_focus_decimal(col('cost/unitPrice')) }} as unit_price,
        {{ safe_text_to_focus_decimal(col('cost/unitPriceOverage')) }} as unit_price_overage,
        {{ safe_text_to_focus_decimal(col('cost/myCost')) }} as my_cost,
        {{ safe_text_to_focus_decimal(col('cost/myCostOverage')) }} as my_cost_overage,
        cast({{ col('cost/currencyCode') }} as {{ string }}) as currency_code,
        cast({{ col('cost/billingUnitReadable') }} as {{ string }}) as billing_unit_readable,
        upper(trim({{ col('cost/overageFlag') }})) = 'Y' as is_overage,

        -- tags
        {{ map_to_json_object(prefixed_columns_to_map('source', 'tags/')) }} as tags,

        -- lineage
        cast(source.filename as {{ string }}) as source_file,

        -- values present in the file that did not cast (quarantined downstream)
        {{ record_cast_failures([
            ('usage_start_at', usage_start, 'timestamp'),
            ('usage_end_at', usage_end, 'timestamp'),
            ('billed_quantity', col('usage/billedQuantity'), 'text_decimal'),
            ('billed_quantity_overage', col('usage/billedQuantityOverage'), 'text_decimal'),
            ('unit_price', col('cost/unitPrice'), 'text_decimal'),
            ('unit_price_overage', col('cost/unitPriceOverage'), 'text_decimal'),
            ('my_cost', col('cost/myCost'), 'text_decimal'),
            ('my_cost_overage', col('cost/myCostOverage'), 'text_decimal')
        ]) }} as cast_failures

    from source

)

select * from renamed
