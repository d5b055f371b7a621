{#-
    Gathers the columns whose names start with `prefix` into one map: the legacy Cost and Usage
    Report writes one column per activated tag or cost category (`resourceTags/user:CostCenter` in
    CSV, `resource_tags_user_cost_center` in the Athena Parquet), and the staging contract wants a
    map. Keys are the column names minus the prefix (matched in any letter case, as a header may
    arrive lower-cased), values as delivered; null and empty values are dropped, since legacy CUR
    leaves a tag blank on the lines it does not apply to.
    The set of such columns changes from month to month, so it is found when the query runs. At
    least one must exist: align the source with an (empty) column named exactly `prefix` through
    `align_optional_columns`; its key would be '' but its value is always null, so it is dropped.
    `relation_alias` names the relation the columns are read from.
-#}
{% macro prefixed_columns_to_map(relation_alias, prefix) %}
    {{ return(
        adapter.dispatch('prefixed_columns_to_map', 'finops_focus')(relation_alias, prefix)
    ) }}
{% endmacro %}

{# DuckDB: COLUMNS() finds the matching columns at bind time; to_json turns them into a map. #}
{% macro default__prefixed_columns_to_map(relation_alias, prefix) -%}
    map_from_entries(list_filter(
        list_transform(
            map_entries(cast(to_json(struct_pack(
                *columns(column_name -> starts_with(lower(column_name), lower('{{ prefix }}')))
            )) as map(varchar, varchar))),
            entry -> struct_pack(
                key := substr(entry.key, {{ prefix | length + 1 }}),
                value := entry.value
            )
        ),
        entry -> coalesce(entry.value, '') <> ''
    ))
{%- endmacro %}

{#-
    BigQuery has no COLUMNS(): TO_JSON serializes the whole row and its keys are filtered instead.
    Assumption: BigQuery column names cannot contain `/` (nor, without flexible column names, `:`),
    so a legacy CSV loaded there has every other character replaced by `_`
    (`resourceTags_user_CostCenter`); the prefix is sanitized the same way. Athena names are
    unchanged. Returns the contract's ARRAY<STRUCT<key STRING, value STRING>>, sorted by key.
-#}
{% macro bigquery__prefixed_columns_to_map(relation_alias, prefix) -%}
    {%- set column_prefix = modules.re.sub('[^A-Za-z0-9_]', '_', prefix) -%}
    array(
        select as struct
            substr(row_key, {{ column_prefix | length + 1 }}) as key,
            json_value(to_json({{ relation_alias }})[row_key]) as value
        from unnest(json_keys(to_json({{ relation_alias }}), 1)) as row_key
        where
            starts_with(row_key, '{{ column_prefix }}')
            and coalesce(json_value(to_json({{ relation_alias }})[row_key]), '') <> ''
        order by row_key
    )
{%- endmacro %}
