{#-
    The body of a provider's reconciliation test: per source system, billing period and currency,
    Σ raw cost = Σ BilledCost of the provider's FOCUS rows read from the export (x_RowOrigin
    'source') + Σ cost of its quarantined rows, to the cent (half a cent or more is a difference),
    and raw rows = rows merged into FOCUS + quarantined rows. `raw_relation_sql` is a query with the
    columns source_system, billing_period_start_at, currency_code, raw_cost, raw_rows.
    Returns the groups that differ. Generic: any provider's test can call it.
-#}
{% macro compare_raw_with_focus(provider, raw_relation_sql) %}

with

raw_line_items as (

    {{ raw_relation_sql }}

),

focus_rows as (

    select
        x_SourceSystem as source_system,
        BillingPeriodStart as billing_period_start_at,
        BillingCurrency as currency_code,
        sum(BilledCost) as billed_cost,
        sum(x_MergedLineItemCount) as merged_rows
    from {{ ref('focus_cost_and_usage') }}
    where x_Provider = '{{ provider }}' and x_RowOrigin = 'source'
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
    where provider = '{{ provider }}'
    group by source_system, billing_period_start_at, currency_code

),

groups as (

    select
        source_system,
        billing_period_start_at,
        currency_code
    from raw_line_items
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
        coalesce(raw_line_items.raw_cost, 0) as raw_cost,
        coalesce(focus_rows.billed_cost, 0) as focus_billed_cost,
        coalesce(quarantined_rows.quarantined_cost, 0) as quarantined_cost,
        coalesce(raw_line_items.raw_rows, 0) as raw_rows,
        coalesce(focus_rows.merged_rows, 0) + coalesce(quarantined_rows.quarantined_rows, 0)
            as accounted_rows

    from groups

    left join raw_line_items
        on groups.source_system = raw_line_items.source_system
            and groups.billing_period_start_at
            is not distinct from raw_line_items.billing_period_start_at
            and groups.currency_code is not distinct from raw_line_items.currency_code

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
where abs(raw_cost - focus_billed_cost - quarantined_cost) >= 0.005
    or raw_rows <> accounted_rows

{% endmacro %}
