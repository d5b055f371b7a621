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

{#- starts_with, not LIKE: BigQuery has no ESCAPE clause and `_` is a LIKE wildcard. -#}
{% macro aws_focus_tag_key(key) -%}
    case
        when starts_with({{ key }}, 'user:') or starts_with({{ key }}, 'user_')
            then substr({{ key }}, 6)
        when starts_with({{ key }}, 'aws:') or starts_with({{ key }}, 'aws_')
            then 'aws:' || substr({{ key }}, 5)
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

{#
    BigQuery: the maps are arrays of key/value structs. The object is written with STRING_AGG and
    TO_JSON_STRING (which quotes and escapes each key and value) rather than JSON_OBJECT(keys,
    values): same text, and a form sqlglot transpiles faithfully for the offline proof.
#}
{% macro bigquery__aws_tags_to_json(resource_tags, cost_categories) -%}
    (
        select
            if(
                count(*) = 0,
                null,
                '{' || string_agg(
                    to_json_string(focus_tags.tag_key) || ':' || to_json_string(focus_tags.tag_value),
                    ',' order by focus_tags.tag_key
                ) || '}'
            )
        from (
            select {{ aws_focus_tag_key('tag.key') }} as tag_key, tag.value as tag_value
            from unnest({{ resource_tags }}) as tag
            where coalesce(tag.value, '') <> ''
            union all
            select 'costCategory/' || tag.key as tag_key, tag.value as tag_value
            from unnest({{ cost_categories }}) as tag
            where coalesce(tag.value, '') <> ''
        ) as focus_tags
    )
{%- endmacro %}
