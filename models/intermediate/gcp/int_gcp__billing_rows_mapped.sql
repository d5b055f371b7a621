{#-
    Google Cloud export rows that reach FOCUS, mapped to the project's FOCUS shape (snake_case
    FOCUS columns). Costs: BilledCost = cost + the row's folded credits (rate reductions: CUDs,
    sustained use, free tier, contractual discounts, ...); credits kept as their own rows (PROMOTION
    and unknown types) are added by int_gcp__credit_rows_derived, so per invoice month
    Σ BilledCost = Σ cost + Σ credits (DECISIONLOG D-201). Billing period: the invoice month in US
    Pacific time as UTC instants; charge period: the row's UTC usage interval (D-203).
    One row per export row (not quarantined, first delivery only).
-#}
with

export_rows as (

    select * from {{ ref('int_gcp__billing_rows_checked') }}
    where quarantine_reason is null and not is_duplicate

),

credits as (

    select * from {{ ref('int_gcp__credits_unnested') }}

),

services as (

    select * from {{ ref('map_gcp__services') }}

),

regions as (

    select * from {{ ref('map_gcp__regions') }}

),

units as (

    select * from {{ ref('map_gcp__units') }}

),

cost_types as (

    select * from {{ ref('map_gcp__cost_types') }}

),

invoices as (

    {% if var('gcp_invoices_enabled') -%}
        select * from {{ ref('stg_gcp__invoices') }}
    {%- else -%}
        -- no invoice list: no invoice numbers or account names (D-204)
        select
            cast(null as {{ dbt.type_string() }}) as billing_account_id,
            cast(null as {{ dbt.type_string() }}) as billing_account_name,
            cast(null as {{ dbt.type_string() }}) as invoice_month,
            cast(null as {{ dbt.type_string() }}) as invoice_id
        where false
    {%- endif %}

),

account_names as (

    -- the latest name the list gives each billing account
    select
        billing_account_id,
        max(billing_account_name) as billing_account_name

    from invoices
    where nullif(billing_account_name, '') is not null
    group by billing_account_id

),

credits_per_row as (

    select
        line_item_id,
        sum(case when treatment = 'folded' then credit_amount else 0 end) as folded_credits,
        -- a row is covered by at most one commitment in the export; min() picks it
        min(case when commitment_discount_category is not null then credit_id end)
            as commitment_id,
        min(case when commitment_discount_category is not null then credit_full_name end)
            as commitment_name,
        min(commitment_discount_category) as commitment_discount_category

    from credits
    group by line_item_id

),

joined as (

    select
        export_rows.*,
        credits_per_row.commitment_id,
        credits_per_row.commitment_name,
        credits_per_row.commitment_discount_category,
        invoices.invoice_id,
        account_names.billing_account_name as listed_billing_account_name,
        cost_types.charge_category,
        cost_types.charge_frequency as cost_type_charge_frequency,
        services.service_category as mapped_service_category,
        services.service_subcategory as mapped_service_subcategory,
        regions.region_name as mapped_region_name,
        pricing_units.focus_unit as focus_pricing_unit,
        usage_units.focus_unit as focus_usage_unit,
        coalesce(credits_per_row.folded_credits, 0) as folded_credits,
        coalesce(cost_types.is_priced, false) as is_priced

    from export_rows

    left join credits_per_row
        on export_rows.line_item_id = credits_per_row.line_item_id

    left join invoices
        on export_rows.billing_account_id = invoices.billing_account_id
            and export_rows.invoice_month = invoices.invoice_month

    left join account_names
        on export_rows.billing_account_id = account_names.billing_account_id

    left join cost_types
        on export_rows.cost_type = cost_types.cost_type

    left join services
        on export_rows.service_id = services.service_id

    left join regions
        on export_rows.region = regions.region_id

    left join units as pricing_units
        on export_rows.usage_pricing_unit = pricing_units.gcp_unit

    left join units as usage_units
        on export_rows.usage_unit = usage_units.gcp_unit

),

priced as (

    select
        *,
        is_priced and subscription_instance_id is not null as is_commitment_fee,
        {{ to_focus_decimal(
            "case
                when is_priced and usage_amount_in_pricing_units <> 0
                    then cost / usage_amount_in_pricing_units
                when is_priced
                    then coalesce(effective_price / nullif(price_pricing_unit_quantity, 0), 0)
            end"
        ) }} as derived_contracted_unit_price,
        {{ to_focus_decimal(
            "case
                when is_priced and usage_amount_in_pricing_units <> 0
                    then coalesce(cost_at_list, cost) / usage_amount_in_pricing_units
            end"
        ) }} as derived_list_unit_price

    from joined

),

