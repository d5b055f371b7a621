{#-
    The x_Repairs entry for a Tags text that is not a JSON object even with braces added: the
    project sets Tags to null rather than guess, and says so (one-element JSON array).
-#}
{% macro azure_tags_repair(tags_text) %}
    {{ return(adapter.dispatch('azure_tags_repair', 'finops_focus')(tags_text)) }}
{% endmacro %}

{# DuckDB: to_json quotes and escapes the delivered text. #}
{% macro default__azure_tags_repair(tags_text) -%}
    '[{"column":"Tags","from":' || cast(to_json({{ tags_text }}) as varchar)
    || ',"to":null,"reason":"not a JSON object of tags"}]'
{%- endmacro %}

{# BigQuery: TO_JSON_STRING quotes and escapes the delivered text. #}
{% macro bigquery__azure_tags_repair(tags_text) -%}
    '[{"column":"Tags","from":' || to_json_string({{ tags_text }})
    || ',"to":null,"reason":"not a JSON object of tags"}]'
{%- endmacro %}
