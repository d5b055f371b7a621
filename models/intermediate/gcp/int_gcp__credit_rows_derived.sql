{#-
    The FOCUS rows the project creates for Google Cloud credits that are not a rate reduction
    (treatment `credit_row`: PROMOTION and any type the seed does not know; DECISIONLOG D-201).
    Each is ChargeCategory Credit with BilledCost = EffectiveCost = ListCost = ContractedCost = the
    credit amount (negative), on the account, project, service, resource, region and tags of the
    export row it was attached to, and the same charge and billing periods. No price, SKU or
    quantity (the credit is not a priced charge). One row per credit of that kind.
-#}
with

credits as (

    select * from {{ ref('int_gcp__credits_unnested') }}
    where treatment = 'credit_row'

),

export_rows as (

    select * from {{ ref('int_gcp__billing_rows_mapped') }}

),

derived as (

    select
        -- lineage: the parent row's ID, then the credit's type and ID
        {{ dbt.concat([
            'export_rows.line_item_id', "':credit:'", 'credits.credit_type', "':'",
            "coalesce(credits.credit_id, '')",
        ]) }} as line_item_id,
        export_rows.time_interval,
        export_rows.source_system,
        export_rows.source_file,
        {{ dbt.concat(["'credit:'", 'credits.credit_type']) }} as line_item_type,
        0 as merged_line_item_count,

        -- accounts and billing period
        export_rows.billing_account_id,
        export_rows.billing_account_name,
        export_rows.billing_account_type,
        export_rows.sub_account_id,
        export_rows.sub_account_name,
        export_rows.sub_account_type,
        export_rows.billing_currency,
        export_rows.billing_period_start_at,
        export_rows.billing_period_end_at,
        export_rows.invoice_id,
        export_rows.invoice_issuer_name,

        -- charge
        export_rows.charge_period_start_at,
        export_rows.charge_period_end_at,
        'Credit' as charge_category,
        cast(null as {{ dbt.type_string() }}) as charge_class,
        'One-Time' as charge_frequency,
        coalesce(nullif(credits.credit_full_name, ''), credits.credit_name, credits.credit_type)
            as charge_description,

        -- cost: the credit itself on every cost column (R-EC-03, R-LC-01, R-KC-01)
        credits.credit_amount as billed_cost,
        credits.credit_amount as effective_cost,
        credits.credit_amount as list_cost,
        credits.credit_amount as contracted_cost,
        cast(null as {{ type_focus_decimal() }}) as list_unit_price,
        cast(null as {{ type_focus_decimal() }}) as contracted_unit_price,

        -- pricing and usage quantities: none
        cast(null as {{ dbt.type_string() }}) as pricing_category,
        cast(null as {{ type_focus_decimal() }}) as pricing_quantity,
        cast(null as {{ dbt.type_string() }}) as pricing_unit,
        export_rows.pricing_currency,
        cast(null as {{ type_focus_decimal() }}) as consumed_quantity,
        cast(null as {{ dbt.type_string() }}) as consumed_unit,
        cast(null as {{ dbt.type_string() }}) as sku_id,
        cast(null as {{ dbt.type_string() }}) as sku_price_id,
        cast(null as {{ dbt.type_string() }}) as sku_meter,

        -- commitment discounts: none
        cast(null as {{ dbt.type_string() }}) as commitment_discount_id,
        cast(null as {{ dbt.type_string() }}) as commitment_discount_name,
        cast(null as {{ dbt.type_string() }}) as commitment_discount_category,
        cast(null as {{ dbt.type_string() }}) as commitment_discount_type,
        cast(null as {{ dbt.type_string() }}) as commitment_discount_status,
        cast(null as {{ type_focus_decimal() }}) as commitment_discount_quantity,
        cast(null as {{ dbt.type_string() }}) as commitment_discount_unit,

        -- resource, location, service: the parent row's
        export_rows.resource_id,
        export_rows.resource_name,
        export_rows.resource_type,
        export_rows.region_id,
        export_rows.region_name,
        export_rows.availability_zone,
        export_rows.service_name,
        export_rows.service_code,
        export_rows.service_category,
        export_rows.service_subcategory,
        export_rows.is_unmapped_service,
        export_rows.is_marketplace,
        export_rows.publisher_name,
        export_rows.tags,
        export_rows.repairs,
        'derived_credit' as row_origin

    from credits

    inner join export_rows
        on credits.line_item_id = export_rows.line_item_id

)

select * from derived
