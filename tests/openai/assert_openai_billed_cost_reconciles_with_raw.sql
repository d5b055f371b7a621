{#-
    No cent is lost or double counted: per billing period and currency, Σ amount of every raw
    openai cost result read (every page file, second deliveries included) equals Σ BilledCost of the
    openai rows in the FOCUS mart plus Σ cost of the quarantined rows. Which raw rows are not one
    FOCUS row each: second deliveries and cost results without a usage quantity are quarantined;
    no raw rows are merged; the rows created for usage no cost result charged
    (derived_usage_without_cost) bill 0 and are left out of the row count. Returns the periods
    that differ by half a cent or more, or in rows.
-#}
{% set raw_query %}
    select
        billing_period_start_at,
        currency_code,
        coalesce(sum(amount), 0) as raw_cost,
        count(*) as raw_rows
    from {{ ref('int_openai__costs_checked') }}
    group by billing_period_start_at, currency_code
{% endset %}
{#- every row of the provider: read (source) and created (derived_usage_without_cost) -#}
{{ compare_raw_with_focus(
    'openai',
    raw_query,
    focus_rows_condition="x_Provider = 'openai'",
    by_source_system=false
) }}
