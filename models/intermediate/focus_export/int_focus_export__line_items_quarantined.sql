{#-
    The native FOCUS export rows that do not reach FOCUS, each with the reason (a key value that
    did not cast, no billing or charge period, no BilledCost, an unknown currency or
    ChargeCategory). Costs are kept as delivered, so raw = FOCUS + quarantined holds to the cent.
    Same 13 columns as every provider's quarantine. One row per quarantined raw row.
-#}
with

rows_upgraded as (

    select * from {{ ref('int_focus_export__rows_upgraded') }}
    where quarantine_reason is not null

),

quarantined as (

    select
        provider,
        source_system,
        source_file,
        line_item_id,
        time_interval,
        charge_category as line_item_type,
        billing_period_start_at,
        charge_period_start_at as usage_start_at,
        billing_currency as currency_code,
        billed_cost as unblended_cost,
        cast_failures,
        false as is_duplicate,
        quarantine_reason

    from rows_upgraded

)

select * from quarantined
