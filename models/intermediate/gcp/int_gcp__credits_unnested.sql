{#-
    The credits Google applied to each export row, one row per credit, with the project's decision
    for its type (seeds/mappings/map_gcp__credit_types.csv, DECISIONLOG D-201): `folded` credits
    reduce the rate of the row they are attached to and go into its BilledCost; `credit_row`
    credits become FOCUS rows of their own (ChargeCategory Credit). A type missing from the seed is
    treated as `credit_row`: the money is kept and shown, never folded into a price unseen.
    Only rows that reach FOCUS (not quarantined, not a second delivery) are read.
-#}
with

export_rows as (

    select * from {{ ref('int_gcp__billing_rows_checked') }}
    where quarantine_reason is null and not is_duplicate

),

credit_types as (

    select * from {{ ref('map_gcp__credit_types') }}

),

unnested as (

    select
        export_rows.line_item_id,
        cast(credit.type as {{ dbt.type_string() }}) as credit_type, -- noqa: RF01
        cast(credit.id as {{ dbt.type_string() }}) as credit_id, -- noqa: RF01
        cast(credit.name as {{ dbt.type_string() }}) as credit_name, -- noqa: RF01
        cast(credit.full_name as {{ dbt.type_string() }}) as credit_full_name, -- noqa: RF01
        {{ to_focus_decimal('credit.amount') }} as credit_amount -- noqa: RF01

    from export_rows
    {{ cross_join_unnest('export_rows.credits', 'credit') }}

),

decided as (

    select
        unnested.line_item_id,
        unnested.credit_type,
        unnested.credit_id,
        unnested.credit_name,
        unnested.credit_full_name,
        unnested.credit_amount,
        credit_types.commitment_discount_category,
        coalesce(credit_types.treatment, 'credit_row') as treatment,
        credit_types.credit_type is null as is_unmapped_credit_type

    from unnested

    left join credit_types
        on unnested.credit_type = credit_types.credit_type

)

select * from decided
