{#-
    FOCUS null handling: no text column uses an empty or blank string to mean "no value" (null is
    the only way to say it). Checks every text column the model's YAML declares. Fails with one row
    per column and the number of blank values. With `dataset` (a FOCUS dataset), only the declared
    columns the build's FOCUS version has (and x_ columns): a model whose columns follow
    var focus_version declares one version's columns in its YAML (DECISIONLOG D-902).
-#}
{% test focus_no_empty_strings(model, dataset=none) %}

{%- set version_columns = focus_version_columns(dataset) if dataset else none %}

{%- set text_columns = [] %}
{%- if execute %}
    {%- for node in graph.nodes.values()
        if node.resource_type == 'model' and (node.alias or node.name) == model.identifier %}
        {%- for column in node.columns.values()
            if (column.data_type or '') | lower in ['varchar', 'string', 'text', 'json']
            and (version_columns is none or column.name in version_columns
                or column.name.startswith('x_')) %}
            {%- do text_columns.append(column.name) %}
        {%- endfor %}
    {%- endfor %}
{%- endif %}

{%- if text_columns | length == 0 %}
select 'no text columns declared in the model YAML' as column_name, 1 as blank_values
{%- else %}
{% for column in text_columns %}
select
    '{{ column }}' as column_name,
    count(*) as blank_values
from {{ model }}
where trim({{ column }}) = ''
having count(*) > 0
{% if not loop.last %}union all{% endif %}
{% endfor %}
{%- endif %}

{% endtest %}
