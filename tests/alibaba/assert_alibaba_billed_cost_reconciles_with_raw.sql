{#-
    No cent is lost or double counted: per billing period (in UTC, converted from Alibaba's UTC+8)
    and currency, Σ BilledCost of every raw row read = Σ BilledCost of the Alibaba rows in the
    FOCUS mart + Σ cost of the quarantined rows. Every raw row is one FOCUS row: no row is merged
    and none is created; repairs never change a cost. Returns the groups that differ.
-#}
{{ config(enabled=var('alibaba_enabled', false)) }}
{%- set raw_query =
    "select 'alibaba_focus' as source_system, billing_period_start_at,"
    ~ " billing_currency as currency_code, coalesce(sum(billed_cost), 0) as raw_cost,"
    ~ " count(*) as raw_rows from " ~ ref('stg_alibaba__focus_line_items')
    ~ " group by billing_period_start_at, billing_currency"
-%}
{{ compare_raw_with_focus('alibaba', raw_query) }}
