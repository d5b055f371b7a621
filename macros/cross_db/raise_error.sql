{#-
    Stops a query with a message built from row values, so a model can refuse data it cannot map
    (both DuckDB and BigQuery spell the function `error`; dispatch keeps room for other engines).
-#}
{% macro raise_error(message_expression) %}
    {{ return(adapter.dispatch('raise_error', 'finops_focus')(message_expression)) }}
{% endmacro %}

{% macro default__raise_error(message_expression) -%}
    error({{ message_expression }})
{%- endmacro %}
