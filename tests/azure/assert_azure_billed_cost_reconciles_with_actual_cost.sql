{{ config(enabled=var('azure_enabled', false)) }}
{#-
    No cent is lost or double counted: per billing period and currency, Σ cost of every raw Azure
    actual-cost row equals Σ BilledCost of the Azure rows in the FOCUS mart plus Σ cost of the
    quarantined rows. FOCUS takes every row but commitment purchases and refunds from the
    amortized cost (D-101): those amortized rows bill what their actual twins cost (the same
    amount, or 0 for commitment-covered usage, whose actual cost is 0), unused commitment rows
    bill 0, and the purchases and refunds come from the actual cost. So this holds only if every
    actual row has its amortized twin; a twin missing or altered shows up here. Returns the
    periods that differ by half a cent or more (compare_raw_with_focus; the rows are counted by
    assert_azure_rows_accounted, as actual and amortized rows are not one to one).
-#}
{% set raw_query %}
    select
        billing_period_start_at,
        billing_currency as currency_code,
        coalesce(sum(cost_in_billing_currency), 0) as raw_cost
    from {{ ref('int_azure__cost_details_checked') }}
    where dataset = 'actual'
    group by billing_period_start_at, billing_currency
{% endset %}
{{ compare_raw_with_focus(
    'azure',
    raw_query,
    focus_rows_condition="x_Provider = 'azure' and x_SourceSystem not like 'azure_focus%'",
    by_source_system=false,
    compare_rows=false,
) }}
