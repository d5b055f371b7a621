{#-
    Governance (version): the project declares its FOCUS version once (var focus_version); it must
    be a version of the column catalog, and the model must carry the same value in its meta
    (config.meta.focus_version), which the exports copy into their metadata. Fails with a row
    saying which of the two does not hold.
-#}
{% test focus_version_declared(model) %}

{%- set declared = var('focus_version') | string %}
{%- set found = namespace(meta_version=none) %}
{%- if execute %}
    {%- for node in graph.nodes.values()
        if node.resource_type == 'model' and (node.alias or node.name) == model.identifier %}
        {%- set found.meta_version = (node.config.meta or {}).get('focus_version') %}
    {%- endfor %}
{%- endif %}
{%- set meta_version = found.meta_version %}

with

declared as (

    select
        '{{ declared }}' as focus_version,
        '{{ meta_version if meta_version is not none else "" }}' as meta_focus_version

),

catalog_versions as (

    select distinct version
    from {{ ref('focus_columns') }}

)

select
    declared.focus_version,
    declared.meta_focus_version,
    case
        when catalog_versions.version is null then 'var focus_version is not a version of seeds/focus/focus_columns.csv'
        else 'the model meta focus_version differs from var focus_version'
    end as problem

from declared

left join catalog_versions
    on declared.focus_version = catalog_versions.version

where catalog_versions.version is null
    or declared.meta_focus_version <> declared.focus_version

{% endtest %}
