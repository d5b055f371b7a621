{#-
    Two CTEs, `exchange_rates` and `converted`, written after a model's own: `converted` is
    `spend_cte` with the rate of its billing currency into var finops_reporting_currency on the day
    `rate_day_expression` gives (1 when the billing currency is the reporting currency, null when no
    rate is known by then; D-701, D-702), as columns reporting_currency, exchange_rate and
    exchange_rate_date. Shared by the FinOps marts that report in the reporting currency.
-#}
{% macro finops_with_reporting_rate(spend_cte, rate_day_expression) %}
exchange_rates as (

    select * from {{ ref('int_finops__exchange_rates_daily') }}
    where to_currency = '{{ var("finops_reporting_currency") }}'

),

converted as (

    select
        {{ spend_cte }}.*,
        '{{ var("finops_reporting_currency") }}' as reporting_currency,
        case
            when {{ spend_cte }}.billing_currency = '{{ var("finops_reporting_currency") }}'
                then {{ to_focus_decimal(1) }}
            else exchange_rates.exchange_rate
        end as exchange_rate,
        exchange_rates.exchange_rate_date

    from {{ spend_cte }}

    left join exchange_rates
        on {{ spend_cte }}.billing_currency = exchange_rates.from_currency
            and {{ rate_day_expression }} = exchange_rates.rate_day

)
{%- endmacro %}
