{#-
    The body of a native FOCUS export staging model: reads the source, renames every FOCUS column
    to its snake_case twin and casts it (safe casts; values that do not cast are named in
    `cast_failures`), and adds lineage. Only renames and casts: conversions between FOCUS
    versions and repairs are made in the intermediate layer.
      source_table     the table of source 'focus_export'
      provider         project key of the real provider (aws, azure, gcp)
      source_version   the FOCUS version of the file, as the provider names it ('1.2-preview')
      version_number   that version as a number, for comparisons (1.2-preview -> 1.2)
      extras           dict: staging extra column -> the source column it reads
      json_format      how the file holds its JSON-valued columns (Tags, AWS's x_CostCategories):
                       'json' (JSON text), 'map' (a map) or 'nested' (Google's key/value structs)
    Source columns are named through source_column (quoted): FOCUS names are mixed case.
-#}
{% macro stage_focus_export(source_table, provider, source_version, version_number, extras, json_format) %}
    {%- set focus_columns = focus_export_focus_columns() -%}
    {%- set optional = {'filename': dbt.type_string()} -%}
    {%- for name, column, kind in focus_columns if kind != 'tags' -%}
        {%- do optional.update({column: dbt.type_string()}) -%}
    {%- endfor -%}
    {%- set known = [] -%}
    {%- for name, column, kind in focus_columns -%}
        {%- do known.append(column) -%}
    {%- endfor -%}
    {%- for name, column in extras.items() -%}
        {%- do known.append(column) -%}
    {%- endfor %}

with

source as (

    select * from {{ source('focus_export', source_table) }}
    {{ align_optional_columns(optional) }}

),

renamed as (

    select
        -- lineage
        '{{ provider }}' as provider,
        '{{ provider }}_focus_{{ source_version | replace('.', '_') | replace('-', '_') }}'
            as source_system,
        '{{ source_version }}' as source_version,
        {{ to_focus_decimal("'" ~ version_number ~ "'") }} as source_version_number,
        cast(source.filename as {{ dbt.type_string() }}) as source_file,

        -- FOCUS columns, as delivered
        {% for name, column, kind in focus_columns -%}
            {%- if kind == 'timestamp' -%}
                {{ safe_to_utc_timestamp(complete_iso_seconds(focus_export_source_text(column))) }}
            {%- elif kind == 'decimal' -%}
                {{ safe_text_to_focus_decimal(focus_export_source_text(column)) }}
            {%- elif kind == 'tags' -%}
                nullif(nullif({{ focus_export_source_json(column, json_format) }}, ''), '[]')
            {%- else -%}
                nullif({{ focus_export_source_text(column) }}, '')
            {%- endif %} as {{ name }},
        {% endfor %}
        -- provider x_ columns the project reads
        {% for name, kind in focus_export_extra_columns() -%}
            {%- if name in extras and kind == 'decimal' -%}
                {{ safe_text_to_focus_decimal(focus_export_source_text(extras[name])) }}
            {%- elif name in extras and kind == 'json' -%}
                nullif({{ focus_export_source_json(extras[name], json_format) }}, '')
            {%- elif name in extras -%}
                nullif({{ focus_export_source_text(extras[name]) }}, '')
            {%- elif kind == 'decimal' -%}
                cast(null as {{ type_focus_decimal() }})
            {%- else -%}
                cast(null as {{ dbt.type_string() }})
            {%- endif %} as {{ name }},
        {% endfor %}
        {{ unknown_columns_to_json('source', known) }} as source_extras,
        {{ record_cast_failures([
            ('billed_cost', focus_export_source_text('BilledCost'), 'text_decimal'),
            ('effective_cost', focus_export_source_text('EffectiveCost'), 'text_decimal'),
            ('billing_period_start_at', complete_iso_seconds(focus_export_source_text('BillingPeriodStart')), 'timestamp'),
            ('charge_period_start_at', complete_iso_seconds(focus_export_source_text('ChargePeriodStart')), 'timestamp'),
            ('charge_period_end_at', complete_iso_seconds(focus_export_source_text('ChargePeriodEnd')), 'timestamp'),
        ]) }} as cast_failures

    from source

)

select * from renamed
{%- endmacro %}


{#- A column of the staging model's `source` CTE, as text. -#}
{% macro focus_export_source_text(column) -%}
    cast(source.{{ source_column(column) }} as {{ dbt.type_string() }})
{%- endmacro %}


{#- A JSON-valued column of the `source` CTE as JSON text, from the form the file holds it in. -#}
{% macro focus_export_source_json(column, json_format) -%}
    {%- if json_format == 'map' -%}
        cast({{ map_to_json_object('source.' ~ source_column(column)) }} as {{ dbt.type_string() }})
    {%- elif json_format == 'nested' -%}
        cast({{ nested_to_json_text('source.' ~ source_column(column)) }} as {{ dbt.type_string() }})
    {%- elif json_format == 'json' -%}
        {{ focus_export_source_text(column) }}
    {%- else -%}
        {{ exceptions.raise_compiler_error(
            "stage_focus_export: json_format must be 'json', 'map' or 'nested', not '" ~ json_format ~ "'"
        ) }}
    {%- endif -%}
{%- endmacro %}
