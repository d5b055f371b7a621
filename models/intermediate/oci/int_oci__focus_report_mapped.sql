{#-
    OCI FOCUS report rows upgraded from FOCUS 1.0-preview to the project's FOCUS version, in the
    provider interface's snake_case columns, each with its verdict (`quarantine_reason`, null for a
    row that reaches FOCUS) and its repairs (`repairs`, x_Repairs). One row per raw row.
    Upgrades (column renames and columns the preview did not have) are schema-level and the same
    for every row (DECISIONLOG D-302); `repairs` records the values changed on a row:
    timestamps not written as ISO 8601 UTC, a pre-1.0 ChargeType Adjustment that FOCUS 1.0+ calls
    Credit, a ServiceCategory or unit not in FOCUS form.
    Corrections (oci_BackReferenceNumber set) become ChargeClass 'Correction' rows with their cost
    as delivered: the difference to the corrected row, billed in the correction's own billing
    period (DECISIONLOG D-303).
-#}
{{ config(enabled=var('oci_enabled', false) and var('oci_focus_report_enabled', true)) }}

with

line_items as (

    select * from {{ ref('stg_oci__focus_report_line_items') }}

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
        services.service_code,
        case
            when line_items.charge_type = 'Adjustment'
                and line_items.charge_subcategory in ('Credit', 'Refund')
                then 'Credit'
            else line_items.charge_type
        end as charge_category,
        case when line_items.back_reference_id is not null then 'Correction' end as charge_class,
        coalesce(services.service_category, 'Other') as mapped_service_category,
        coalesce(services.service_subcategory, 'Other (Other)') as service_subcategory,
        coalesce(regions.region_name, line_items.region_id) as region_name,
        coalesce(pricing_units.focus_unit, line_items.pricing_unit) as mapped_pricing_unit,
        coalesce(usage_units.focus_unit, line_items.usage_unit) as mapped_usage_unit

    from line_items

    left join services
        on line_items.service_name = services.service_name

    left join regions
        on line_items.region_id = regions.region_id

    left join units as pricing_units
        on line_items.pricing_unit = pricing_units.oci_unit

    left join units as usage_units
        on line_items.usage_unit = usage_units.oci_unit

),

