{#-
    No cent is lost or double counted: per native FOCUS export shape, billing period and currency,
    Σ BilledCost of every raw row read (staging, as delivered) equals Σ BilledCost of that shape's
    rows in the FOCUS mart plus Σ cost of its quarantined rows. Native FOCUS rows are never merged
    and no row is created, so row counts must match too. Returns the groups that differ by half a
    cent or more, or by a row.
-#}
{{ config(enabled=var('focus_export_enabled', false)) }}
{% set source_systems %}
    ('aws_focus_1_0', 'aws_focus_1_2', 'azure_focus_1_0', 'azure_focus_1_2_preview', 'gcp_focus_1_0')
{% endset %}
{% set raw_query %}
    select
        source_system,
        billing_period_start_at,
        billing_currency as currency_code,
        coalesce(sum(billed_cost), 0) as raw_cost,
        count(*) as raw_rows
    from {{ ref('int_focus_export__rows_unioned') }}
    group by source_system, billing_period_start_at, billing_currency
{% endset %}
{#- one FOCUS row per raw row: counted with count(*), whatever x_MergedLineItemCount says -#}
{{ compare_raw_with_focus(
    'focus_export',
    raw_query,
    focus_rows_condition='x_SourceSystem in ' ~ source_systems | trim,
    quarantined_rows_condition='source_system in ' ~ source_systems | trim,
    focus_rows_count='count(*)'
) }}
