{#-
    The Anthropic cost results fit to map (not quarantined, not a second delivery), in FOCUS
    concepts: each joined to its cost type (seed map_anthropic__cost_types), to the usage quantity
    it is charged for (int_anthropic__usage_quantities: same day, workspace, cost and token type,
    and for tokens the same model, service tier and context window) and to its workspace's name.
    The cost report is the authority for money: BilledCost is its amount. A cost type the usage
    report does not count (code execution) takes the quantity cost / documented unit price.
    `has_quantity` is false when there is no quantity (the row then goes to the quarantine).
    One row per cost result fit to map.
-#}
with

checked as (

    select * from {{ ref('int_anthropic__costs_checked') }}
    where quarantine_reason is null and not is_duplicate

),

cost_types as (

    select * from {{ ref('map_anthropic__cost_types') }}

),

quantities as (

    select * from {{ ref('int_anthropic__usage_quantities') }}

),

workspaces as (

    select
        workspace_id,
        max(workspace_name) as workspace_name
    from {{ ref('stg_anthropic__workspaces') }}
    group by workspace_id

),

typed as (

    select
        checked.*,
        cost_types.quantity_name,
        cost_types.usage_grain,
        cost_types.consumed_unit,
        cost_types.derived_unit_price,
        cost_types.derived_unit_price_source,
        cost_types.service_name,
        cost_types.service_category,
        cost_types.service_subcategory,
        cost_types.sku_meter,
        case when cost_types.usage_grain = 'model' then checked.model end as model_key,
        case when cost_types.usage_grain = 'model' then checked.service_tier end
            as service_tier_key,
        case when cost_types.usage_grain = 'model' then checked.context_window end
            as context_window_key
    from checked

    left join cost_types
        on checked.cost_type = cost_types.cost_type
            and checked.token_type is not distinct from cost_types.token_type

),

joined as (

    select
        typed.*,
        workspaces.workspace_name,
        case
            when typed.derived_unit_price > 0
                -- DuckDB divides decimals in DOUBLE, BigQuery BIGNUMERIC exactly; both round
                then cast(
                        round(typed.amount / typed.derived_unit_price, 10)
                        as {{ type_focus_decimal() }}
                    )
            else cast(quantities.quantity as {{ type_focus_decimal() }})
        end as quantity,
        coalesce(typed.derived_unit_price > 0, false) as is_quantity_derived
    from typed

    left join quantities
        on typed.organization_id = quantities.organization_id
            and typed.bucket_start_at = quantities.bucket_start_at
            and typed.workspace_id is not distinct from quantities.workspace_id
            and typed.cost_type = quantities.cost_type
            and typed.token_type is not distinct from quantities.token_type
            and typed.model_key is not distinct from quantities.model
            and typed.service_tier_key is not distinct from quantities.service_tier
            and typed.context_window_key is not distinct from quantities.context_window

    left join workspaces
        on typed.workspace_id = workspaces.workspace_id

),

priced as (

    select
        joined.*,
        coalesce(joined.quantity > 0, false) as has_quantity,
        -- the effective rate of the row: its cost over its quantity, rounded to the decimal type
        case
            when joined.quantity > 0
                then cast(
                        round(joined.amount / joined.quantity, 10)
                        as {{ type_focus_decimal() }}
                    )
        end as unit_price
    from joined

)

select * from priced
