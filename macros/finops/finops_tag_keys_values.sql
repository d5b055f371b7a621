{#-
    A `select ... union all select ...` of the tag keys in a list variable, one row per key in lower
    case, trimmed (column `tag_key`): the keys the allocation and tag compliance marts evaluate.
-#}
{% macro finops_tag_keys_values(var_name) %}
    {%- set keys = var(var_name) -%}
    {%- if keys is string -%}{%- set keys = [keys] -%}{%- endif -%}
    {%- if keys | length == 0 -%}
        {{ exceptions.raise_compiler_error("var " ~ var_name ~ " lists no tag keys") }}
    {%- endif -%}
    {%- for key in keys | map('lower') | map('trim') | unique %}
    select '{{ key | replace("'", "''") }}' as tag_key{% if not loop.last %} union all{% endif %}
    {%- endfor %}
{% endmacro %}
