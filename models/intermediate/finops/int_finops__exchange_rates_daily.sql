{#-
    The exchange rate in force on every day: for each currency pair of the exchange-rate seed, the
    latest rate dated on or before the day (DECISIONLOG D-702). Marts join it on (from, to, day)
    instead of each searching the seed. Days before a pair's first rate have no row.
-#}
with

exchange_rates as (

    select
        upper(trim(from_currency)) as from_currency,
        upper(trim(to_currency)) as to_currency,
        cast(rate_date as date) as rate_date,
        {{ to_focus_decimal('rate') }} as exchange_rate,
        source as rate_source

    from {{ ref('finops_exchange_rates') }}

),

rate_periods as (

    select
        exchange_rates.from_currency,
        exchange_rates.to_currency,
        exchange_rates.rate_date,
        exchange_rates.exchange_rate,
        exchange_rates.rate_source,
        lead(exchange_rates.rate_date) over (
            partition by exchange_rates.from_currency, exchange_rates.to_currency
            order by exchange_rates.rate_date
        ) as next_rate_date

    from exchange_rates

),

calendar as (

    select date_day from {{ ref('metricflow_time_spine') }}

),

final as (

    select
        rate_periods.from_currency,
        rate_periods.to_currency,
        calendar.date_day as rate_day,
        rate_periods.exchange_rate,
        rate_periods.rate_date as exchange_rate_date,
        rate_periods.rate_source

    from rate_periods

    inner join calendar
        on rate_periods.rate_date <= calendar.date_day
            and (
                rate_periods.next_rate_date is null
                or rate_periods.next_rate_date > calendar.date_day
            )

)

select * from final
