{#-
    Oracle Cloud rows in the provider interface's shape: the rows of every enabled OCI report shape
    (FOCUS report, cost report) that passed their checks, a line delivered twice once (DECISIONLOG
    D-370). Each raw row kept is one FOCUS row: OCI's reports need no merge and the project creates
    no row (corrections stay rows of their own).
    One row per FOCUS charge row.
-#}
{{ config(enabled=var('oci_enabled', false)) }}
{%- set shapes = [] -%}
{%- if var('oci_focus_report_enabled', true) -%}
    {%- do shapes.append('int_oci__focus_report_mapped') -%}
{%- endif -%}
{%- if var('oci_cost_report_enabled', false) -%}
    {%- do shapes.append('int_oci__cost_report_mapped') -%}
{%- endif -%}
{%- if shapes | length == 0 -%}
    {{ exceptions.raise_compiler_error(
        "oci_enabled is true but no OCI report shape is: set oci_focus_report_enabled or"
        ~ " oci_cost_report_enabled to true."
    ) }}
{%- endif -%}
{%- set columns = declared_columns(this.name) if execute else [] %}

with

{% for shape in shapes %}
    {{ shape }} as (

        select
        {% for column in columns -%}
                {{ column }}
                {{- ',' if not loop.last }}
        {% endfor %}
        from {{ ref(shape) }}
        where quarantine_reason is null and not is_duplicate

    ),

{% endfor %}
unioned as (

    {% for shape in shapes %}
        select * from {{ shape }}
        {% if not loop.last %}union all{% endif %}
    {% endfor %}

)

select * from unioned
