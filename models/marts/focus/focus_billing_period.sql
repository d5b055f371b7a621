{#-
    FOCUS 1.4 Billing Period dataset: one row per billing period of each invoice issuer, built from
    the cost rows (DECISIONLOG D-907). Built when var focus_version is 1.4.
    BillingPeriodStatus: Closed when every cost row of the period carries an InvoiceId (the
    providers fill it once the invoice is issued), else Open. BillingPeriodCreated: the period's
    start (the providers open a period when it starts; the sources give no creation time).
    BillingPeriodLastUpdated: the latest ChargePeriodEnd of the period's rows (the data's age),
    never before the creation.
-#}
{{ config(enabled=focus_version_at_least('1.4')) }}

with

cost_and_usage as (

    select * from {{ ref('focus_cost_and_usage') }}

),

periods as (

    select
        BillingPeriodStart,
        BillingPeriodEnd,
        InvoiceIssuerName,
        count(*) as row_count,
        count(InvoiceId) as invoiced_row_count,
        max(ChargePeriodEnd) as latest_charge_period_end

    from cost_and_usage

    group by BillingPeriodStart, BillingPeriodEnd, InvoiceIssuerName

),

superset as (

    select
        cast(BillingPeriodStart as {{ dbt.type_timestamp() }}) as BillingPeriodCreated,
        cast(BillingPeriodEnd as {{ dbt.type_timestamp() }}) as BillingPeriodEnd,
        cast(
            case when latest_charge_period_end > BillingPeriodStart then latest_charge_period_end
                else BillingPeriodStart
            end
            as {{ dbt.type_timestamp() }}
        ) as BillingPeriodLastUpdated,
        cast(BillingPeriodStart as {{ dbt.type_timestamp() }}) as BillingPeriodStart,
        cast(
            case when invoiced_row_count = row_count then 'Closed' else 'Open' end
            as {{ dbt.type_string() }}
        ) as BillingPeriodStatus,
        cast(InvoiceIssuerName as {{ dbt.type_string() }}) as InvoiceIssuerName

    from periods

),

final as (

    select {{ focus_version_select('BillingPeriod') }}
    from superset

)

select * from final
