{#-
    The body of a native FOCUS export staging model: reads the source, renames every FOCUS column
    to its snake_case twin and casts it (safe casts; values that do not cast are named in
    `cast_failures`), and adds lineage. Only renames and casts: conversions between FOCUS
    versions and repairs are made in the intermediate layer.
      source_table     the table of source 'focus_export'
      provider         project key of the real provider (aws, azure, gcp)
      source_version   the FOCUS version of the file, as the provider names it ('1.2-preview')
      version_number   that version as a number, for comparisons (1.2-preview -> 1.2)
      extras           dict: staging extra column -> source column (or SQL expression)
      tags             SQL expression giving the Tags text as delivered (JSON text, or the JSON
                       text of a map or key/value array)
-#}
{% macro stage_focus_export(source_table, provider, source_version, version_number, extras, tags) %}
    {%- set focus_columns = focus_export_focus_columns() -%}
    {%- set optional = {'filename': dbt.type_string()} -%}
    {%- for name, source_column, kind in focus_columns if kind != 'tags' -%}
        {%- do optional.update({source_column: dbt.type_string()}) -%}
    {%- endfor -%}
    {%- set known = ['Tags'] -%}
    {%- for name, source_column, kind in focus_columns -%}
        {%- do known.append(source_column) -%}
    {%- endfor -%}
    {%- for name, source_column in extras.items() -%}
        {%- do known.append(source_column) -%}
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
        {% for name, source_column, kind in focus_columns -%}
            {%- if kind == 'timestamp' -%}
                {{ safe_to_utc_timestamp(complete_iso_seconds('cast(source.' ~ source_column ~ ' as ' ~ dbt.type_string() ~ ')')) }}
            {%- elif kind == 'decimal' -%}
                {{ safe_text_to_focus_decimal('cast(source.' ~ source_column ~ ' as ' ~ dbt.type_string() ~ ')') }}
            {%- elif kind == 'tags' -%}
                nullif(nullif(cast({{ tags }} as {{ dbt.type_string() }}), ''), '[]')
            {%- else -%}
                nullif(cast(source.{{ source_column }} as {{ dbt.type_string() }}), '')
            {%- endif %} as {{ name }},
        {% endfor %}
        -- provider x_ columns the project reads
        {% for name, kind in focus_export_extra_columns() -%}
            {%- if name in extras and kind == 'decimal' -%}
                {{ safe_text_to_focus_decimal('cast(' ~ extras[name] ~ ' as ' ~ dbt.type_string() ~ ')') }}
            {%- elif name in extras -%}
                nullif(cast({{ extras[name] }} as {{ dbt.type_string() }}), '')
            {%- elif kind == 'decimal' -%}
                cast(null as {{ type_focus_decimal() }})
            {%- else -%}
                cast(null as {{ dbt.type_string() }})
            {%- endif %} as {{ name }},
        {% endfor %}
        {{ unknown_columns_to_json('source', known) }} as source_extras,
        {{ record_cast_failures([
            ('billed_cost', 'cast(source.BilledCost as ' ~ dbt.type_string() ~ ')', 'text_decimal'),
            ('effective_cost', 'cast(source.EffectiveCost as ' ~ dbt.type_string() ~ ')', 'text_decimal'),
            ('billing_period_start_at', complete_iso_seconds('cast(source.BillingPeriodStart as ' ~ dbt.type_string() ~ ')'), 'timestamp'),
            ('charge_period_start_at', complete_iso_seconds('cast(source.ChargePeriodStart as ' ~ dbt.type_string() ~ ')'), 'timestamp'),
            ('charge_period_end_at', complete_iso_seconds('cast(source.ChargePeriodEnd as ' ~ dbt.type_string() ~ ')'), 'timestamp'),
        ]) }} as cast_failures

    from source

)

select * from renamed
{%- endmacro %}
