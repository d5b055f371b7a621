{#-
    Each AWS line item expressed in FOCUS concepts (snake_case), one row per line item. The
    line-item-type seed decides the charge columns and which cost column feeds EffectiveCost; the
    service seed decides the service category. A line item type the seed does not know stops the
    build with its name, so no charge is ever mapped by guess.
    Every raw line item is here with its verdict (issue 6, DECISIONLOG D-670): the quarantined ones
    and the duplicate copies too, flagged is_quarantined, so that the quarantine view reads them
    from here instead of checking the raw files a second time. Every step after this one
    reads `where not is_quarantined`; the mapping columns of a quarantined row are not FOCUS data.
    Written once per run and read by four models: on DuckDB as one Parquet file and a view over it
    (focus_parquet_file, DECISIONLOG D-687), elsewhere as a table.
-#}
{{ config(materialized=heavy_intermediate_materialization()) }}

with

line_items as (

    select
        *,
        quarantine_reason is not null or is_duplicate as is_quarantined
    from {{ ref('int_aws__line_items_checked') }}

),

line_item_types as (

    select * from {{ ref('map_aws__line_item_types') }}

),

services as (

    select * from {{ ref('map_aws__services') }}

),

pricing_units as (

    select * from {{ ref('map_aws__pricing_units') }}

),

joined as (

    select
        line_items.*,
        line_item_types.line_item_type as known_line_item_type,
        line_item_types.charge_category,
        line_item_types.charge_frequency,
        line_item_types.pricing_category as line_item_pricing_category,
        line_item_types.commitment_discount_status as line_item_commitment_status,
        line_item_types.effective_cost_basis,
        line_item_types.commitment_quantity_basis,
        line_item_types.list_cost_basis,
        line_item_types.contracted_cost_basis,
        line_item_types.default_pricing_unit,
        line_item_types.merges_into_line_item_type,
        line_item_types.creates_unused_commitment_row,
        line_item_types.can_correct_prior_period,
        services.service_category as mapped_service_category,
        services.service_subcategory as mapped_service_subcategory,
        coalesce(pricing_units.focus_unit, nullif(line_items.pricing_unit, ''))
            as focus_pricing_unit,
        nullif(line_items.savings_plan_arn, '') as savings_plan_id,
        nullif(line_items.reservation_arn, '') as reservation_id,
        line_item_types.charge_category in ('Usage', 'Purchase') as is_priced,
        line_items.public_on_demand_rate is not null
        and line_items.public_on_demand_cost is not null as has_public_price

    from line_items

    left join line_item_types
        on line_items.line_item_type = line_item_types.line_item_type

    left join services
        on line_items.product_code = services.service_code

    left join pricing_units
        on line_items.pricing_unit = pricing_units.aws_unit

),

checked as (

    select
        *,
        coalesce(savings_plan_id, reservation_id) as commitment_id,
        coalesce(
            nullif(product_sku, ''),
            coalesce(nullif(product_code, ''), 'AWS')
            || ':'
            || coalesce(nullif(usage_type, ''), line_item_type)
        ) as sku_or_derived_id

    from joined

    -- a filter, not a column, so that no optimizer can prune the check away
    where
        case
            when known_line_item_type is null and not is_quarantined
                then {{ raise_error(
                    "'AWS line item type ' || coalesce(line_item_type, '(null)')"
                    ~ " || ' is not in seeds/mappings/map_aws__line_item_types.csv: add it there'"
                ) }}
            else true
        end

),

mapped as (

    select
        -- lineage
        line_item_id,
        time_interval,
        source_system,
        source_file,
        line_item_type,
        merges_into_line_item_type,
        creates_unused_commitment_row,
        1 as merged_line_item_count,

        -- verdict (the quarantined rows stay here for the quarantine view: D-670)
        is_quarantined,
        quarantine_reason,
        is_duplicate,
        cast_failures,

        -- accounts and billing period
        payer_account_id as billing_account_id,
        payer_account_name as billing_account_name,
        'Payer Account' as billing_account_type,
        nullif(usage_account_id, '') as sub_account_id,
        nullif(usage_account_name, '') as sub_account_name,
        case when nullif(usage_account_id, '') is not null then 'Linked Account' end
            as sub_account_type,
        currency_code as billing_currency,
        billing_period_start_at,
        billing_period_end_at,
        nullif(invoice_id, '') as invoice_id,
        -- AWS issues the invoice for its own and Marketplace charges: the issuer is named like
        -- the provider (DECISIONLOG D-012); the legal invoicing entity stays in x_InvoicingEntity.
        case
            when
                billing_entity in ('AWS', 'AWS Marketplace')
                or nullif(invoicing_entity, '') is null
                then 'AWS'
            else invoicing_entity
        end as invoice_issuer_name,
        nullif(invoicing_entity, '') as invoicing_entity,

        -- charge
        usage_start_at as charge_period_start_at,
        usage_end_at as charge_period_end_at,
        charge_category,
        case
            when
                can_correct_prior_period and usage_start_at < billing_period_start_at
                then 'Correction'
        end as charge_class,
        charge_frequency,
        nullif(line_item_description, '') as charge_description,
        bill_type,

        -- cost
        unblended_cost as billed_cost,
        case effective_cost_basis
            when 'unblended_cost' then unblended_cost
            when 'reservation_effective_cost' then reservation_effective_cost
            when 'savings_plan_effective_cost' then savings_plan_effective_cost
            when 'zero' then 0
            when
                'commitment_purchase'
                then case when commitment_id is null then unblended_cost else 0 end
        end as effective_cost,
        case
            when not is_priced then unblended_cost
            when
                list_cost_basis = 'public_on_demand' and has_public_price
                then public_on_demand_cost
            else unblended_cost
        end as list_cost,
        case
            when not is_priced then null
            when
                list_cost_basis = 'public_on_demand' and has_public_price
                then public_on_demand_rate
            else unblended_rate
        end as list_unit_price,
        case
            when not is_priced then unblended_cost
            when
                contracted_cost_basis = 'public_on_demand' and has_public_price
                then public_on_demand_cost
            else unblended_cost
        end as contracted_cost,
        case
            when not is_priced then null
            when
                contracted_cost_basis = 'public_on_demand' and has_public_price
                then public_on_demand_rate
            else unblended_rate
        end as contracted_unit_price,

        -- pricing and usage quantities
        case
            when is_priced then coalesce(
                    line_item_pricing_category,
                    case when usage_type like '%SpotUsage%' then 'Dynamic' else 'Standard' end
                )
        end as pricing_category,
        case when is_priced then usage_amount end as pricing_quantity,
        case
            when is_priced then coalesce(focus_pricing_unit, default_pricing_unit)
        end as pricing_unit,
        case when charge_category = 'Usage' then usage_amount end as consumed_quantity,
        case
            when charge_category = 'Usage' then coalesce(focus_pricing_unit, default_pricing_unit)
        end as consumed_unit,
        coalesce(nullif(pricing_currency, ''), currency_code) as pricing_currency,

        -- SKU
        -- AWS leaves SKU and rate code blank on some lines (Savings Plan fees, some spot and fee
        -- lines); FOCUS needs them on every priced row, so a stable ID is derived from the service
        -- code and usage type (DECISIONLOG D-013).
        case when is_priced then sku_or_derived_id end as sku_id,
        case
            when is_priced
                then coalesce(
                        nullif(pricing_rate_code, ''), sku_or_derived_id || ':' || line_item_type
                    )
        end as sku_price_id,
        case when is_priced then coalesce(nullif(usage_type, ''), line_item_type) end as sku_meter,

        -- commitment discounts
        commitment_id as commitment_discount_id,
        case
            when savings_plan_id is not null then 'Spend'
            when reservation_id is not null then 'Usage'
        end as commitment_discount_category,
        case
            when savings_plan_id is not null then 'Savings Plan'
            when reservation_id is not null then 'Reserved Instance'
        end as commitment_discount_type,
        case when commitment_id is not null then line_item_commitment_status end
            as commitment_discount_status,
        case
            when commitment_id is null or not is_priced then null
            when commitment_quantity_basis = 'usage_amount' then usage_amount
            when
                commitment_quantity_basis = 'savings_plan_effective_cost'
                then savings_plan_effective_cost
            when
                commitment_quantity_basis = 'savings_plan_total_commitment'
                then savings_plan_total_commitment
            when commitment_quantity_basis = 'unblended_cost' then unblended_cost
            when commitment_quantity_basis = 'reservation_total_reserved_units'
                then coalesce(reservation_total_reserved_units, usage_amount)
        end as commitment_discount_quantity,
        case
            when commitment_id is null or not is_priced then null
            when savings_plan_id is not null then currency_code
            else 'Hours'
        end as commitment_discount_unit,
        reservation_unused_quantity,
        reservation_unused_amortized_upfront_fee,
        reservation_unused_recurring_fee,
        savings_plan_total_commitment,
        savings_plan_used_commitment,

        -- resource, location, service
        case
            when charge_category = 'Purchase' and commitment_id is not null then commitment_id
            else nullif(resource_id, '')
        end as resource_id,
        nullif(product_family, '') as product_family,
        nullif(region_code, '') as region_id,
        -- FOCUS names a region only where there is a region ID (CloudFront's location is a
        -- geography such as 'United States', not a region).
        case
            when nullif(region_code, '') is not null
                then coalesce(nullif(region_name, ''), region_code)
        end as region_name,
        nullif(availability_zone, '') as availability_zone,
        coalesce(nullif(product_name, ''), nullif(product_code, ''), 'AWS') as service_name,
        nullif(product_code, '') as service_code,
        coalesce(mapped_service_category, 'Other') as service_category,
        coalesce(mapped_service_subcategory, 'Other (Other)') as service_subcategory,
        mapped_service_category is null as is_unmapped_service,
        coalesce(billing_entity = 'AWS Marketplace', false) as is_marketplace,
        nullif(legal_entity, '') as legal_entity,
        nullif(usage_type, '') as usage_type,
        nullif(operation, '') as operation,
        {{ aws_tags_to_json('resource_tags', 'cost_categories') }} as tags,
        source_extras

    from checked

)

select * from mapped
