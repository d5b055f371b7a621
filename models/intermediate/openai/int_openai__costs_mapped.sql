{#-
    The OpenAI cost results fit to map (not quarantined, not a second delivery), in FOCUS concepts:
    each joined to the usage quantity of its day, project, model and line item kind
    (int_openai__usage_quantities) and to its project's name. The costs API is the authority for
    money: BilledCost is the cost result's amount, never recomputed. `has_quantity` is false when
    the usage report has no quantity for the row (the row then goes to the quarantine: FOCUS needs
    a quantity on every usage row). One row per cost result fit to map.
-#}
with

checked as (

    select * from {{ ref('int_openai__costs_checked') }}
    where quarantine_reason is null and not is_duplicate

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

joined as (

    select
        checked.*,
        quantities.quantity,
        quantities.usage_endpoint,
        quantities.token_type,
        quantities.consumed_unit,
        quantities.service_name,
        quantities.service_category,
        quantities.service_subcategory,
        quantities.sku_meter,
        projects.project_name,
        quantities.quantity is not null and quantities.quantity > 0 as has_quantity
    from checked

    left join quantities
        on checked.organization_id = quantities.organization_id
            and checked.bucket_start_at = quantities.bucket_start_at
            and checked.project_id is not distinct from quantities.project_id
            and checked.model is not distinct from quantities.model
            and checked.line_item_kind = quantities.line_item_kind

    left join projects
        on checked.project_id = projects.project_id

),

priced as (

    select
        joined.*,
        -- the effective rate of the row: its cost over its quantity, rounded to the decimal type
        case
            when joined.has_quantity
                then cast(
                        round(joined.amount / joined.quantity, 10)
                        as {{ type_focus_decimal() }}
                    )
        end as unit_price
    from joined

)

select * from priced
