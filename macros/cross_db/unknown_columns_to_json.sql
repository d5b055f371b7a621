{#-
    With var focus_carry_unknown_columns on, gathers every source column the staging model does not
    read into one JSON object text ({"column": "value"}, values as text, empty values dropped), so
    a column a provider adds (or one the project does not map) travels to the FOCUS mart as
    x_SourceExtras instead of being ignored. Off (the default), it is a typed null and costs
    nothing. `known_columns` are the source columns the model reads (compared in any letter case);
    `known_prefixes` cover the one-column-per-tag families.
-#}
{% macro unknown_columns_to_json(relation_alias, known_columns, known_prefixes=[]) %}
    {%- if var('focus_carry_unknown_columns', false) -%}
        {{ return(adapter.dispatch('unknown_columns_to_json', 'finops_focus')(
            relation_alias, known_columns, known_prefixes
        )) }}
    {%- else -%}
        {{ return('cast(null as ' ~ dbt.type_string() ~ ')') }}
    {%- endif -%}
{% endmacro %}

{#
    DuckDB: COLUMNS() picks the unknown columns at bind time; `filename` (always aligned into the
    source) is picked too so the selection is never empty, and dropped with the empty values.
#}
{% macro default__unknown_columns_to_json(relation_alias, known_columns, known_prefixes) -%}
    nullif(cast(to_json(map_from_entries(list_sort(list_filter(
        map_entries(cast(to_json(struct_pack(*columns(column_name ->
            lower(column_name) = 'filename'
            or not (
                list_contains(
                    [{% for column in known_columns %}'{{ column | lower }}'{{ ', ' if not loop.last }}{% endfor %}],
                    lower(column_name)
                )
                {%- for prefix in known_prefixes %}
                or starts_with(lower(column_name), '{{ prefix | lower }}')
                {%- endfor %}
            )
        ))) as map(varchar, varchar))),
        entry -> lower(entry.key) <> 'filename' and coalesce(entry.value, '') <> ''
    )))) as varchar), '{}')
{%- endmacro %}

{# BigQuery has no COLUMNS(): TO_JSON serializes the row and its keys are filtered instead. #}
{% macro bigquery__unknown_columns_to_json(relation_alias, known_columns, known_prefixes) -%}
    (
        select
            nullif(
                '{' || string_agg(
                    to_json_string(row_key) || ':' || to_json_string(
                        coalesce(
                            json_value(to_json({{ relation_alias }})[row_key]),
                            to_json_string(to_json({{ relation_alias }})[row_key])
                        )
                    ),
                    ',' order by row_key
                ) || '}',
                '{}'
            )
        from unnest(json_keys(to_json({{ relation_alias }}), 1)) as row_key
        where
            lower(row_key) <> 'filename'
            and lower(row_key) not in (
                {% for column in known_columns %}'{{ column | lower }}'{{ ', ' if not loop.last }}{% endfor %}
            )
            {%- for prefix in known_prefixes %}
            and not starts_with(lower(row_key), '{{ prefix | lower }}')
            {%- endfor %}
            and coalesce(json_value(to_json({{ relation_alias }})[row_key]), '') <> ''
    )
{%- endmacro %}
