{#-
    Google Cloud rows in the project's FOCUS shape (snake_case FOCUS columns plus extras): every
    export row that reaches FOCUS, with its rate-reducing credits folded in, and the Credit rows
    created for the other credits (DECISIONLOG D-201). One row per FOCUS charge row.
-#}
with

export_rows as (

    select * from {{ ref('int_gcp__billing_rows_mapped') }}

),

credit_rows as (

    select * from {{ ref('int_gcp__credit_rows_derived') }}

),

unioned as (

    select * from export_rows
    union all
    select * from credit_rows

),

final as (

    select
        *,
        'gcp' as provider,
        'Google Cloud' as provider_name,
        -- Google prices in the billing currency: the pricing-currency columns repeat the billed
        contracted_unit_price as pricing_currency_contracted_unit_price,
        effective_cost as pricing_currency_effective_cost,
        list_unit_price as pricing_currency_list_unit_price,
        'detailed usage cost export v1' as source_version

    from unioned

)

select * from final
