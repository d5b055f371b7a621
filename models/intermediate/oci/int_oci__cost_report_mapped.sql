{#-
    OCI proprietary cost report rows converted to the provider interface's snake_case FOCUS
    columns, each with its verdict (`quarantine_reason`, null for a row that reaches FOCUS).
    One row per raw row. The report is not FOCUS, so this is a conversion, not a repair: nothing
    is recorded in `repairs` (DECISIONLOG D-302). What the report lacks is derived, the same way
    on every row:
    - billing period: the UTC calendar month of the usage interval (the report has no billing
      period; a correction therefore falls in the month of the usage it corrects);
    - ChargeCategory Usage, ChargeFrequency Usage-Based (the report carries metered usage only);
      ChargeClass Correction where `lineItem/isCorrection` is set (DECISIONLOG D-303);
    - ListCost / ListUnitPrice: the report has no public price; the customer's cost and average
      unit price stand in (ListCost = ContractedCost = EffectiveCost = BilledCost = cost/myCost);
    - account names: the tenancy OCID (the report has no tenancy name).
-#}
{{ config(enabled=var('oci_enabled', false) and var('oci_cost_report_enabled', false)) }}

with

line_items as (

    select * from {{ ref('stg_oci__cost_report_line_items') }}

),

services as (

    select * from {{ ref('map_oci__services') }}

),

regions as (

    select * from {{ ref('map_oci__regions') }}

),

units as (

    select * from {{ ref('map_oci__units') }}

),

mapped as (

    select
        line_items.*,
        {{ dbt.date_trunc('month', 'line_items.usage_start_at') }} as billing_period_start_at,
        coalesce(services.service_name, line_items.service_code) as service_name,
        coalesce(services.service_category, 'Other') as service_category,
        coalesce(services.service_subcategory, 'Other (Other)') as service_subcategory,
        coalesce(regions.region_name, line_items.region_id) as region_name,
        coalesce(units.focus_unit, line_items.billing_unit_readable) as focus_unit,
        case
            when line_items.billed_quantity <> 0
                then {{ to_focus_decimal('line_items.my_cost / line_items.billed_quantity') }}
        end as average_unit_price

    from line_items

    left join services
        on line_items.service_code = services.service_code

    left join regions
        on line_items.region_id = regions.region_id

    left join units
        on line_items.billing_unit_readable = units.oci_unit

),

final as (

    select
        'oci' as provider,
        'Oracle' as provider_name,
        'Oracle' as publisher_name,
        'Oracle' as invoice_issuer_name,
        'oci_cost_report' as source_system,
        source_file,
        'OCI cost report' as source_version,
        line_item_id,
        {{ format_utc_timestamp('usage_start_at') }} || '/'
        || {{ format_utc_timestamp('usage_end_at') }} as time_interval,
        case when is_correction then 'Usage correction' else 'Usage' end as line_item_type,
        'source' as row_origin,
        1 as merged_line_item_count,

        tenant_id as billing_account_id,
        tenant_id as billing_account_name,
        'Tenancy' as billing_account_type,
        compartment_id as sub_account_id,
        compartment_name as sub_account_name,
        case when compartment_id is not null then 'Compartment' end as sub_account_type,
        currency_code as billing_currency,
        billing_period_start_at,
        {{ dbt.dateadd('month', 1, 'billing_period_start_at') }} as billing_period_end_at,
        usage_start_at as charge_period_start_at,
        usage_end_at as charge_period_end_at,

        'Usage' as charge_category,
        case when is_correction then 'Correction' end as charge_class,
        'Usage-Based' as charge_frequency,
        product_description as charge_description,

        my_cost as billed_cost,
        my_cost as effective_cost,
        my_cost as list_cost,
        average_unit_price as list_unit_price,
        my_cost as contracted_cost,
        average_unit_price as contracted_unit_price,
        'Standard' as pricing_category,
        billed_quantity as pricing_quantity,
        case when billed_quantity is not null then focus_unit end as pricing_unit,
        currency_code as pricing_currency,
        average_unit_price as pricing_currency_list_unit_price,
        average_unit_price as pricing_currency_contracted_unit_price,
        my_cost as pricing_currency_effective_cost,
        billed_quantity as consumed_quantity,
        case when billed_quantity is not null then focus_unit end as consumed_unit,

        product_sku as sku_id,
        case when product_sku is not null then product_sku || '-' || currency_code end
            as sku_price_id,
        -- the part number's description names what is metered
        case when product_sku is not null then product_description end as sku_meter,
        cast(null as {{ dbt.type_string() }}) as commitment_discount_id,
        cast(null as {{ dbt.type_string() }}) as commitment_discount_name,
        cast(null as {{ dbt.type_string() }}) as commitment_discount_category,
        cast(null as {{ dbt.type_string() }}) as commitment_discount_type,

        service_name,
        service_code,
        service_category,
        service_subcategory,
        region_id,
        case when region_id is not null then region_name end as region_name,
        availability_domain as availability_zone,
        resource_id,
        cast(null as {{ dbt.type_string() }}) as resource_name,
        -- the resource kind is the second part of its OCID (ocid1.<kind>.oc1...)
        case when resource_id is not null then {{ dbt.split_part('resource_id', "'.'", 2) }} end
            as resource_type,
        tags,
        cast(null as {{ dbt.type_string() }}) as repairs,

        case
            when cast_failures is not null then 'unparseable value in ' || cast_failures
            when line_item_id is null then 'missing key column lineItem/referenceNo'
            when my_cost is null then 'missing key column cost/myCost'
            when currency_code is null then 'missing key column cost/currencyCode'
            when usage_start_at is null or usage_end_at is null
                then 'missing key column lineItem/intervalUsageStart/End'
            when tenant_id is null then 'missing key column lineItem/tenantId'
        end as quarantine_reason,
        cast_failures

    from mapped

),

delivered as (

    -- a line delivered again (lineItem/referenceNo and charge period read from another file: a
    -- report fetched twice, late data repeated by a later report) is kept once, from the file
    -- whose path sorts last (the later report); earlier copies are duplicates (DECISIONLOG D-370)
    select
        final.*,
        {{ is_earlier_delivery('final', ['line_item_id', 'time_interval']) }} as is_duplicate

    from final

)

select * from delivered
