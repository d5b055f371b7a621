{#-
    One row per UTC day from 2015-01-01 to 2035-12-31: the time spine of the dbt semantic layer
    (MetricFlow) and the calendar the FinOps marts fill gaps and carry exchange rates with.
    Written without dbt.date_spine, which queries the warehouse at compile time.
-#}
with

digits as (

    select 0 as digit
    union all
    select 1
    union all
    select 2
    union all
    select 3
    union all
    select 4
    union all
    select 5
    union all
    select 6
    union all
    select 7
    union all
    select 8
    union all
    select 9

),

day_numbers as (

    select
        ones.digit
        + 10 * tens.digit
        + 100 * hundreds.digit
        + 1000 * thousands.digit as day_number

    from digits as ones
    cross join digits as tens
    cross join digits as hundreds
    cross join digits as thousands

),

days as (

    select
        cast(
            {{ dbt.dateadd('day', 'day_numbers.day_number', "cast('2015-01-01' as date)") }}
            as date
        ) as date_day

    from day_numbers

),

final as (

    select days.date_day
    from days
    where days.date_day < cast('2036-01-01' as date)

)

select * from final
