{#-
    The parameters of the FOCUS use-case analyses (analyses/use_cases; DECISIONLOG D-801): the
    FinOps Foundation's queries take them as `?` placeholders. Defaults answer on the committed
    fixture (data/fixtures); override any of them with
    --vars '{focus_use_cases: {sub_account_id: "123456789012"}}' or
    scripts/focus_use_cases.py --param sub_account_id=123456789012 (which also sets the period to
    the billing periods in the table).
-#}
{% macro get_use_case_value(name) %}
    {%- set params = {
        'period_start': '2025-01-01',
        'period_end': '2025-03-01',
        'provider_name': 'AWS',
        'sub_account_id': '318273645546',
        'service_name': 'Amazon Elastic Compute Cloud',
        'resource_id': 'i-0a1b2c3d4e5f60002',
        'tag_key': 'application',
        'tag_value': 'storefront',
        'pricing_currency': 'USD',
        'virtual_currency_unit': 'Credits',
    } -%}
    {%- do params.update(var('focus_use_cases', {})) -%}
    {%- if name not in params -%}
        {{ exceptions.raise_compiler_error("unknown use-case parameter '" ~ name ~ "'") }}
    {%- endif -%}
    {{ return(params[name] | string) }}
{% endmacro %}

{#- A text parameter as a quoted SQL literal. -#}
{% macro get_use_case_param(name) -%}
    '{{ get_use_case_value(name) | replace("'", "''") }}'
{%- endmacro %}

{#- A date parameter (YYYY-MM-DD, UTC) as a timestamp literal, compared with FOCUS date-times. -#}
{% macro get_use_case_timestamp(name) -%}
    cast({{ get_use_case_param(name) }} as {{ dbt.type_timestamp() }})
{%- endmacro %}
