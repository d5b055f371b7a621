{#-
    CUR 2.0 (AWS Data Exports): rename to the AWS staging contract and cast; nothing else.
    CUR 2.0 has a fixed schema except for a few columns that depend on the export's settings or the
    account: resource IDs (INCLUDE_RESOURCES), net costs (only with discounts) and the reader's
    `filename` (absent from a loaded BigQuery table); those are aligned to null when absent.
-#}
{{ config(enabled=var('aws_enabled') and var('aws_cur2_enabled')) }}

{#- The source columns this model reads; any other is carried only on request (x_SourceExtras). -#}
{%- set known_source_columns = [
    'bill_bill_type',
    'bill_billing_entity',
    'bill_billing_period_end_date',
    'bill_billing_period_start_date',
    'bill_invoice_id',
    'bill_invoicing_entity',
    'bill_payer_account_id',
    'bill_payer_account_name',
    'bill_type',
    'billing_entity',
    'billing_period_end_at',
    'billing_period_start_at',
    'cost_category',
    'identity_line_item_id',
    'identity_time_interval',
    'line_item_availability_zone',
    'line_item_currency_code',
    'line_item_description',
    'line_item_id',
    'line_item_legal_entity',
    'line_item_line_item_description',
    'line_item_line_item_type',
    'line_item_net_unblended_cost',
    'line_item_net_unblended_rate',
    'line_item_operation',
    'line_item_product_code',
    'line_item_resource_id',
    'line_item_tax_type',
    'line_item_type',
    'line_item_unblended_cost',
    'line_item_unblended_rate',
    'line_item_usage_account_id',
    'line_item_usage_account_name',
    'line_item_usage_amount',
    'line_item_usage_end_date',
    'line_item_usage_start_date',
    'line_item_usage_type',
    'pricing_currency',
    'pricing_lease_contract_length',
    'pricing_offering_class',
    'pricing_public_on_demand_cost',
    'pricing_public_on_demand_rate',
    'pricing_purchase_option',
    'pricing_rate_code',
    'pricing_rate_id',
    'pricing_term',
    'pricing_unit',
    'product',
    'product_code',
    'product_family',
    'product_instance_type',
    'product_location',
    'product_name',
    'product_product_family',
    'product_region_code',
    'product_servicecode',
    'product_sku',
    'reservation_arn',
    'reservation_effective_cost',
    'reservation_end_at',
    'reservation_end_time',
    'reservation_reservation_a_r_n',
    'reservation_start_at',
    'reservation_start_time',
    'reservation_total_reserved_units',
    'reservation_unused_amortized_upfront_fee',
    'reservation_unused_amortized_upfront_fee_for_billing_period',
    'reservation_unused_quantity',
    'reservation_unused_recurring_fee',
    'resource_tags',
    'savings_plan_arn',
    'savings_plan_effective_cost',
    'savings_plan_end_at',
    'savings_plan_end_time',
    'savings_plan_offering_type',
    'savings_plan_payment_option',
    'savings_plan_purchase_term',
    'savings_plan_rate',
    'savings_plan_savings_plan_a_r_n',
    'savings_plan_savings_plan_effective_cost',
    'savings_plan_savings_plan_rate',
    'savings_plan_start_at',
    'savings_plan_start_time',
    'savings_plan_total_commitment',
    'savings_plan_total_commitment_to_date',
    'savings_plan_used_commitment'
] %}

with

source as (

    select * from {{ source('aws', 'cur2') }}
    {{ align_optional_columns({
        'line_item_resource_id': dbt.type_string(),
        'line_item_net_unblended_rate': dbt.type_string(),
        'line_item_net_unblended_cost': dbt.type_float(),
        'filename': dbt.type_string(),
    }) }}

),

renamed as (

    select
        -- identity
        cast(identity_line_item_id as {{ dbt.type_string() }}) as line_item_id,
        cast(identity_time_interval as {{ dbt.type_string() }}) as time_interval,

        -- bill
        cast(bill_invoice_id as {{ dbt.type_string() }}) as invoice_id,
        cast(bill_invoicing_entity as {{ dbt.type_string() }}) as invoicing_entity,
        cast(bill_billing_entity as {{ dbt.type_string() }}) as billing_entity,
        cast(bill_bill_type as {{ dbt.type_string() }}) as bill_type,
        cast(bill_payer_account_id as {{ dbt.type_string() }}) as payer_account_id,
        cast(bill_payer_account_name as {{ dbt.type_string() }}) as payer_account_name,
        cast(bill_billing_period_start_date as {{ dbt.type_timestamp() }})
            as billing_period_start_at,
        cast(bill_billing_period_end_date as {{ dbt.type_timestamp() }}) as billing_period_end_at,

        -- line item
        cast(line_item_usage_account_id as {{ dbt.type_string() }}) as usage_account_id,
        cast(line_item_usage_account_name as {{ dbt.type_string() }}) as usage_account_name,
        cast(line_item_line_item_type as {{ dbt.type_string() }}) as line_item_type,
        cast(line_item_usage_start_date as {{ dbt.type_timestamp() }}) as usage_start_at,
        cast(line_item_usage_end_date as {{ dbt.type_timestamp() }}) as usage_end_at,
        cast(line_item_product_code as {{ dbt.type_string() }}) as product_code,
        cast(line_item_usage_type as {{ dbt.type_string() }}) as usage_type,
        cast(line_item_operation as {{ dbt.type_string() }}) as operation,
        cast(line_item_availability_zone as {{ dbt.type_string() }}) as availability_zone,
        cast(line_item_resource_id as {{ dbt.type_string() }}) as resource_id,
        {{ to_focus_decimal('line_item_usage_amount') }} as usage_amount,
        cast(line_item_currency_code as {{ dbt.type_string() }}) as currency_code,
        {{ safe_text_to_focus_decimal('line_item_unblended_rate') }} as unblended_rate,
        {{ to_focus_decimal('line_item_unblended_cost') }} as unblended_cost,
        {{ safe_text_to_focus_decimal('line_item_net_unblended_rate') }} as net_unblended_rate,
        {{ to_focus_decimal('line_item_net_unblended_cost') }} as net_unblended_cost,
        cast(line_item_line_item_description as {{ dbt.type_string() }}) as line_item_description,
        cast(line_item_tax_type as {{ dbt.type_string() }}) as tax_type,
        cast(line_item_legal_entity as {{ dbt.type_string() }}) as legal_entity,

        -- pricing
        cast(pricing_currency as {{ dbt.type_string() }}) as pricing_currency,
        {{ safe_text_to_focus_decimal('pricing_public_on_demand_rate') }} as public_on_demand_rate,
        {{ to_focus_decimal('pricing_public_on_demand_cost') }} as public_on_demand_cost,
        cast(pricing_term as {{ dbt.type_string() }}) as pricing_term,
        cast(pricing_unit as {{ dbt.type_string() }}) as pricing_unit,
        cast(pricing_rate_code as {{ dbt.type_string() }}) as pricing_rate_code,
        cast(pricing_rate_id as {{ dbt.type_string() }}) as pricing_rate_id,
        cast(pricing_purchase_option as {{ dbt.type_string() }}) as purchase_option,
        cast(pricing_offering_class as {{ dbt.type_string() }}) as offering_class,
        cast(pricing_lease_contract_length as {{ dbt.type_string() }}) as lease_contract_length,

        -- product
        cast({{ get_map_value('product', 'product_name') }} as {{ dbt.type_string() }})
            as product_name,
        cast(product_servicecode as {{ dbt.type_string() }}) as product_servicecode,
        cast(product_sku as {{ dbt.type_string() }}) as product_sku,
        cast(product_product_family as {{ dbt.type_string() }}) as product_family,
        cast(product_region_code as {{ dbt.type_string() }}) as region_code,
        cast(product_location as {{ dbt.type_string() }}) as region_name,
        cast(product_instance_type as {{ dbt.type_string() }}) as instance_type,

        -- reservations (RIs)
        cast(reservation_reservation_a_r_n as {{ dbt.type_string() }}) as reservation_arn,
        {{ to_focus_decimal('reservation_effective_cost') }} as reservation_effective_cost,
        {{ to_focus_decimal('reservation_unused_amortized_upfront_fee_for_billing_period') }}
            as reservation_unused_amortized_upfront_fee,
        {{ to_focus_decimal('reservation_unused_recurring_fee') }}
            as reservation_unused_recurring_fee,
        {{ to_focus_decimal('reservation_unused_quantity') }} as reservation_unused_quantity,
        {{ safe_text_to_focus_decimal('reservation_total_reserved_units') }}
            as reservation_total_reserved_units,
        {{ safe_to_utc_timestamp('reservation_start_time') }} as reservation_start_at,
        {{ safe_to_utc_timestamp('reservation_end_time') }} as reservation_end_at,

        -- savings plans
        cast(savings_plan_savings_plan_a_r_n as {{ dbt.type_string() }}) as savings_plan_arn,
        {{ to_focus_decimal('savings_plan_savings_plan_effective_cost') }}
            as savings_plan_effective_cost,
        {{ to_focus_decimal('savings_plan_savings_plan_rate') }} as savings_plan_rate,
        {{ to_focus_decimal('savings_plan_total_commitment_to_date') }}
            as savings_plan_total_commitment,
        {{ to_focus_decimal('savings_plan_used_commitment') }} as savings_plan_used_commitment,
        cast(savings_plan_offering_type as {{ dbt.type_string() }}) as savings_plan_offering_type,
        cast(savings_plan_payment_option as {{ dbt.type_string() }}) as savings_plan_payment_option,
        cast(savings_plan_purchase_term as {{ dbt.type_string() }}) as savings_plan_purchase_term,
        {{ safe_to_utc_timestamp('savings_plan_start_time') }} as savings_plan_start_at,
        {{ safe_to_utc_timestamp('savings_plan_end_time') }} as savings_plan_end_at,

        -- maps, kept as maps with the keys AWS writes (user_cost_center, aws_created_by, ...)
        resource_tags,
        cost_category as cost_categories,

        -- lineage
        cast(filename as {{ dbt.type_string() }}) as source_file,

        -- text values above that are present but did not cast (quarantined downstream)
        {{ record_cast_failures([
            ('unblended_rate', 'line_item_unblended_rate', 'text_decimal'),
            ('net_unblended_rate', 'line_item_net_unblended_rate', 'text_decimal'),
            ('public_on_demand_rate', 'pricing_public_on_demand_rate', 'text_decimal'),
            ('reservation_total_reserved_units', 'reservation_total_reserved_units', 'text_decimal'),
            ('reservation_start_at', 'reservation_start_time', 'timestamp'),
            ('reservation_end_at', 'reservation_end_time', 'timestamp'),
            ('savings_plan_start_at', 'savings_plan_start_time', 'timestamp'),
            ('savings_plan_end_at', 'savings_plan_end_time', 'timestamp')
        ]) }} as cast_failures,

        -- with var focus_carry_unknown_columns: every other source column, as JSON
        {{ unknown_columns_to_json(
            'source', known_source_columns, []
        ) }} as source_extras

    from source

)

select * from renamed
