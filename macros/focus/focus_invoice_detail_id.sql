{#-
    FOCUS 1.4 InvoiceDetailId of a cost row: the invoice line it is billed on. The project's
    invoice lines are one per invoice, billing account and charge category
    (models/marts/focus/focus_invoice_detail, DECISIONLOG D-908: an invoice ID may cover several
    billing accounts), so the ID is `<InvoiceId>/<BillingAccountId>/<ChargeCategory>`: unique
    within an invoice, null when the row has no invoice. Shared by the cost mart and the Invoice Detail dataset so the two
    join.
-#}
{% macro focus_invoice_detail_id(invoice_id, billing_account_id, charge_category) -%}
    cast(case
        when {{ invoice_id }} is not null
            then {{ invoice_id }} || '/' || {{ billing_account_id }} || '/' || {{ charge_category }}
    end as {{ dbt.type_string() }})
{%- endmacro %}
