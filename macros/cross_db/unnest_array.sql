{#-
    Joins each row to the elements of one of its arrays (one output row per element; a row whose
    array is empty or null drops out). The element is then read as `<element_alias>.<field>`.
-#}
{% macro cross_join_unnest(array_expression, element_alias) %}
    {{ return(adapter.dispatch('cross_join_unnest', 'finops_focus')(
        array_expression, element_alias
    )) }}
{% endmacro %}

{# DuckDB: UNNEST in FROM names a table; the element column is named in the alias list. #}
{% macro default__cross_join_unnest(array_expression, element_alias) -%}
    cross join unnest({{ array_expression }}) as {{ element_alias }}_elements ({{ element_alias }})
{%- endmacro %}

{# BigQuery: the UNNEST alias is the element itself. #}
{% macro bigquery__cross_join_unnest(array_expression, element_alias) -%}
    cross join unnest({{ array_expression }}) as {{ element_alias }}
{%- endmacro %}


{#- The sum of one numeric field over an array of structs (null when the array is empty). -#}
{% macro sum_array_field(array_expression, field) %}
    {{ return(adapter.dispatch('sum_array_field', 'finops_focus')(array_expression, field)) }}
{% endmacro %}

{# DuckDB: list functions, no subquery. #}
{% macro default__sum_array_field(array_expression, field) -%}
    list_sum(list_transform({{ array_expression }}, element -> element.{{ field }}))
{%- endmacro %}

{# BigQuery: a scalar subquery over the unnested array. #}
{% macro bigquery__sum_array_field(array_expression, field) -%}
    (select sum(element.{{ field }}) from unnest({{ array_expression }}) as element)
{%- endmacro %}
