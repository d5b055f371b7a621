{#-
    The body of a provider's reconciliation test: per source system (when `by_source_system`),
    billing period and currency, Σ raw cost = Σ BilledCost of the provider's FOCUS rows + Σ cost of
    its quarantined rows, to the cent (half a cent or more is a difference), and raw rows = the
    FOCUS rows' count of raw rows (`focus_rows_count`) + quarantined rows. Returns the groups that
    differ. Generic: any provider's test calls it.

    - `raw_relation_sql`: a query with the columns billing_period_start_at, currency_code, raw_cost,
      raw_rows, and source_system when `by_source_system`.
    - `focus_rows_condition`: which rows of focus_cost_and_usage count (SQL condition); default the
      provider's rows read from the export (x_RowOrigin 'source'). A provider that creates rows
      carrying cost (GCP's credit rows) counts them too.
    - `quarantined_rows_condition`: which rows of focus_quarantined_line_items count; default the
      provider's.
    - `by_source_system`: group by source system too (false where the raw query has none).
    - `focus_rows_count`: the raw rows a group of FOCUS rows stands for; default
      sum(x_MergedLineItemCount).
    - `compare_rows`: compare the row counts too (the raw query then has raw_rows); false where
      raw rows and FOCUS rows are not one to one (Azure's actual and amortized twins).
-#}
{% macro compare_raw_with_focus(
    provider,
    raw_relation_sql,
    focus_rows_condition=none,
    quarantined_rows_condition=none,
    by_source_system=true,
    focus_rows_count='sum(x_MergedLineItemCount)',
    compare_rows=true
) %}
{%- if focus_rows_condition is none -%}
    {%- set focus_rows_condition = "x_Provider = '" ~ provider ~ "' and x_RowOrigin = 'source'" -%}
{%- endif -%}
{%- if quarantined_rows_condition is none -%}
    {%- set quarantined_rows_condition = "provider = '" ~ provider ~ "'" -%}
{%- endif -%}

with

raw_line_items as (

    {{ raw_relation_sql }}

),

focus_rows as (

    select
        {% if by_source_system -%}
        x_SourceSystem as source_system,
        {% endif -%}
        BillingPeriodStart as billing_period_start_at,
        BillingCurrency as currency_code,
        sum(BilledCost) as billed_cost,
        {{ focus_rows_count }} as merged_rows
    from {{ ref('focus_cost_and_usage') }}
    where {{ focus_rows_condition }}
    group by {% if by_source_system %}x_SourceSystem, {% endif %}BillingPeriodStart, BillingCurrency

),

quarantined_rows as (

    select
        {% if by_source_system -%}
        source_system,
        {% endif -%}
        billing_period_start_at,
        currency_code,
        coalesce(sum(unblended_cost), 0) as quarantined_cost,
        count(*) as quarantined_rows
    from {{ ref('focus_quarantined_line_items') }}
    where {{ quarantined_rows_condition }}
    group by {% if by_source_system %}source_system, {% endif %}billing_period_start_at, currency_code

),

groups as (

    select
        {% if by_source_system -%}
        source_system,
        {% endif -%}
        billing_period_start_at,
        currency_code
    from raw_line_items
    union distinct
    select
        {% if by_source_system -%}
        source_system,
        {% endif -%}
        billing_period_start_at,
        currency_code
    from focus_rows
    union distinct
    select
        {% if by_source_system -%}
        source_system,
        {% endif -%}
        billing_period_start_at,
        currency_code
    from quarantined_rows

),

compared as (

    select
        {% if by_source_system -%}
        groups.source_system,
        {% endif -%}
        groups.billing_period_start_at,
        groups.currency_code,
        coalesce(raw_line_items.raw_cost, 0) as raw_cost,
        coalesce(focus_rows.billed_cost, 0) as focus_billed_cost,
        coalesce(quarantined_rows.quarantined_cost, 0) as quarantined_cost
        {%- if compare_rows %},
        coalesce(raw_line_items.raw_rows, 0) as raw_rows,
        coalesce(focus_rows.merged_rows, 0) + coalesce(quarantined_rows.quarantined_rows, 0)
            as accounted_rows
        {%- endif %}

    from groups

    {% for relation in ['raw_line_items', 'focus_rows', 'quarantined_rows'] -%}
    left join {{ relation }}
        on {% if by_source_system -%}
            groups.source_system = {{ relation }}.source_system
            and {% endif -%}
            groups.billing_period_start_at
            is not distinct from {{ relation }}.billing_period_start_at
            and groups.currency_code is not distinct from {{ relation }}.currency_code
    {%- if not loop.last %}

    {% endif %}
    {%- endfor %}

)

select * from compared
where abs(raw_cost - focus_billed_cost - quarantined_cost) >= 0.005
    {%- if compare_rows %}
    or raw_rows <> accounted_rows
    {%- endif %}

{% endmacro %}
