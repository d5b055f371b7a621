{#-
    FOCUS 1.4 Invoice Detail dataset: one row per invoice line, built from the cost rows that carry
    an InvoiceId (DECISIONLOG D-908). Built when var focus_version is 1.4.
    An invoice line is an invoice's charges of one billing account and ChargeCategory (the spec lets Usage stand for
    the aggregate of non-Tax categories; the project keeps the five apart). InvoiceDetailId is
    `<InvoiceId>/<BillingAccountId>/<ChargeCategory>` (macro focus_invoice_detail_id), the cost mart's InvoiceDetailId.
    Where the team's invoice list (seeds/finops/finops_invoice_totals.csv) has the invoice, it is
    Issued on the billing period's end; otherwise it is Open and has no issue date. Payment is in the
    billing currency (no source gives another payment currency); payment terms and due dates are not
    in any billing export: PaymentTerms says so, PaymentDueDate is null.
-#}
{{ config(enabled=focus_version_at_least('1.4')) }}

with

cost_and_usage as (

    select * from {{ ref('focus_cost_and_usage') }}
    where InvoiceId is not null

),

invoices as (

    select distinct
        billing_account_id,
        invoice_id
    from {{ ref('finops_invoice_totals') }}

),

lines as (

    select
        InvoiceIssuerName,
        InvoiceId,
        BillingAccountId,
        BillingCurrency,
        BillingPeriodStart,
        BillingPeriodEnd,
        ChargeCategory,
        {{ focus_invoice_detail_id('InvoiceId', 'BillingAccountId', 'ChargeCategory') }}
            as InvoiceDetailId,
        sum(BilledCost) as BilledCost,
        max(ChargePeriodEnd) as latest_charge_period_end

    from cost_and_usage

    group by
        InvoiceIssuerName, InvoiceId, BillingAccountId, BillingCurrency, BillingPeriodStart,
        BillingPeriodEnd, ChargeCategory

),

superset as (

    select
        {{ to_focus_decimal('lines.BilledCost') }} as BilledCost,
        cast(lines.BillingAccountId as {{ dbt.type_string() }}) as BillingAccountId,
        cast(lines.BillingCurrency as {{ dbt.type_string() }}) as BillingCurrency,
        cast(lines.BillingPeriodEnd as {{ dbt.type_timestamp() }}) as BillingPeriodEnd,
        cast(lines.BillingPeriodStart as {{ dbt.type_timestamp() }}) as BillingPeriodStart,
        cast(lines.ChargeCategory as {{ dbt.type_string() }}) as ChargeCategory,
        cast(lines.BillingPeriodEnd as {{ dbt.type_timestamp() }}) as InvoiceDetailCreated,
        cast(lines.ChargeCategory || ' charges' as {{ dbt.type_string() }})
            as InvoiceDetailDescription,
        cast('{"ChargeCategory": "' || lines.ChargeCategory || '"}' as {{ dbt.type_string() }})
            as InvoiceDetailGrain,
        cast(lines.InvoiceDetailId as {{ dbt.type_string() }}) as InvoiceDetailId,
        cast(
            case when lines.latest_charge_period_end > lines.BillingPeriodEnd
                    then lines.latest_charge_period_end
                else lines.BillingPeriodEnd
            end
            as {{ dbt.type_timestamp() }}
        ) as InvoiceDetailLastUpdated,
        cast(lines.InvoiceId as {{ dbt.type_string() }}) as InvoiceId,
        cast(
            case when invoices.invoice_id is not null then lines.BillingPeriodEnd end
            as {{ dbt.type_timestamp() }}
        ) as InvoiceIssueDate,
        cast(
            case when invoices.invoice_id is not null then 'Issued' else 'Open' end
            as {{ dbt.type_string() }}
        ) as InvoiceIssueStatus,
        cast(lines.InvoiceIssuerName as {{ dbt.type_string() }}) as InvoiceIssuerName,
        cast(lines.BillingCurrency as {{ dbt.type_string() }}) as PaymentCurrency,
        {{ to_focus_decimal('lines.BilledCost') }} as PaymentCurrencyBilledCost,
        cast(lines.InvoiceDetailId as {{ dbt.type_string() }}) as PaymentCurrencyInvoiceDetailId,
        cast(null as {{ dbt.type_timestamp() }}) as PaymentDueDate,
        cast('Not in the billing data' as {{ dbt.type_string() }}) as PaymentTerms,
        cast(null as {{ dbt.type_string() }}) as PurchaseOrderNumber,
        cast(lines.InvoiceId as {{ dbt.type_string() }}) as ReferenceInvoiceId

    from lines

    left join invoices
        on lines.BillingAccountId = invoices.billing_account_id
            and lines.InvoiceId = invoices.invoice_id

),

final as (

    select {{ focus_version_select('InvoiceDetail') }}
    from superset

)

select * from final
