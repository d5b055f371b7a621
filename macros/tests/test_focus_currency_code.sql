{#-
    Governance (currency): the column holds active ISO 4217 codes of national currencies
    (seeds/focus/iso_4217_currencies.csv). Fails with one row per unknown code.
-#}
{% test focus_currency_code(model, column_name) %}

with

currencies as (

    select currency_code
    from {{ ref('iso_4217_currencies') }}
    where is_billing_currency

),

observed as (

    select
        {{ column_name }} as currency_code,
        count(*) as row_count
    from {{ model }}
    where {{ column_name }} is not null
    group by {{ column_name }}

)

select
    observed.currency_code as unknown_currency_code,
    observed.row_count

from observed

left join currencies
    on observed.currency_code = currencies.currency_code

where currencies.currency_code is null

{% endtest %}
