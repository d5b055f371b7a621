{#-
    FOCUS 1.4 (R-IND-02, DECISIONLOG D-908): per invoice, the Invoice Detail lines' BilledCost adds
    up to the BilledCost of the cost rows billed on that invoice, every cost row's InvoiceDetailId
    is a line of the Invoice Detail dataset, and every billing period of the cost rows is a row of
    the Billing Period dataset (R-BPD-01). Fails with one row per invoice, line or period that does
    not hold.
-#}
{{ config(enabled=focus_version_at_least('1.4')) }}

with

cost_by_invoice as (

    select
        InvoiceIssuerName,
        InvoiceId,
        sum(BilledCost) as billed_cost
    from {{ ref('focus_cost_and_usage') }}
    where InvoiceId is not null
    group by InvoiceIssuerName, InvoiceId

),

detail_by_invoice as (

    select
        InvoiceIssuerName,
        InvoiceId,
        sum(BilledCost) as billed_cost
    from {{ ref('focus_invoice_detail') }}
    group by InvoiceIssuerName, InvoiceId

),

invoice_differences as (

    select
        'invoice total differs' as problem,
        coalesce(cost_by_invoice.InvoiceId, detail_by_invoice.InvoiceId) as key_value
    from cost_by_invoice
    full outer join detail_by_invoice
        on cost_by_invoice.InvoiceIssuerName = detail_by_invoice.InvoiceIssuerName
            and cost_by_invoice.InvoiceId = detail_by_invoice.InvoiceId
    where cost_by_invoice.InvoiceId is null
        or detail_by_invoice.InvoiceId is null
        or abs(cost_by_invoice.billed_cost - detail_by_invoice.billed_cost)
        > {{ var('focus_cost_tolerance') }}

),

unknown_lines as (

    select distinct
        'cost row InvoiceDetailId not in focus_invoice_detail' as problem,
        cost.InvoiceDetailId as key_value
    from {{ ref('focus_cost_and_usage') }} as cost
    left join {{ ref('focus_invoice_detail') }} as detail
        on cost.InvoiceIssuerName = detail.InvoiceIssuerName
            and cost.InvoiceDetailId = detail.InvoiceDetailId
    where cost.InvoiceDetailId is not null
        and detail.InvoiceDetailId is null

),

unknown_periods as (

    select distinct
        'billing period not in focus_billing_period' as problem,
        cast(cost.BillingPeriodStart as {{ dbt.type_string() }}) as key_value
    from {{ ref('focus_cost_and_usage') }} as cost
    left join {{ ref('focus_billing_period') }} as period
        on cost.BillingPeriodStart = period.BillingPeriodStart
            and cost.InvoiceIssuerName = period.InvoiceIssuerName
    where period.BillingPeriodStart is null

)

select * from invoice_differences
union all
select * from unknown_lines
union all
select * from unknown_periods
