{#-
    Builds the FOCUS Tags object from the text of an Azure `Tags` column. Azure writes the tags
    of a row as JSON key/value pairs, in older EA files without the surrounding braces
    (`"env": "prod","team": "web"`); Microsoft's conversion guide says to wrap them in braces when
    needed. Keys and values are kept as delivered (Azure tags are all user-defined, so no prefix
    is added), keys sorted, empty values dropped; a value that is not a string (a number, a nested
    object) is kept as its JSON text. A text that is not a JSON object gives null (see
    azure_tags_are_invalid).
-#}
{% macro azure_tags_to_json(tags_text) %}
    {{ return(adapter.dispatch('azure_tags_to_json', 'finops_focus')(tags_text)) }}
{% endmacro %}

{% macro azure_braced_tags(tags_text) -%}
    case
        when starts_with(trim({{ tags_text }}), '{') then trim({{ tags_text }})
        else '{' || trim({{ tags_text }}) || '}'
    end
{%- endmacro %}

{# DuckDB: a JSON object casts to MAP(VARCHAR, VARCHAR); list lambdas filter and sort it. #}
{% macro default__azure_tags_to_json(tags_text) -%}
    nullif(
        cast(to_json(map_from_entries(list_sort(list_filter(
            map_entries(try_cast(try_cast({{ azure_braced_tags(tags_text) }} as json)
                as map(varchar, varchar))),
            tag -> coalesce(tag.value, '') <> ''
        )))) as varchar),
        '{}'
    )
{%- endmacro %}

{#
    BigQuery: SAFE.PARSE_JSON gives null for a text that is not JSON; JSON_KEYS lists the pairs,
    JSON_VALUE reads each as text (a nested value reads as null and is dropped), STRING_AGG of
    TO_JSON_STRING writes the object.
#}
{% macro bigquery__azure_tags_to_json(tags_text) -%}
    (
        select
            if(
                count(*) = 0,
                null,
                '{' || string_agg(
                    to_json_string(tag_key) || ':' || to_json_string(
                        json_value(safe.parse_json({{ azure_braced_tags(tags_text) }})[tag_key])
                    ),
                    ',' order by tag_key
                ) || '}'
            )
        from unnest(json_keys(safe.parse_json({{ azure_braced_tags(tags_text) }}), 1)) as tag_key
        where
            coalesce(
                json_value(safe.parse_json({{ azure_braced_tags(tags_text) }})[tag_key]), ''
            ) <> ''
    )
{%- endmacro %}
