{#-
    AWS rows in the project's FOCUS shape (snake_case names of the FOCUS columns plus AWS extras):
    the provider's line items after negations are merged, and the unused-commitment rows the spec
    makes the project create. One row per FOCUS charge row.
-#}
{%- set columns = [
    'billing_account_id', 'billing_account_name', 'billing_account_type',
    'sub_account_id', 'sub_account_name', 'sub_account_type',
    'billing_currency', 'billing_period_start_at', 'billing_period_end_at',
    'invoice_id', 'invoice_issuer_name', 'invoicing_entity',
    'charge_period_start_at', 'charge_period_end_at', 'charge_category', 'charge_class',
    'charge_frequency', 'charge_description',
    'billed_cost', 'effective_cost', 'list_cost', 'list_unit_price', 'contracted_cost',
    'contracted_unit_price',
    'pricing_category', 'pricing_quantity', 'pricing_unit', 'pricing_currency',
    'consumed_quantity', 'consumed_unit',
    'sku_id', 'sku_price_id', 'sku_meter',
    'commitment_discount_id', 'commitment_discount_category', 'commitment_discount_type',
    'commitment_discount_status', 'commitment_discount_quantity', 'commitment_discount_unit',
    'resource_id', 'product_family', 'region_id', 'region_name', 'availability_zone',
    'service_name', 'service_code', 'service_category', 'service_subcategory',
    'is_unmapped_service', 'is_marketplace', 'legal_entity', 'tags',
    'line_item_id', 'time_interval', 'line_item_type', 'bill_type', 'usage_type', 'operation',
    'source_system', 'source_file', 'merged_line_item_count', 'source_extras',
] -%}

with

provider_line_items as (

    select
        {% for column in columns -%}
            {{ column }},
        {% endfor -%}
        'source' as row_origin

    from {{ ref('int_aws__savings_plan_negations_merged') }}
    where not is_unmatched_negation

),

unused_commitments as (

    select
        {% for column in columns -%}
            {{ column }},
        {% endfor -%}
        'derived_unused_commitment' as row_origin

    from {{ ref('int_aws__unused_commitments_derived') }}

),

unioned as (

    select * from provider_line_items
    union all
    select * from unused_commitments

),

final as (

    select
        *,
        -- AWS prices in the billing currency: the pricing-currency columns repeat the billed ones.
        contracted_unit_price as pricing_currency_contracted_unit_price,
        effective_cost as pricing_currency_effective_cost,
        list_unit_price as pricing_currency_list_unit_price,
        'aws' as provider,
        'AWS' as provider_name,
        case when is_marketplace then coalesce(legal_entity, service_name) else 'AWS' end
            as publisher_name,
        case when resource_id is not null then coalesce(product_family, service_name) end
            as resource_type,
        case
            when source_system = 'aws_cur2' then 'CUR 2.0'
            else 'CUR legacy'
        end as source_version

    from unioned

)

select * from final
