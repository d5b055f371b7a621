{#-
    No cent is lost or double counted, for each OCI report shape: per billing period and currency,
    Σ raw cost of every row read (FOCUS report BilledCost; cost report cost/myCost) = Σ BilledCost
    of the OCI rows in the FOCUS mart + Σ cost of the quarantined rows. Every raw row is one FOCUS
    row: no row is merged and none is created; a correction is a row of its own. The raw billing
    period is the report's BillingPeriodStart (FOCUS report) or the UTC month of the usage interval
    (cost report, which has no billing period). Returns the groups that differ.
-#}
{{ config(enabled=var('oci_enabled', false)) }}
{%- set raw_queries = [] -%}
{%- if var('oci_focus_report_enabled', true) -%}
    {%- do raw_queries.append(
        "select 'oci_focus_report' as source_system, billing_period_start_at,"
        ~ " billing_currency as currency_code, coalesce(sum(billed_cost), 0) as raw_cost,"
        ~ " count(*) as raw_rows from " ~ ref('stg_oci__focus_report_line_items')
        ~ " group by billing_period_start_at, billing_currency"
    ) -%}
{%- endif -%}
{%- if var('oci_cost_report_enabled', false) -%}
    {%- do raw_queries.append(
        "select 'oci_cost_report' as source_system, "
        ~ dbt.date_trunc('month', 'usage_start_at') ~ " as billing_period_start_at,"
        ~ " currency_code, coalesce(sum(my_cost), 0) as raw_cost, count(*) as raw_rows from "
        ~ ref('stg_oci__cost_report_line_items') ~ " group by 2, currency_code"
    ) -%}
{%- endif -%}
{{ compare_raw_with_focus('oci', raw_queries | join(' union all ')) }}
