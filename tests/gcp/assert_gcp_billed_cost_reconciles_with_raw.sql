{#-
    No cent is lost or double counted: per invoice month (billing period) and currency, Σ (cost +
    Σ credits) of every Google Cloud export row read equals Σ BilledCost of the GCP rows in the
    FOCUS mart plus Σ (cost + credits) of the quarantined rows. Merged: the credits of type
    `folded` go into their row's BilledCost. Created: one Credit row per credit of type
    `credit_row` (x_RowOrigin derived_credit, x_MergedLineItemCount 0). Quarantined: copies of a row
    already read and rows missing a key value. Rows: export rows read = Σ x_MergedLineItemCount
    (1 per export row in FOCUS) + quarantined rows. Returns the periods that differ by half a cent
    or more, or in rows.
-#}
{% set raw_query %}
    select
        billing_period_start_at,
        currency_code,
        coalesce(sum(coalesce(cost, 0) + coalesce(credits_amount, 0)), 0) as raw_cost,
        count(*) as raw_rows
    from {{ ref('int_gcp__billing_rows_checked') }}
    group by billing_period_start_at, currency_code
{% endset %}
{#- every row of the resource export: read (source) and created (derived_credit) -#}
{{ compare_raw_with_focus(
    'gcp',
    raw_query,
    focus_rows_condition="x_SourceSystem = 'gcp_billing_export_resource_v1'",
    by_source_system=false
) }}
