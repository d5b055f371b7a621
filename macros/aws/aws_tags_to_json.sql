{#-
    Builds the FOCUS Tags object from AWS's tag maps. AWS marks user-defined cost allocation tags
    with `user:` (`user_` once normalized, as in CUR 2.0 and the Athena shape) and AWS-generated
    ones with `aws:` (`aws_`). FOCUS keeps a single user-defined scheme unprefixed and asks for a
    provider prefix on provider-defined keys, so `user:` is dropped and `aws:` is kept. Cost
    categories are a second user-defined scheme and are prefixed `costCategory/`, the prefix AWS
    itself uses in CUR 2.0's `tags` column. Values are never changed; empty values are dropped.
-#}
{% macro aws_tags_to_json(resource_tags, cost_categories) %}
    {{ return(adapter.dispatch('aws_tags_to_json', 'finops_focus')(resource_tags, cost_categories)) }}
{% endmacro %}

{% macro aws_focus_tag_key(key) -%}
    case
        when {{ key }} like 'user:%' or {{ key }} like 'user\_%' escape '\' then substr({{ key }}, 6)
        when {{ key }} like 'aws:%' or {{ key }} like 'aws\_%' escape '\' then 'aws:' || substr({{ key }}, 5)
        else {{ key }}
    end
{%- endmacro %}

{# DuckDB: the tags are MAP(VARCHAR, VARCHAR); list lambdas rename keys without unnesting rows. #}
{% macro default__aws_tags_to_json(resource_tags, cost_categories) -%}
    nullif(
        cast(to_json(map_from_entries(list_sort(list_concat(
            list_transform(
                list_filter(map_entries({{ resource_tags }}), tag -> coalesce(tag.value, '') <> ''),
                tag -> struct_pack(key := {{ aws_focus_tag_key('tag.key') }}, value := tag.value)
            ),
            list_transform(
                list_filter(map_entries({{ cost_categories }}), tag -> coalesce(tag.value, '') <> ''),
                tag -> struct_pack(key := 'costCategory/' || tag.key, value := tag.value)
            )
        )))) as varchar),
        '{}'
    )
{%- endmacro %}

{# BigQuery: the maps are arrays of key/value structs; JSON_OBJECT takes parallel arrays. #}
{% macro bigquery__aws_tags_to_json(resource_tags, cost_categories) -%}
    (
        select
            if(
                count(*) = 0,
                null,
                to_json_string(json_object(
                    array_agg(tag_key order by tag_key), array_agg(tag_value order by tag_key)
                ))
            )
        from (
            select {{ aws_focus_tag_key('tag.key') }} as tag_key, tag.value as tag_value
            from unnest({{ resource_tags }}) as tag
            where coalesce(tag.value, '') <> ''
            union all
            select 'costCategory/' || tag.key as tag_key, tag.value as tag_value
            from unnest({{ cost_categories }}) as tag
            where coalesce(tag.value, '') <> ''
        )
    )
{%- endmacro %}
