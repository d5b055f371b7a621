{#-
    No cent is lost or double counted: per native FOCUS export shape, billing period and currency,
    Σ BilledCost of every raw row read (staging, as delivered) equals Σ BilledCost of that shape's
    rows in the FOCUS mart plus Σ cost of its quarantined rows. Native FOCUS rows are never merged
    and no row is created, so row counts must match too. Returns the groups that differ by half a
    cent or more, or by a row.
-#}
{{ config(enabled=var('focus_export_enabled', false)) }}

with

raw_rows as (

    select
        source_system,
        billing_period_start_at,
        billing_currency as currency_code,
        coalesce(sum(billed_cost), 0) as raw_billed_cost,
        count(*) as raw_rows
    from {{ ref('int_focus_export__rows_unioned') }}
    group by source_system, billing_period_start_at, billing_currency

),

focus_rows as (

    select
        x_SourceSystem as source_system,
        BillingPeriodStart as billing_period_start_at,
        BillingCurrency as currency_code,
        sum(BilledCost) as billed_cost,
        count(*) as focus_rows
    from {{ ref('focus_cost_and_usage') }}
    where x_SourceSystem in ('aws_focus_1_0', 'aws_focus_1_2', 'azure_focus_1_0', 'azure_focus_1_2_preview', 'gcp_focus_1_0')
    group by x_SourceSystem, BillingPeriodStart, BillingCurrency

),

quarantined_rows as (

    select
        source_system,
        billing_period_start_at,
        currency_code,
        coalesce(sum(unblended_cost), 0) as quarantined_cost,
        count(*) as quarantined_rows
    from {{ ref('focus_quarantined_line_items') }}
    where source_system in ('aws_focus_1_0', 'aws_focus_1_2', 'azure_focus_1_0', 'azure_focus_1_2_preview', 'gcp_focus_1_0')
    group by source_system, billing_period_start_at, currency_code

),

groups as (

    select
        source_system,
        billing_period_start_at,
        currency_code
    from raw_rows
    union distinct
    select
        source_system,
        billing_period_start_at,
        currency_code
    from focus_rows
    union distinct
    select
        source_system,
        billing_period_start_at,
        currency_code
    from quarantined_rows

),

compared as (

    select
        groups.source_system,
        groups.billing_period_start_at,
        groups.currency_code,
        coalesce(raw_rows.raw_billed_cost, 0) as raw_billed_cost,
        coalesce(focus_rows.billed_cost, 0) as focus_billed_cost,
        coalesce(quarantined_rows.quarantined_cost, 0) as quarantined_cost,
        coalesce(raw_rows.raw_rows, 0) as raw_rows,
        coalesce(focus_rows.focus_rows, 0) + coalesce(quarantined_rows.quarantined_rows, 0)
            as accounted_rows

    from groups

    left join raw_rows
        on groups.source_system = raw_rows.source_system
            and groups.billing_period_start_at
            is not distinct from raw_rows.billing_period_start_at
            and groups.currency_code is not distinct from raw_rows.currency_code

    left join focus_rows
        on groups.source_system = focus_rows.source_system
            and groups.billing_period_start_at
            is not distinct from focus_rows.billing_period_start_at
            and groups.currency_code is not distinct from focus_rows.currency_code

    left join quarantined_rows
        on groups.source_system = quarantined_rows.source_system
            and groups.billing_period_start_at
            is not distinct from quarantined_rows.billing_period_start_at
            and groups.currency_code is not distinct from quarantined_rows.currency_code

)

select * from compared
where abs(raw_billed_cost - focus_billed_cost - quarantined_cost) >= 0.005
    or raw_rows <> accounted_rows
