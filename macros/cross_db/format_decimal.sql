{#-
    A decimal as text without trailing zeros (`12.34`, `5`, `-0.5`), the same on every engine, for
    texts that must not depend on it (row hashes): DuckDB writes a DECIMAL(38, 10) with all ten
    places, BigQuery a BIGNUMERIC without trailing zeros. Only a text with a decimal point is
    trimmed, so `10` stays `10`.
-#}
{% macro format_decimal(expression) -%}
    {%- set text = 'cast(' ~ expression ~ ' as ' ~ dbt.type_string() ~ ')' -%}
    case
        when {{ dbt.position("'.'", text) }} > 0 then rtrim(rtrim({{ text }}, '0'), '.')
        else {{ text }}
    end
{%- endmacro %}