mapped as (

    select
        -- lineage
        line_item_id,
        time_interval,
        'gcp_billing_export_resource_v1' as source_system,
        source_file,
        cost_type as line_item_type,
        1 as merged_line_item_count,

        -- accounts and billing period
        billing_account_id,
        -- the export has no account name: the invoice list's, else the ID (a recorded repair)
        coalesce(nullif(listed_billing_account_name, ''), billing_account_id)
            as billing_account_name,
        'Billing Account' as billing_account_type,
        nullif(project_id, '') as sub_account_id,
        nullif(project_name, '') as sub_account_name,
        case when nullif(project_id, '') is not null then 'Project' end as sub_account_type,
        currency_code as billing_currency,
        billing_period_start_at,
        billing_period_end_at,
        nullif(invoice_id, '') as invoice_id,
        '{{ var("gcp_invoice_issuer_name") }}' as invoice_issuer_name,

        -- charge
        usage_start_at as charge_period_start_at,
        usage_end_at as charge_period_end_at,
        coalesce(charge_category, 'Adjustment') as charge_category,
        -- a correction of usage before the invoice month corrects an invoiced period
        case
            when
                cost_type = 'adjustment' and usage_start_at < billing_period_start_at
                then 'Correction'
        end as charge_class,
        case
            when is_commitment_fee then 'Recurring'
            else coalesce(cost_type_charge_frequency, 'One-Time')
        end as charge_frequency,
        coalesce(nullif(adjustment_description, ''), nullif(sku_description, ''))
            as charge_description,

        -- cost: folded credits reduce the billed amount (D-201)
        cost + folded_credits as billed_cost,
        cost + folded_credits as effective_cost,
        case when is_priced then coalesce(cost_at_list, cost) else cost + folded_credits end
            as list_cost,
        case when is_priced then cost else cost + folded_credits end as contracted_cost,
        coalesce(derived_list_unit_price, derived_contracted_unit_price) as list_unit_price,
        derived_contracted_unit_price as contracted_unit_price,

        -- pricing and usage quantities
        case
            when is_priced and commitment_id is not null then 'Committed'
            when is_priced then 'Standard'
        end as pricing_category,
        case when is_priced then usage_amount_in_pricing_units end as pricing_quantity,
        case when is_priced then coalesce(focus_pricing_unit, usage_pricing_unit) end
            as pricing_unit,
        currency_code as pricing_currency,
        case when charge_category = 'Usage' then usage_amount end as consumed_quantity,
        case when charge_category = 'Usage' then coalesce(focus_usage_unit, usage_unit) end
            as consumed_unit,

        -- SKU: the price is identified by the SKU and the tier it starts at
        case when is_priced then sku_id end as sku_id,
        case
            when is_priced
                then {{ dbt.concat([
                    'sku_id', "':'",
                    "coalesce(cast(price_tier_start_amount as " ~ dbt.type_string() ~ "), '0')",
                ]) }}
        end as sku_price_id,
        case when is_priced then sku_description end as sku_meter,

        -- commitment discounts: the usage a CUD credit covered (D-201). A resource-based
        -- commitment commits each resource (vCPU, memory, GPU...) separately, billed as its own
        -- commitment SKU; FOCUS measures a commitment in one unit, so its ID is qualified by the
        -- unit of the resource it covers (`<commitment>#Hours`, `<commitment>#GiB-Hours`).
        case
            when is_priced and commitment_discount_category = 'Usage'
                then {{ dbt.concat([
                    'commitment_id', "'#'", 'coalesce(focus_pricing_unit, usage_pricing_unit)'
                ]) }}
            when is_priced then commitment_id
        end as commitment_discount_id,
        case when is_priced then commitment_name end as commitment_discount_name,
        case when is_priced then commitment_discount_category end
            as commitment_discount_category,
        case when is_priced and commitment_id is not null then 'Committed Use Discount' end
            as commitment_discount_type,
        case
            when is_priced and commitment_id is not null and charge_category = 'Usage'
                then 'Used'
        end as commitment_discount_status,
        case when is_priced and commitment_id is not null then usage_amount_in_pricing_units end
            as commitment_discount_quantity,
        case
            when is_priced and commitment_id is not null
                then coalesce(focus_pricing_unit, usage_pricing_unit)
        end as commitment_discount_unit,

        -- resource, location, service
        nullif(resource_global_name, '') as resource_id,
        nullif(resource_name, '') as resource_name,
        -- the collection in the resource's full name (//compute.googleapis.com/.../instances/vm-1
        -- gives `instances`); the service where the name has no collection
        case
            when nullif(resource_global_name, '') is not null
                then coalesce(
                        {{ regexp_extract_group('resource_global_name', '/([^/]+)/[^/]+$') }},
                        service_description
                    )
        end as resource_type,
        nullif(region, '') as region_id,
        case when nullif(region, '') is not null then coalesce(mapped_region_name, region) end
            as region_name,
        nullif(zone, '') as availability_zone,
        coalesce(nullif(service_description, ''), nullif(service_id, ''), 'Google Cloud')
            as service_name,
        nullif(service_id, '') as service_code,
        coalesce(mapped_service_category, 'Other') as service_category,
        coalesce(mapped_service_subcategory, 'Other (Other)') as service_subcategory,
        mapped_service_category is null as is_unmapped_service,
        coalesce(transaction_type like 'THIRD_PARTY%', false) as is_marketplace,
        case
            when transaction_type like 'THIRD_PARTY%' and nullif(seller_name, '') is not null
                then seller_name
            else 'Google Cloud'
        end as publisher_name,
        {{ gcp_labels_to_json('labels', 'project_labels', 'system_labels') }} as tags,
        case
            when nullif(listed_billing_account_name, '') is null
                then {{ dbt.concat([
                    "'[{\"column\": \"BillingAccountName\", \"from\": null, \"to\": \"'",
                    'billing_account_id',
                    "'\", \"reason\": \"the billing export has no account name and the invoice list gives none: the account ID stands in\"}]'",
                ]) }}
        end as repairs,
        'source' as row_origin

    from priced

)

select * from mapped
