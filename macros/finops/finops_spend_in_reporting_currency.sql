{#-
    The reporting-currency step shared by finops_spend_daily and finops_spend_monthly, written as
    three CTEs (`exchange_rates`, `converted`, `final`) that follow the model's own CTEs:
    `spend_cte` (one row per grain, summed in the billing currency) gets the day's rate into var
    finops_reporting_currency (finops_with_reporting_rate; D-701, D-702), and `final` writes the
    grain columns, then the shared columns in the billing currency and the `_reporting` columns
    (amount x rate; savings on usage only, D-704). The models differ only in grain: `grain_columns`
    (first in `final`) and `rate_day_expression` (the day whose rate applies, a SQL expression on
    `spend_cte`).
-#}
{% macro finops_spend_in_reporting_currency(spend_cte, grain_columns, rate_day_expression) %}
{{ finops_with_reporting_rate(spend_cte, rate_day_expression) }},

final as (

    select
        {%- for grain_column in grain_columns %}
        converted.{{ grain_column }},
        {%- endfor %}
        converted.provider_name,
        converted.billing_account_id,
        converted.billing_account_name,
        converted.sub_account_id,
        converted.sub_account_name,
        converted.service_category,
        converted.service_name,
        converted.region_id,
        converted.billing_currency,
        {{ to_focus_decimal('converted.billed_cost') }} as billed_cost,
        {{ to_focus_decimal('converted.effective_cost') }} as effective_cost,
        {{ to_focus_decimal('converted.list_cost') }} as list_cost,
        {{ to_focus_decimal('converted.contracted_cost') }} as contracted_cost,
        {{ to_focus_decimal('converted.usage_list_cost') }} as usage_list_cost,
        {{ to_focus_decimal('converted.usage_contracted_cost') }} as usage_contracted_cost,
        {{ to_focus_decimal('converted.usage_effective_cost') }} as usage_effective_cost,
        {{ to_focus_decimal('converted.usage_list_cost - converted.usage_contracted_cost') }}
            as negotiated_savings,
        {{ to_focus_decimal('converted.usage_contracted_cost - converted.usage_effective_cost') }}
            as commitment_savings,
        converted.charge_count,
        converted.reporting_currency,
        converted.exchange_rate,
        converted.exchange_rate_date,
        {{ to_focus_decimal('converted.billed_cost * converted.exchange_rate') }}
            as billed_cost_reporting,
        {{ to_focus_decimal('converted.effective_cost * converted.exchange_rate') }}
            as effective_cost_reporting,
        {{ to_focus_decimal('converted.list_cost * converted.exchange_rate') }}
            as list_cost_reporting,
        {{ to_focus_decimal('converted.contracted_cost * converted.exchange_rate') }}
            as contracted_cost_reporting,
        {{ to_focus_decimal('converted.usage_list_cost * converted.exchange_rate') }}
            as usage_list_cost_reporting,
        {{ to_focus_decimal(
            '(converted.usage_list_cost - converted.usage_contracted_cost) * converted.exchange_rate'
        ) }} as negotiated_savings_reporting,
        {{ to_focus_decimal(
            '(converted.usage_contracted_cost - converted.usage_effective_cost)'
            ~ ' * converted.exchange_rate'
        ) }} as commitment_savings_reporting

    from converted

)
{% endmacro %}
