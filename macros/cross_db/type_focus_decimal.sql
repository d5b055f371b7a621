{#-
    The one numeric type for FOCUS money, prices and quantities. A bare NUMERIC is not enough:
    DuckDB reads it as DECIMAL(18,3), which rounds provider costs to a tenth of a cent.
-#}
{% macro type_focus_decimal() %}
    {{ return(adapter.dispatch('type_focus_decimal', 'finops_focus')()) }}
{% endmacro %}

{# DuckDB and ANSI engines: 38 digits with 10 after the point, the scale CUR writes costs in. #}
{% macro default__type_focus_decimal() %}decimal(38, 10){% endmacro %}

{# BigQuery: NUMERIC stops at 9 decimal places, so BIGNUMERIC (38 decimal places) is needed. #}
{% macro bigquery__type_focus_decimal() %}bignumeric{% endmacro %}


{% macro to_focus_decimal(expression) %}
    cast({{ expression }} as {{ type_focus_decimal() }})
{%- endmacro %}


{#- For provider columns typed as text (CUR writes rates as strings): blank means no value. -#}
{% macro text_to_focus_decimal(expression) %}
    {{ to_focus_decimal('nullif(trim(' ~ expression ~ "), '')") }}
{%- endmacro %}


{#- A text column cast without failing: a value that is not a number gives null. -#}
{% macro safe_text_to_focus_decimal(expression) %}
    {{ try_cast_to('nullif(trim(' ~ expression ~ "), '')", type_focus_decimal()) }}
{%- endmacro %}
