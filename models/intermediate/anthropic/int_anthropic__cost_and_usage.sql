{#-
    Anthropic rows in the project's FOCUS shape: one row per cost result that has a quantity
    (ChargeCategory Usage, the cost report's amount converted from cents as BilledCost), plus one
    created row per usage quantity no cost result charged (`derived_usage_without_cost`:
    BilledCost 0, e.g. the last day's usage before its cost is posted), so every token in the
    usage report is in FOCUS exactly once and every cent of the cost report is in FOCUS or in the
    quarantine (DECISIONLOG D-404). One row per FOCUS charge row.
-#}
with

mapped as (

    select * from {{ ref('int_anthropic__costs_mapped') }}

),

quantities as (

    select * from {{ ref('int_anthropic__usage_quantities') }}

),

cost_types as (

    select * from {{ ref('map_anthropic__cost_types') }}

),

workspaces as (

    select
        workspace_id,
        max(workspace_name) as workspace_name
    from {{ ref('stg_anthropic__workspaces') }}
    group by workspace_id

),

cost_rows as (

    select
        organization_id,
        workspace_id,
        workspace_name,
        currency_code,
        billing_period_start_at,
        bucket_start_at,
        bucket_end_at,
        description,
        cost_type,
        model,
        token_type,
        service_tier,
        context_window,
        consumed_unit,
        service_name,
        service_category,
        service_subcategory,
        sku_meter,
        amount as billed_cost,
        unit_price,
        quantity,
        is_quantity_derived,
        derived_unit_price_source,
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
        quantities.workspace_id,
        workspaces.workspace_name,
        'USD' as currency_code,
        {{ dbt.date_trunc('month', 'quantities.bucket_start_at') }} as billing_period_start_at,
        quantities.bucket_start_at,
        quantities.bucket_end_at,
        cost_types.sku_meter || ' (usage without a cost row)' as description,
        quantities.cost_type,
        quantities.model,
        quantities.token_type,
        quantities.service_tier,
        quantities.context_window,
        cost_types.consumed_unit,
        cost_types.service_name,
        cost_types.service_category,
        cost_types.service_subcategory,
        cost_types.sku_meter,
        cast(0 as {{ type_focus_decimal() }}) as billed_cost,
        cast(0 as {{ type_focus_decimal() }}) as unit_price,
        cast(quantities.quantity as {{ type_focus_decimal() }}) as quantity,
        false as is_quantity_derived,
        cast(null as {{ dbt.type_string() }}) as derived_unit_price_source,
        {{ dbt.hash(dbt.concat([
            "'usage|'", "coalesce(quantities.organization_id, '')", "'|'",
            "coalesce(" ~ format_utc_timestamp("quantities.bucket_start_at") ~ ", '')", "'|'",
            "coalesce(quantities.workspace_id, '')", "'|'", "quantities.cost_type", "'|'",
            "coalesce(quantities.token_type, '')", "'|'", "coalesce(quantities.model, '')", "'|'",
            "coalesce(quantities.service_tier, '')", "'|'",
            "coalesce(quantities.context_window, '')",
        ])) }} as line_item_id,
        {{ format_utc_timestamp('quantities.bucket_start_at') }}
        || '/'
        || {{ format_utc_timestamp('quantities.bucket_end_at') }} as time_interval,
        quantities.source_file,
        0 as merged_line_item_count,
        'derived_usage_without_cost' as row_origin
    from quantities

    inner join cost_types
        on quantities.cost_type = cost_types.cost_type
            and quantities.token_type is not distinct from cost_types.token_type

    left join workspaces
        on quantities.workspace_id = workspaces.workspace_id

    where not exists (
            select 1
            from mapped
            where mapped.organization_id = quantities.organization_id
                and mapped.bucket_start_at = quantities.bucket_start_at
                and mapped.workspace_id is not distinct from quantities.workspace_id
                and mapped.cost_type = quantities.cost_type
                and mapped.token_type is not distinct from quantities.token_type
                and mapped.model_key is not distinct from quantities.model
                and mapped.service_tier_key is not distinct from quantities.service_tier
                and mapped.context_window_key is not distinct from quantities.context_window
        )

),

unioned as (

    select * from cost_rows
    union all
    select * from uncharged_usage

),

final as (

    select
        'anthropic' as provider,
        'Anthropic' as provider_name,
        'Anthropic' as publisher_name,
        organization_id as billing_account_id,
        coalesce(nullif('{{ var("anthropic_organization_name", "") }}', ''), organization_id)  -- noqa: LT05
            as billing_account_name,
        'Organization' as billing_account_type,
        workspace_id as sub_account_id,
        case when workspace_id is not null then coalesce(workspace_name, workspace_id) end
            as sub_account_name,
        case when workspace_id is not null then 'Workspace' end as sub_account_type,
        currency_code as billing_currency,
        billing_period_start_at,
        {{ dbt.dateadd('month', 1, 'billing_period_start_at') }} as billing_period_end_at,
        'Anthropic' as invoice_issuer_name,
        bucket_start_at as charge_period_start_at,
        bucket_end_at as charge_period_end_at,
        'Usage' as charge_category,
        'Usage-Based' as charge_frequency,
        description as charge_description,
        billed_cost,
        billed_cost as effective_cost,
        unit_price * quantity as list_cost,
        unit_price as list_unit_price,
        unit_price * quantity as contracted_cost,
        unit_price as contracted_unit_price,
        'Standard' as pricing_category,
        quantity as pricing_quantity,
        consumed_unit as pricing_unit,
        currency_code as pricing_currency,
        unit_price as pricing_currency_contracted_unit_price,
        billed_cost as pricing_currency_effective_cost,
        unit_price as pricing_currency_list_unit_price,
        quantity as consumed_quantity,
        consumed_unit,
        {{ concat_non_null(['model', 'coalesce(token_type, cost_type)'], '/') }} as sku_id,
        {{ concat_non_null(
            ['model', 'coalesce(token_type, cost_type)', 'service_tier', 'context_window'], '/'
        ) }} as sku_price_id,
        sku_meter,
        service_name,
        cost_type as service_code,
        service_category,
        service_subcategory,
        line_item_id,
        time_interval,
        cost_type as line_item_type,
        description as usage_type,
        'anthropic_cost_report' as source_system,
        source_file,
        'Anthropic Admin API 2023-06-01 (organizations/cost_report + usage_report/messages)'
            as source_version,
        merged_line_item_count,
        row_origin,
        model as model_name,
        token_type,
        case when consumed_unit = 'Tokens' then cast(quantity as {{ dbt.type_bigint() }}) end
            as token_count,
        service_tier,
        {{ repairs_array([
            repair_entry('BillingAccountName', 'null', 'organization_id',
                'the Anthropic API does not name the organization: its ID stands in'
                ~ ' (set var anthropic_organization_name)',
                "nullif('" ~ var('anthropic_organization_name', '') ~ "', '') is null"),
            repair_entry('ConsumedQuantity', 'null', 'cast(quantity as ' ~ dbt.type_string() ~ ')',
                "'not in the usage report; cost / unit price ('"
                ~ " || derived_unit_price_source || '), also PricingQuantity'",
                'is_quantity_derived', reason_is_expression=true),
            repair_entry('SubAccountName', 'null', 'workspace_id',
                'workspace not in the workspace listing: its ID stands in',
                'workspace_id is not null and workspace_name is null'),
        ]) }} as repairs
    from unioned

)

select * from final
