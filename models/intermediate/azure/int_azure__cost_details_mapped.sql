{#-
    Each Azure cost details row that reaches FOCUS, in FOCUS concepts (snake_case): every
    amortized row, and the actual-cost rows of commitment purchases and refunds (DECISIONLOG
    D-101). Seeds decide the charge columns (map_azure__charge_types, map_azure__charge_frequencies),
    the pricing category and commitment type (map_azure__pricing_models), the price block
    (map_azure__pricing_units, D-102), the service category (map_azure__services) and the region
    (map_azure__regions). A charge type the seed does not know stops the build with its name.
    One row per FOCUS charge row.
-#}
with

cost_details as (

    select * from {{ ref('int_azure__cost_details_checked') }}
    where quarantine_reason is null and not is_replaced_by_amortized

),

charge_types as (

    select * from {{ ref('map_azure__charge_types') }}

),

charge_frequencies as (

    select * from {{ ref('map_azure__charge_frequencies') }}

),

pricing_models as (

    select * from {{ ref('map_azure__pricing_models') }}

),

pricing_units as (

    select * from {{ ref('map_azure__pricing_units') }}

),

services as (

    select * from {{ ref('map_azure__services') }}

),

regions as (

    select * from {{ ref('map_azure__regions') }}

),

joined as (

    select
        cost_details.*,
        charge_types.charge_type as known_charge_type,
        charge_types.charge_category,
        charge_types.charge_class,
        charge_types.commitment_discount_status as charge_commitment_status,
        charge_types.billed_cost_when_commitment,
        charge_types.is_priced,
        charge_frequencies.charge_frequency as mapped_charge_frequency,
        pricing_models.pricing_category as model_pricing_category,
        pricing_models.commitment_discount_category as model_commitment_category,
        pricing_models.commitment_discount_type as model_commitment_type,
        pricing_units.pricing_block_size,
        pricing_units.distinct_unit,
        regions.location_key as known_location,
        regions.region_id as mapped_region_id,
        regions.region_name as mapped_region_name,
        coalesce(cost_details.benefit_id, cost_details.reservation_id) as commitment_id,
        coalesce(cost_details.benefit_name, cost_details.reservation_name) as commitment_name,
        -- MCA prices in the pricing currency; EA (and MCA rows priced in the billing currency) at 1
        case
            when
                coalesce(cost_details.pricing_currency, cost_details.billing_currency)
                = cost_details.billing_currency
                then {{ to_focus_decimal('1') }}
            else cost_details.exchange_rate_pricing_to_billing
        end as exchange_rate,
        lower(replace(cost_details.resource_location, ' ', '')) as location_key

    from cost_details

    left join charge_types
        on cost_details.effective_charge_type = charge_types.charge_type

    left join charge_frequencies
        on cost_details.frequency = charge_frequencies.frequency

    left join pricing_models
        on cost_details.pricing_model = pricing_models.pricing_model

    left join pricing_units
        on cost_details.unit_of_measure = pricing_units.unit_of_measure

    left join regions
        on lower(replace(cost_details.resource_location, ' ', '')) = regions.location_key

),

checked as (

    select
        *,
        model_pricing_category = 'Committed' and commitment_id is not null as is_commitment,
        coalesce(meter_category, consumed_service, product_name, 'Microsoft Azure') as service_key

    from joined

    -- a filter, not a column, so that no optimizer can prune the check away
    where
        case
            when known_charge_type is null
                then {{ raise_error(
                    "'Azure charge type ' || coalesce(charge_type, '(null)')"
                    ~ " || ' is not in seeds/mappings/map_azure__charge_types.csv: add it there'"
                ) }}
            else true
        end

),

priced as (

    select
        checked.*,
        case
            when checked.dataset = 'actual' then checked.cost_in_billing_currency
            when
                checked.is_commitment and checked.billed_cost_when_commitment = 'zero'
                then {{ to_focus_decimal('0') }}
            else checked.cost_in_billing_currency
        end as billed_amount,
        case
            when checked.dataset = 'actual' then {{ to_focus_decimal('0') }}
            else checked.cost_in_billing_currency
        end as effective_amount,
        -- block pricing (D-102): prices are per UnitOfMeasure block, Quantity is in single units
        {{ to_focus_decimal(
            'case when charge_class = \'Correction\' and cost_in_billing_currency < 0'
            ~ ' then -abs(quantity) else quantity end'
            ~ ' / coalesce(pricing_block_size, 1)'
        ) }} as block_quantity,
        case
            when checked.pricing_block_size is null then checked.unit_of_measure
            when checked.pricing_block_size = 1 then checked.distinct_unit
            else cast(checked.pricing_block_size as {{ dbt.type_string() }})
                || ' '
                || checked.distinct_unit
        end as block_unit,
        coalesce(checked.distinct_unit, checked.unit_of_measure) as single_unit,
        coalesce(checked.unit_price, checked.effective_price) as pricing_currency_contracted_price,
        coalesce(checked.payg_price, checked.unit_price, checked.effective_price)
            as pricing_currency_list_price

    from checked

),

mapped as (

    select
        -- lineage
        line_item_id,
        cast(charge_day as {{ dbt.type_string() }}) || '/'
        || cast(cast({{ dbt.dateadd('day', 1, 'charge_day') }} as date) as {{ dbt.type_string() }})
            as time_interval,
        source_system,
        source_file,
        effective_charge_type as line_item_type,
        1 as merged_line_item_count,
        'source' as row_origin,
        source_extras,

        -- accounts: EA bills the billing account (enrollment), MCA the billing profile
        case when agreement = 'MCA' then coalesce(billing_profile_id, billing_account_id)
            else billing_account_id
        end as billing_account_id,
        case when agreement = 'MCA' then coalesce(billing_profile_name, billing_account_name)
            else coalesce(billing_account_name, billing_account_id)
        end as billing_account_name,
        case when agreement = 'MCA' then 'Billing Profile' else 'Billing Account' end
            as billing_account_type,
        subscription_id as sub_account_id,
        case when subscription_id is not null then coalesce(subscription_name, subscription_id) end
            as sub_account_name,
        case when subscription_id is not null then 'Subscription' end as sub_account_type,
        billing_currency,
        billing_period_start_at,
        billing_period_end_at,
        invoice_id,
        'Microsoft' as invoice_issuer_name,

        -- charge
        charge_date as charge_period_start_at,
        {{ dbt.dateadd('day', 1, 'charge_date') }} as charge_period_end_at,
        charge_category,
        charge_class,
        coalesce(
            mapped_charge_frequency,
            case when charge_category = 'Usage' then 'Usage-Based' else 'One-Time' end
        ) as charge_frequency,
        product_name as charge_description,

        -- cost
        billed_amount as billed_cost,
        effective_amount as effective_cost,
        case
            when is_priced
                then {{ to_focus_decimal(
                    'pricing_currency_list_price * exchange_rate * block_quantity'
                ) }}
            else billed_amount
        end as list_cost,
        case when
                is_priced
                then {{ to_focus_decimal('pricing_currency_list_price * exchange_rate') }}
        end as list_unit_price,
        case
            when is_priced
                then {{ to_focus_decimal(
                    'pricing_currency_contracted_price * exchange_rate * block_quantity'
                ) }}
            else billed_amount
        end as contracted_cost,
        case
            when is_priced
                then {{ to_focus_decimal('pricing_currency_contracted_price * exchange_rate') }}
        end as contracted_unit_price,

        -- pricing and usage quantities
        case
            when not is_priced then null
            when charge_category = 'Purchase' then 'Standard'
            else coalesce(model_pricing_category, 'Standard')
        end as pricing_category,
        case when is_priced then block_quantity end as pricing_quantity,
        case when is_priced then coalesce(block_unit, 'Units') end as pricing_unit,
        -- FOCUS: consumed quantity on used usage only, never on unused commitment rows
        case
            when charge_category = 'Usage' and coalesce(charge_commitment_status, '') <> 'Unused'
                then quantity
        end as consumed_quantity,
        case
            when charge_category = 'Usage' and coalesce(charge_commitment_status, '') <> 'Unused'
                then coalesce(single_unit, 'Units')
        end as consumed_unit,
        coalesce(pricing_currency, billing_currency) as pricing_currency,
        case when is_priced then pricing_currency_contracted_price end
            as pricing_currency_contracted_unit_price,
        case when is_priced then pricing_currency_list_price end
            as pricing_currency_list_unit_price,
        case
            when dataset = 'actual' then {{ to_focus_decimal('0') }}
            when exchange_rate = 1 then cost_in_billing_currency
            else coalesce(
                    cost_in_pricing_currency,
                    {{ to_focus_decimal('cost_in_billing_currency / exchange_rate') }}
                )
        end as pricing_currency_effective_cost,

        -- SKU: MCA has a product ID, EA a part number; commitment purchases neither
        case
            when is_priced then coalesce(
                    product_id,
                    part_number,
                    meter_id,
                    'azure:' || coalesce(pricing_model, 'OnDemand') || ':'
                    || coalesce(product_name, effective_charge_type)
                )
        end as sku_id,
        case
            when is_priced then coalesce(
                    product_id,
                    part_number,
                    meter_id,
                    'azure:' || coalesce(pricing_model, 'OnDemand') || ':'
                    || coalesce(product_name, effective_charge_type)
                ) || ':' || coalesce(pricing_model, 'OnDemand') || ':'
                || coalesce(unit_of_measure, '')
        end as sku_price_id,
        case when is_priced then coalesce(meter_name, product_name, effective_charge_type) end
            as sku_meter,

        -- commitment discounts
        case when is_commitment then commitment_id end as commitment_discount_id,
        case when is_commitment then coalesce(commitment_name, commitment_id) end
            as commitment_discount_name,
        case
            when not is_commitment then null
            when lower(commitment_id) like '%/microsoft.capacity/%' then 'Usage'
            when lower(commitment_id) like '%/microsoft.billingbenefits/%' then 'Spend'
            else model_commitment_category
        end as commitment_discount_category,
        case
            when not is_commitment then null
            when lower(commitment_id) like '%/microsoft.capacity/%' then 'Reservation'
            when lower(commitment_id) like '%/microsoft.billingbenefits/%' then 'Savings Plan'
            else model_commitment_type
        end as commitment_discount_type,
        case when is_commitment and charge_category = 'Usage' then charge_commitment_status end
            as commitment_discount_status,
        term,
        quantity,
        single_unit,

        -- resource, location, service
        case
            when is_commitment and (
                    charge_category = 'Purchase' or charge_commitment_status = 'Unused'
                ) then commitment_id
            else resource_id
        end as resource_id,
        case
            when is_commitment and (
                    charge_category = 'Purchase' or charge_commitment_status = 'Unused'
                ) then coalesce(commitment_name, commitment_id)
            when resource_id is not null then coalesce(
                    resource_name,
                    {{ regexp_first_group('resource_id', '([^/]+)$') }}
                )
        end as resource_name,
        case
            when is_commitment and (
                    charge_category = 'Purchase' or charge_commitment_status = 'Unused'
                ) then {{ regexp_first_group('commitment_id', '/providers/([^/]+/[^/]+)') }}
            when resource_id is not null then coalesce(
                    {{ regexp_first_group('resource_id', '/providers/([^/]+/[^/]+)') }},
                    consumed_service,
                    'Resource'
                )
        end as resource_type,
        case
            when known_location is not null then mapped_region_id
            else location_key
        end as region_id,
        case
            when known_location is not null then mapped_region_name
            else resource_location
        end as region_name,
        service_key as service_name,
        consumed_service as service_code,
        meter_subcategory as usage_type,
        effective_charge_type,
        is_commitment,
        is_priced,
        agreement,
        dataset,
        coalesce(publisher_type = 'Marketplace', false) as is_marketplace,
        coalesce(publisher_name, 'Microsoft') as publisher_name,
        {{ azure_tags_to_json('tags_text') }} as tags,
        tags_text

    from priced

),

with_services as (

    select
        mapped.*,
        coalesce(services.service_category, 'Other') as service_category,
        coalesce(services.service_subcategory, 'Other (Other)') as service_subcategory,
        services.meter_category is null as is_unmapped_service

    from mapped

    left join services
        on mapped.service_name = services.meter_category

)

select * from with_services
