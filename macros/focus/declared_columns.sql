{#-
    The column names a model declares in its YAML, in YAML order, read from dbt's graph (no
    warehouse access, so it works under `dbt compile --no-introspect`). Empty while dbt parses.
    The generic test `columns_declared` checks that a model emits exactly these columns.
-#}
{% macro declared_columns(model_name) %}
    {%- if not execute -%}
        {{ return([]) }}
    {%- endif -%}
    {%- set nodes = graph.nodes.values()
        | selectattr('resource_type', 'equalto', 'model')
        | selectattr('package_name', 'equalto', project_name)
        | selectattr('name', 'equalto', model_name)
        | list -%}
    {%- if nodes | length != 1 -%}
        {{ exceptions.raise_compiler_error("declared_columns: no model named " ~ model_name) }}
    {%- endif -%}
    {{ return(nodes[0].columns.keys() | list) }}
{% endmacro %}

{#-
    A typed null for one of the logical types the union models declare in their YAML
    (`data_type: string | decimal | timestamp | bigint | boolean`). dbt hands `string` over in the
    adapter's spelling (`TEXT` on DuckDB), so names are compared lower-case and `text` is accepted.
-#}
{% macro null_of_logical_type(data_type) %}
    {%- set logical_type = data_type | lower -%}
    {%- set types = {
        'string': dbt.type_string(),
        'text': dbt.type_string(),
        'decimal': type_focus_decimal(),
        'timestamp': dbt.type_timestamp(),
        'bigint': dbt.type_bigint(),
        'boolean': dbt.type_boolean(),
    } -%}
    {%- if logical_type not in types -%}
        {{ exceptions.raise_compiler_error(
            "null_of_logical_type: data_type '" ~ data_type ~ "' is not one of "
            ~ types.keys() | list | join(', ')
        ) }}
    {%- endif -%}
    cast(null as {{ types[logical_type] }})
{%- endmacro %}

{#-
    A select list over `columns` (column dicts with `name` and a logical `data_type`, as in a
    model's YAML): the column itself where `provided` (a list of names) has it, else a typed null
    under its name. Used by the FOCUS union to give every provider the same columns.
-#}
{% macro columns_or_typed_nulls(columns, provided) %}
    {%- for column in columns -%}
        {%- if column.name in provided -%}
            {{ column.name }}
        {%- else -%}
            {{ null_of_logical_type(column.data_type) }} as {{ column.name }}
        {%- endif -%}
        {{- ',\n            ' if not loop.last }}
    {%- endfor -%}
{% endmacro %}
