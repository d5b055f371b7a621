{#-
    Native FOCUS export rows made conformant: each repair listed in
    macros/focus_export/focus_export_repairs.sql replaces a provider value where its condition
    holds, and `repairs` records every repair applied to the row as a JSON array of
    {"column", "from", "to", "reason"} (values as JSON text), null when the row needed none.
    Only rows that reach FOCUS (no quarantine reason). One row per FOCUS charge row.
-#}
{%- set repairs = focus_export_repairs() -%}
{%- set repaired_columns = [] -%}
{%- for repair in repairs if repair.column not in repaired_columns -%}
    {%- do repaired_columns.append(repair.column) -%}
{%- endfor -%}
{%- set records = [] -%}
{%- for repair in repairs -%}
    {%- set earlier = [] -%}
    {%- for other in repairs[:loop.index0] if other.column == repair.column -%}
        {%- do earlier.append('not coalesce(' ~ other.when ~ ', false)') -%}
    {%- endfor -%}
    {%- set condition = ([repair.when] + earlier) | join(' and ') -%}
    {%- do records.append(
        "case when coalesce(" ~ condition ~ ", false) then '{\"column\":\"" ~ repair.column
        ~ "\",\"from\":' || " ~ json_text(repair.column) ~ " || ',\"to\":' || "
        ~ json_text(repair.to) ~ " || ',\"reason\":\"" ~ repair.reason ~ "\"}' end"
    ) -%}
{%- endfor %}

with

rows_upgraded as (

    select * from {{ ref('int_focus_export__rows_upgraded') }}
    where quarantine_reason is null

),

repaired as (

    select
        {% for name, kind in focus_export_staging_columns() if name not in ['cast_failures'] -%}
            {%- if name in repaired_columns -%}
                case
                    {%- for repair in repairs if repair.column == name %}
                        when {{ repair.when }} then {{ repair.to }}
                    {%- endfor %}
                    else rows_upgraded.{{ name }}
                end as {{ name }},
            {%- else -%}
                rows_upgraded.{{ name }},
            {%- endif %}
        {% endfor -%}
        rows_upgraded.line_item_id,
        rows_upgraded.time_interval,
        nullif('[' || {{ concat_non_null(records) }} || ']', '[]') as repairs

    from rows_upgraded

)

select * from repaired
