{#-
    Every OpenAI cost result read, keyed and given a verdict: quarantined with a reason (a value
    that did not cast, an empty key column, a currency not in ISO 4217), a duplicate (the same day,
    project and line item delivered again by another page file: the file whose path sorts last
    wins, so a later pull replaces an earlier one) or fit to map. The line item is split into the
    model and the kind it charges (`gpt-4o-2024-08-06, cached input` -> model
    `gpt-4o-2024-08-06`, kind `cached input`; a line item without a comma is a kind without a
    model). One row per raw cost result.
-#}
with

cost_results as (

    select * from {{ ref('stg_openai__cost_results') }}

),

currencies as (

    select * from {{ ref('iso_4217_currencies') }}

),

keyed as (

    select
        cost_results.*,
        case
            when strpos(cost_results.line_item, ', ') > 0
                then {{ regexp_extract_group('cost_results.line_item', '^(.*), [^,]*$') }}
        end as model,
        case
            when strpos(cost_results.line_item, ', ') > 0
                then {{ regexp_extract_group('cost_results.line_item', '^.*, ([^,]*)$') }}
            else cost_results.line_item
        end as line_item_kind,
        upper(cost_results.amount_currency) as currency_code,
        {{ dbt.date_trunc('month', 'cost_results.bucket_start_at') }} as billing_period_start_at,
        {{ format_utc_timestamp('cost_results.bucket_start_at') }}
        || '/'
        || {{ format_utc_timestamp('cost_results.bucket_end_at') }} as time_interval,
        {{ dbt.hash(dbt.concat([
            "coalesce(cost_results.organization_id, '')", "'|'",
            "coalesce(" ~ format_utc_timestamp("cost_results.bucket_start_at") ~ ", '')", "'|'",
            "coalesce(cost_results.project_id, '')", "'|'",
            "coalesce(cost_results.line_item, '')",
        ])) }} as line_item_id
    from cost_results

),

checked as (

    select
        keyed.*,
        case
            when keyed.cast_failures is not null
                then 'unparseable value in ' || keyed.cast_failures
            when keyed.bucket_start_at is null then 'missing key column start_time'
            when keyed.line_item is null then 'missing key column line_item'
            when keyed.amount is null then 'missing key column amount'
            when currencies.currency_code is null
                then 'unknown currency code ' || coalesce(keyed.amount_currency, '(null)')
        end as quarantine_reason,
        row_number() over (
            partition by
                keyed.organization_id, keyed.bucket_start_at, keyed.project_id, keyed.line_item
            order by keyed.source_file desc
        ) > 1 as is_duplicate
    from keyed

    left join currencies
        on keyed.currency_code = currencies.currency_code

)

select * from checked
