{#-
    Invoice reconciliation: Σ BilledCost per provider x billing account x InvoiceId x billing period
    x billing currency, against the invoice totals of seeds/finops/finops_invoice_totals.csv, with
    the drift (FOCUS − invoice) and a status (DECISIONLOG D-708). A full outer join: an invoice only
    in FOCUS, or only in the invoice totals, has its own row.
-#}
with

cost_and_usage as (

    select * from {{ ref('focus_cost_and_usage') }}

),

invoice_totals as (

    select
        provider_name,
        billing_account_id,
        invoice_id,
        cast(billing_period_start as date) as billing_period_start,
        upper(trim(billing_currency)) as billing_currency,
        {{ to_focus_decimal('invoice_total') }} as invoice_total,
        source as invoice_total_source

    from {{ ref('finops_invoice_totals') }}

),

focus_invoices as (

    select
        cost_and_usage.ProviderName as provider_name,
        cost_and_usage.BillingAccountId as billing_account_id,
        cost_and_usage.InvoiceId as invoice_id,
        cast(cost_and_usage.BillingPeriodStart as date) as billing_period_start,
        cost_and_usage.BillingCurrency as billing_currency,
        sum(cost_and_usage.BilledCost) as billed_cost,
        count(*) as charge_count

    from cost_and_usage

    group by
        cost_and_usage.ProviderName,
        cost_and_usage.BillingAccountId,
        cost_and_usage.InvoiceId,
        cast(cost_and_usage.BillingPeriodStart as date),
        cost_and_usage.BillingCurrency

),

joined as (

    select
        focus_invoices.billed_cost,
        focus_invoices.charge_count,
        invoice_totals.invoice_total,
        invoice_totals.invoice_total_source,
        coalesce(focus_invoices.provider_name, invoice_totals.provider_name) as provider_name,
        coalesce(focus_invoices.billing_account_id, invoice_totals.billing_account_id)
            as billing_account_id,
        coalesce(focus_invoices.invoice_id, invoice_totals.invoice_id) as invoice_id,
        coalesce(focus_invoices.billing_period_start, invoice_totals.billing_period_start)
            as billing_period_start,
        coalesce(focus_invoices.billing_currency, invoice_totals.billing_currency)
            as billing_currency,
        focus_invoices.provider_name is not null as is_in_focus,
        invoice_totals.provider_name is not null as has_invoice_total

    from focus_invoices

    full outer join invoice_totals
        on focus_invoices.provider_name = invoice_totals.provider_name
            and focus_invoices.billing_account_id = invoice_totals.billing_account_id
            and focus_invoices.invoice_id = invoice_totals.invoice_id
            and focus_invoices.billing_period_start = invoice_totals.billing_period_start
            and focus_invoices.billing_currency = invoice_totals.billing_currency

),

final as (

    select
        joined.provider_name,
        joined.billing_account_id,
        joined.invoice_id,
        joined.billing_period_start,
        joined.billing_currency,
        {{ to_focus_decimal('joined.billed_cost') }} as billed_cost,
        cast(coalesce(joined.charge_count, 0) as {{ dbt.type_bigint() }}) as charge_count,
        joined.invoice_total,
        joined.invoice_total_source,
        {{ to_focus_decimal('joined.billed_cost - joined.invoice_total') }} as drift,
        case
            when joined.invoice_total <> 0
                then {{ to_focus_decimal(
                    '(joined.billed_cost - joined.invoice_total) / abs(joined.invoice_total)'
                ) }}
        end as drift_pct,
        case
            when joined.invoice_id is null then 'no invoice id'
            when not joined.has_invoice_total then 'no invoice total'
            when not joined.is_in_focus then 'missing in focus'
            when abs(joined.billed_cost - joined.invoice_total)
                <= {{ var('finops_invoice_drift_tolerance') }} then 'matched'
            else 'drift'
        end as reconciliation_status

    from joined

)

select * from final
