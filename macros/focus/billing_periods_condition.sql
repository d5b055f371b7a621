{#-
    The condition that keeps the billing periods an incremental run of the FOCUS mart rebuilds:
    var('focus_billing_periods'), a list of 'YYYY-MM-01' texts (a single text is one period), each
    the start of a billing period. Unset or empty, the condition is `true`: every period is built.
    The mart's incremental strategy then replaces exactly the periods the run produced
    (DECISIONLOG D-019). Decided from the variable alone, so compiling needs no connection
    (no is_incremental()).
-#}
{% macro billing_periods_condition(column) -%}
    {%- set billing_periods = var('focus_billing_periods', []) -%}
    {%- if billing_periods is string -%}
        {%- set billing_periods = [billing_periods] if billing_periods else [] -%}
    {%- endif -%}
    {%- if billing_periods | length == 0 -%}
        true
    {%- else -%}
        {%- for billing_period in billing_periods -%}
            {%- if not modules.re.match('^[0-9]{4}-[0-9]{2}-01$', billing_period | string) -%}
                {{ exceptions.raise_compiler_error(
                    "focus_billing_periods: '" ~ billing_period
                    ~ "' is not the start of a billing period (YYYY-MM-01)"
                ) }}
            {%- endif -%}
        {%- endfor -%}
        {#- gcp: month of the period start, as Google's periods start at 07:00/08:00 UTC (D-203) -#}
        {{ dbt.date_trunc('month', column) }} in (
            {%- for billing_period in billing_periods %}
            cast('{{ billing_period }}' as {{ dbt.type_timestamp() }}){{ ',' if not loop.last }}
            {%- endfor %}
        )
    {%- endif -%}
{%- endmacro %}


{#- True when var('focus_billing_periods') lists at least one billing period (a run that replaces
    only those periods), false when it is unset or empty (a run over every period). -#}
{% macro billing_periods_listed() -%}
    {%- set billing_periods = var('focus_billing_periods', []) -%}
    {{- return((billing_periods | length) > 0) -}}
{%- endmacro %}
