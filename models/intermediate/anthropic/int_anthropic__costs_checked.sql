{#-
    Every Anthropic cost result read, keyed, converted to the currency's major unit and given a
    verdict: quarantined with a reason (a value that did not cast, an empty key column, a currency
    not in ISO 4217), a duplicate (the same day and cost keys delivered again by another page file:
    the file whose path sorts last wins) or fit to map. The report's amount is in the currency's
    lowest unit (cents for USD): it is multiplied by 10^-minor_units of the currency (ISO 4217
    seed), exactly, in decimals (DECISIONLOG D-403). One row per raw cost result.
-#}
with

cost_results as (

    select * from {{ ref('stg_anthropic__cost_results') }}

),

currencies as (

    select * from {{ ref('iso_4217_currencies') }}
    where is_billing_currency

),

keyed as (

    select
        cost_results.*,
        upper(cost_results.amount_currency) as currency_code,
        {{ dbt.date_trunc('month', 'cost_results.bucket_start_at') }} as billing_period_start_at,
        {{ format_utc_timestamp('cost_results.bucket_start_at') }}
        || '/'
        || {{ format_utc_timestamp('cost_results.bucket_end_at') }} as time_interval,
        {{ dbt.hash(dbt.concat([
            "coalesce(cost_results.organization_id, '')", "'|'",
            "coalesce(" ~ format_utc_timestamp("cost_results.bucket_start_at") ~ ", '')", "'|'",
            "coalesce(cost_results.workspace_id, '')", "'|'",
            "coalesce(cost_results.description, '')", "'|'",
            "coalesce(cost_results.cost_type, '')", "'|'",
            "coalesce(cost_results.model, '')", "'|'",
            "coalesce(cost_results.token_type, '')", "'|'",
            "coalesce(cost_results.service_tier, '')", "'|'",
            "coalesce(cost_results.context_window, '')", "'|'",
            "coalesce(cost_results.inference_geo, '')",
        ])) }} as line_item_id
    from cost_results

),

checked as (

    select
        keyed.*,
        cast(
            keyed.amount_minor_units
            * cast(1 / power(10, currencies.minor_units) as {{ type_focus_decimal() }})
            as {{ type_focus_decimal() }}
        ) as amount,
        case
            when keyed.cast_failures is not null
                then 'unparseable value in ' || keyed.cast_failures
            when keyed.bucket_start_at is null then 'missing key column starting_at'
            when keyed.cost_type is null then 'missing key column cost_type'
            when keyed.amount_minor_units is null then 'missing key column amount'
            when currencies.currency_code is null
                then 'unknown currency code ' || coalesce(keyed.amount_currency, '(null)')
        end as quarantine_reason,
        row_number() over (
            partition by
                keyed.organization_id, keyed.bucket_start_at, keyed.workspace_id,
                keyed.description, keyed.cost_type, keyed.model, keyed.token_type,
                keyed.service_tier, keyed.context_window, keyed.inference_geo
            order by keyed.source_file desc
        ) > 1 as is_duplicate
    from keyed

    left join currencies
        on keyed.currency_code = currencies.currency_code

)

select * from checked