final as (

    select
        'oci' as provider,
        coalesce(provider_name, 'Oracle') as provider_name,
        coalesce(publisher_name, 'Oracle') as publisher_name,
        coalesce(invoice_issuer_name, 'Oracle') as invoice_issuer_name,
        'oci_focus_report' as source_system,
        source_file,
        'FOCUS 1.0-preview (OCI FOCUS report)' as source_version,
        line_item_id,
        {{ format_utc_timestamp('charge_period_start_at') }} || '/'
        || {{ format_utc_timestamp('charge_period_end_at') }} as time_interval,
        charge_type || coalesce('/' || charge_subcategory, '') as line_item_type,
        'source' as row_origin,
        1 as merged_line_item_count,

        billing_account_id,
        billing_account_name,
        'Tenancy' as billing_account_type,
        sub_account_id,
        sub_account_name,
        case when sub_account_id is not null then 'Compartment' end as sub_account_type,
        billing_currency,
        billing_period_start_at,
        billing_period_end_at,
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
        -- OCI bills at the contracted price: ContractedCost (a FOCUS 1.0 column) is BilledCost
        billed_cost as contracted_cost,
        case
            when pricing_quantity <> 0 and list_unit_price is not null
                then {{ to_focus_decimal('billed_cost / pricing_quantity') }}
        end as contracted_unit_price,
        pricing_category,
        pricing_quantity,
        case when pricing_quantity is not null then mapped_pricing_unit end as pricing_unit,
        billing_currency as pricing_currency,
        list_unit_price as pricing_currency_list_unit_price,
        case
            when pricing_quantity <> 0 and list_unit_price is not null
                then {{ to_focus_decimal('billed_cost / pricing_quantity') }}
        end as pricing_currency_contracted_unit_price,
        effective_cost as pricing_currency_effective_cost,
        case when charge_category = 'Usage' then usage_quantity end as consumed_quantity,
        case
            when charge_category = 'Usage' and usage_quantity is not null then mapped_usage_unit
        end as consumed_unit,

        sku_id,
        sku_price_id,
        -- the part number's description names what is metered
        case when sku_id is not null then charge_description end as sku_meter,
        commitment_discount_id,
        commitment_discount_name,
        commitment_discount_category,
        commitment_discount_type,

        service_name,
        service_code,
        mapped_service_category as service_category,
        service_subcategory,
        region_id,
        case when region_id is not null then region_name end as region_name,
        availability_zone,
        resource_id,
        resource_name,
        case when resource_id is not null then coalesce(resource_type, service_name) end
            as resource_type,
        tags,

        {{ repairs_array([
            repair_entry('BillingPeriodStart', 'billing_period_start_text',
                format_utc_timestamp('billing_period_start_at'),
                'OCI FOCUS report timestamp not in ISO 8601 UTC form; normalized (R-DT-01, R-DT-02)',
                'billing_period_start_at is not null and not ' ~ is_focus_timestamp_text('billing_period_start_text')),
            repair_entry('BillingPeriodEnd', 'billing_period_end_text',
                format_utc_timestamp('billing_period_end_at'),
                'OCI FOCUS report timestamp not in ISO 8601 UTC form; normalized (R-DT-01, R-DT-02)',
                'billing_period_end_at is not null and not ' ~ is_focus_timestamp_text('billing_period_end_text')),
            repair_entry('ChargePeriodStart', 'charge_period_start_text',
                format_utc_timestamp('charge_period_start_at'),
                'OCI FOCUS report timestamp not in ISO 8601 UTC form; normalized (R-DT-01, R-DT-02)',
                'charge_period_start_at is not null and not ' ~ is_focus_timestamp_text('charge_period_start_text')),
            repair_entry('ChargePeriodEnd', 'charge_period_end_text',
                format_utc_timestamp('charge_period_end_at'),
                'OCI FOCUS report timestamp not in ISO 8601 UTC form; normalized (R-DT-01, R-DT-02)',
                'charge_period_end_at is not null and not ' ~ is_focus_timestamp_text('charge_period_end_text')),
            repair_entry('ChargeCategory', 'charge_type', 'charge_category',
                'pre-1.0 ChargeType Adjustment with ChargeSubcategory Credit or Refund is ChargeCategory Credit since FOCUS 1.0',
                'charge_type is distinct from charge_category'),
            repair_entry('ServiceCategory', 'service_category', 'mapped_service_category',
                'ServiceCategory not the FOCUS 1.2 value for this service (seeds/mappings/map_oci__services.csv)',
                'service_category is distinct from mapped_service_category'),
            repair_entry('PricingUnit', 'pricing_unit', 'mapped_pricing_unit',
                'unit rewritten in FOCUS Unit Format (seeds/mappings/map_oci__units.csv)',
                'pricing_quantity is not null and pricing_unit is distinct from mapped_pricing_unit'),
            repair_entry('ConsumedUnit', 'usage_unit', 'mapped_usage_unit',
                'unit rewritten in FOCUS Unit Format (seeds/mappings/map_oci__units.csv)',
                "charge_category = 'Usage' and usage_quantity is not null and usage_unit is distinct from mapped_usage_unit"),
        ]) }} as repairs,

        -- the verdict: a row whose key values are missing or did not cast does not reach FOCUS
        case
            when cast_failures is not null then 'unparseable value in ' || cast_failures
            when line_item_id is null then 'missing key column oci_ReferenceNumber'
            when billed_cost is null then 'missing key column BilledCost'
            when billing_currency is null then 'missing key column BillingCurrency'
            when billing_period_start_at is null or billing_period_end_at is null
                then 'missing key column BillingPeriodStart/BillingPeriodEnd'
            when charge_period_start_at is null or charge_period_end_at is null
                then 'missing key column ChargePeriodStart/ChargePeriodEnd'
            when charge_type is null then 'missing key column ChargeType'
        end as quarantine_reason,
        cast_failures

    from mapped

),

delivered as (

    -- a line delivered again (oci_ReferenceNumber and charge period read from another file: a
    -- report fetched twice, late data repeated by a later report) is kept once, from the file
    -- whose path sorts last (the later report); earlier copies are duplicates (DECISIONLOG D-370)
    select
        final.*,
        {{ is_earlier_delivery('final', ['line_item_id', 'time_interval']) }} as is_duplicate

    from final

)

select * from delivered
