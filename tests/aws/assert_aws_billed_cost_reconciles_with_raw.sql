{#-
    No cent is lost or double counted: per source system (CUR 2.0, legacy CSV, legacy Parquet),
    billing period and currency, Σ unblended cost of every raw AWS line item read equals Σ
    BilledCost of the AWS rows in the FOCUS mart (negations merged into covered usage, created
    unused-commitment rows bill 0) plus Σ cost of the quarantined rows (including second
    deliveries of a line item), and every raw line item is one merged or quarantined row. Returns
    the groups that differ by half a cent or more, or in rows (compare_raw_with_focus). Rows whose
    billing period or cost did not cast reconcile under a null period / as 0. A run that rebuilds
    listed billing periods (var focus_billing_periods) reads only those periods of the raw line
    items, so only those are compared. AWS's native FOCUS export rows (x_SourceSystem aws_focus_*)
    reconcile in tests/focus_export.
-#}
{% set raw_query %}
    select
        source_system,
        billing_period_start_at,
        currency_code,
        coalesce(sum(unblended_cost), 0) as raw_cost,
        count(*) as raw_rows
    from {{ ref('int_aws__line_items_unioned') }}
    group by source_system, billing_period_start_at, currency_code
{% endset %}
{{ compare_raw_with_focus(
    'aws',
    raw_query,
    focus_rows_condition="x_Provider = 'aws' and x_SourceSystem like 'aws_cur%'"
        ~ " and x_RowOrigin = 'source' and " ~ billing_periods_condition('BillingPeriodStart'),
    quarantined_rows_condition="provider = 'aws' and source_system like 'aws_cur%' and "
        ~ billing_periods_condition('billing_period_start_at'),
) }}
