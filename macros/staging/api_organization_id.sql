{#-
    The organization an API page (OpenAI, Anthropic) belongs to: the var `organization_var` when it
    is set, else the folder above the endpoint's folder in the page's path, `<org>/<endpoint>/…`
    (either slash). Null when neither gives one.
-#}
{% macro api_organization_id(source_file, organization_var, endpoint) -%}
    coalesce(
        nullif('{{ var(organization_var, "") }}', ''),
        {{ regexp_extract_group(source_file, '([^/\\\\]+)[/\\\\]' ~ endpoint ~ '[/\\\\]') }}
    )
{%- endmacro %}
