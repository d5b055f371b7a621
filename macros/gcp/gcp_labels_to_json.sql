{#-
    The FOCUS Tags object of a Google Cloud export row: the resource's labels, then the project's
    labels for keys the resource does not set (inherited, the resource wins), then Google's system
    labels (keys such as `compute.googleapis.com/machine_spec`, already namespaced). Keys sorted,
    empty values dropped, null when nothing is left. Each argument is an array of key/value structs.
-#}
{% macro gcp_labels_to_json(labels, project_labels, system_labels) %}
    {{ return(adapter.dispatch('gcp_labels_to_json', 'finops_focus')(
        labels, project_labels, system_labels
    )) }}
{% endmacro %}

{# DuckDB: concatenate the lists (project labels filtered), make a map and serialize it. #}
{% macro default__gcp_labels_to_json(labels, project_labels, system_labels) -%}
    {{ map_to_json_object(
        'map_from_entries(list_concat(list_concat(' ~ labels ~ ', list_filter(' ~ project_labels
        ~ ', inherited -> not coalesce(list_contains(list_transform(' ~ labels
        ~ ', own -> own.key), inherited.key), false))), ' ~ system_labels ~ '))'
    ) }}
{%- endmacro %}

{# BigQuery: the arrays are ARRAY<STRUCT<key, value>>; one subquery stacks and serializes them. #}
{% macro bigquery__gcp_labels_to_json(labels, project_labels, system_labels) -%}
    (
        select
            if(
                count(*) = 0,
                null,
                '{' || string_agg(
                    to_json_string(entry.key) || ':' || to_json_string(entry.value),
                    ',' order by entry.key
                ) || '}'
            )
        from (
            select own.key, own.value from unnest({{ labels }}) as own
            union all
            select inherited.key, inherited.value from unnest({{ project_labels }}) as inherited
            where inherited.key not in (select own_key.key from unnest({{ labels }}) as own_key)
            union all
            select system_label.key, system_label.value
            from unnest({{ system_labels }}) as system_label
        ) as entry
        where coalesce(entry.value, '') <> ''
    )
{%- endmacro %}
