{#-
    OpenAI rows in the project's FOCUS shape: one row per cost result that has a usage quantity
    (ChargeCategory Usage, the cost API's amount as BilledCost), plus one created row per usage
    quantity no cost result charged (`derived_usage_without_cost`: BilledCost 0, e.g. a free
    quota), so every token in the usage report is in FOCUS exactly once and every cent of the cost
    API is in FOCUS or in the quarantine (DECISIONLOG D-404). One row per FOCUS charge row.
-#}
with

mapped as (

    select * from {{ ref('int_openai__costs_mapped') }}

),

quantities as (

    select * from {{ ref('int_openai__usage_quantities') }}

),

projects as (

    select
        project_id,
        max(project_name) as project_name
    from {{ ref('stg_openai__projects') }}
    group by project_id

),

cost_rows as (

    select
        organization_id,
        project_id,
        project_name,
        currency_code,
        amount_currency,
        billing_period_start_at,
        bucket_start_at,
        bucket_end_at,
        line_item,
        model,
        line_item_kind,
        usage_endpoint,
        token_type,
        consumed_unit,
        service_name,
        service_category,
        service_subcategory,
        sku_meter,
        amount as billed_cost,
        unit_price,
        quantity,
        line_item_id,
        time_interval,
        source_file,
        1 as merged_line_item_count,
        'source' as row_origin
    from mapped
    where has_quantity

),

uncharged_usage as (

    select
        quantities.organization_id,
        quantities.project_id,
        projects.project_name,
        'USD' as currency_code,
        cast(null as {{ dbt.type_string() }}) as amount_currency,
        {{ dbt.date_trunc('month', 'quantities.bucket_start_at') }} as billing_period_start_at,
        quantities.bucket_start_at,
        quantities.bucket_end_at,
        case
            when quantities.model is null then quantities.line_item_kind
            else quantities.model || ', ' || quantities.line_item_kind
        end as line_item,
        quantities.model,
        quantities.line_item_kind,
        quantities.usage_endpoint,
        quantities.token_type,
        quantities.consumed_unit,
        quantities.service_name,
        quantities.service_category,
        quantities.service_subcategory,
        quantities.sku_meter,
        cast(0 as {{ type_focus_decimal() }}) as billed_cost,
        cast(0 as {{ type_focus_decimal() }}) as unit_price,
        quantities.quantity,
        {{ dbt.hash(dbt.concat([
            "'usage|'", "coalesce(quantities.organization_id, '')", "'|'",
            "coalesce(" ~ format_utc_timestamp("quantities.bucket_start_at") ~ ", '')", "'|'",
            "coalesce(quantities.project_id, '')", "'|'", "coalesce(quantities.model, '')", "'|'",
            "quantities.line_item_kind",
        ])) }} as line_item_id,
        {{ format_utc_timestamp('quantities.bucket_start_at') }}
        || '/'
        || {{ format_utc_timestamp('quantities.bucket_end_at') }} as time_interval,
        quantities.source_file,
        0 as merged_line_item_count,
        'derived_usage_without_cost' as row_origin
    from quantities

    left join projects
        on quantities.project_id = projects.project_id

    where not exists (
            select 1
            from mapped
            where mapped.organization_id = quantities.organization_id
                and mapped.bucket_start_at = quantities.bucket_start_at
                and mapped.project_id is not distinct from quantities.project_id
                and mapped.model is not distinct from quantities.model
                and mapped.line_item_kind = quantities.line_item_kind
        )

),

unioned as (

    select * from cost_rows
    union all
    select * from uncharged_usage

),

final as (

    select
        'openai' as provider,
        'OpenAI' as provider_name,
        'OpenAI' as publisher_name,
        organization_id as billing_account_id,
        coalesce(nullif('{{ var("openai_organization_name", "") }}', ''), organization_id)  -- noqa: LT05
            as billing_account_name,
        'Organization' as billing_account_type,
        project_id as sub_account_id,
        case when project_id is not null then coalesce(project_name, project_id) end
            as sub_account_name,
        case when project_id is not null then 'Project' end as sub_account_type,
        currency_code as billing_currency,
        billing_period_start_at,
        {{ dbt.dateadd('month', 1, 'billing_period_start_at') }} as billing_period_end_at,
        'OpenAI' as invoice_issuer_name,
        bucket_start_at as charge_period_start_at,
        bucket_end_at as charge_period_end_at,
        'Usage' as charge_category,
        'Usage-Based' as charge_frequency,
        line_item as charge_description,
        billed_cost,
        billed_cost as effective_cost,
        unit_price * quantity as list_cost,
        unit_price as list_unit_price,
        unit_price * quantity as contracted_cost,
        unit_price as contracted_unit_price,
        'Standard' as pricing_category,
        cast(quantity as {{ type_focus_decimal() }}) as pricing_quantity,
        consumed_unit as pricing_unit,
        currency_code as pricing_currency,
        unit_price as pricing_currency_contracted_unit_price,
        billed_cost as pricing_currency_effective_cost,
        unit_price as pricing_currency_list_unit_price,
        cast(quantity as {{ type_focus_decimal() }}) as consumed_quantity,
        consumed_unit,
        line_item as sku_id,
        line_item as sku_price_id,
        sku_meter,
        service_name,
        usage_endpoint as service_code,
        service_category,
        service_subcategory,
        line_item_id,
        time_interval,
        line_item_kind as line_item_type,
        line_item as usage_type,
        'openai_costs_api' as source_system,
        source_file,
        'OpenAI Admin API v1 (organization/costs + organization/usage)' as source_version,
        merged_line_item_count,
        row_origin,
        model as model_name,
        token_type,
        case when consumed_unit = 'Tokens' then cast(quantity as {{ dbt.type_bigint() }}) end
            as token_count,
        cast(null as {{ dbt.type_string() }}) as service_tier,
        {{ repairs_array([
            repair_entry('BillingAccountName', 'null', 'organization_id',
                'the OpenAI API does not name the organization: its ID stands in'
                ~ ' (set var openai_organization_name)',
                "nullif('" ~ var('openai_organization_name', '') ~ "', '') is null"),
            repair_entry('BillingCurrency', 'amount_currency', 'currency_code',
                'ISO 4217 codes are upper case; the API writes lower case',
                'amount_currency is not null and amount_currency <> currency_code'),
            repair_entry('SubAccountName', 'null', 'project_id',
                'project not in the projects listing: its ID stands in',
                'project_id is not null and project_name is null'),
        ]) }} as repairs
    from unioned

)

select * from final
