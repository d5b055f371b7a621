{#-
    The model emits exactly the columns its YAML declares (names compared case-insensitively).
    The FOCUS union reads a provider model's columns from its YAML, so a column emitted but not
    declared would be dropped there, and one declared but not emitted would break the build.
    Reads the built relation's columns when tests run (not under `dbt compile`, which may be
    offline: --no-introspect); returns one row per mismatch.
-#}
{% test columns_declared(model) %}

{%- set declared = [] -%}
{%- for name in declared_columns(model.identifier) -%}
    {%- do declared.append(name | lower) -%}
{%- endfor -%}
{%- set emitted = [] -%}
{%- if execute and flags.WHICH in ('test', 'build') -%}
    {%- for column in adapter.get_columns_in_relation(model) -%}
        {%- do emitted.append(column.name | lower) -%}
    {%- endfor -%}
{%- endif -%}
{%- set problems = [] -%}
{%- for name in emitted if name not in declared -%}
    {%- do problems.append((name, 'emitted by the model but not declared in its YAML')) -%}
{%- endfor -%}
{%- for name in declared if name not in emitted -%}
    {%- do problems.append((name, 'declared in the YAML but not emitted by the model')) -%}
{%- endfor -%}

{% if problems %}
    {% for name, problem in problems %}
        select '{{ name }}' as column_name, '{{ problem }}' as problem
        {% if not loop.last %}union all{% endif %}
    {% endfor %}
{% else %}
    select
        cast(null as {{ dbt.type_string() }}) as column_name,
        cast(null as {{ dbt.type_string() }}) as problem
    where 1 = 0
{% endif %}

{% endtest %}
