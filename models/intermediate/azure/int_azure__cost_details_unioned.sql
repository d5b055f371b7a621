{#-
    One relation of Azure cost details rows whatever agreement and dataset they came from. The
    four staging models share one contract, so they stack column for column; `source_system`
    names the shape, `agreement` (EA, MCA) and `dataset` (actual, amortized) what it holds. FOCUS
    needs both datasets of an agreement (DECISIONLOG D-101), so an agreement with only one of them
    enabled stops the build with what to do. With export manifests (var azure_manifest_path) only
    the files of each export month's latest complete run are read. One row per raw row.
-#}
{%- set shapes = [] -%}
{%- for agreement in ['ea', 'mca'] -%}
    {%- set actual_on = var('azure_' ~ agreement ~ '_actual_enabled') -%}
    {%- set amortized_on = var('azure_' ~ agreement ~ '_amortized_enabled') -%}
    {%- if actual_on != amortized_on -%}
        {{ exceptions.raise_compiler_error(
            "Azure " ~ agreement | upper ~ ": FOCUS needs both the actual and the amortized cost"
            ~ " details (BilledCost comes from the actual, EffectiveCost from the amortized cost):"
            ~ " set azure_" ~ agreement ~ "_actual_enabled and azure_" ~ agreement
            ~ "_amortized_enabled to the same value and export both datasets."
        ) }}
    {%- endif -%}
    {%- if actual_on -%}
        {%- for dataset in ['actual', 'amortized'] -%}
            {%- do shapes.append((agreement, dataset)) -%}
        {%- endfor -%}
    {%- endif -%}
{%- endfor -%}
{%- if shapes | length == 0 -%}
    {{ exceptions.raise_compiler_error(
        "Azure is enabled (var azure_enabled) but no Azure export is: set azure_ea_*_enabled or"
        ~ " azure_mca_*_enabled to true, or azure_enabled to false."
    ) }}
{%- endif %}
{%- set read_manifests = var('azure_manifest_path', env_var('FOCUS_AZURE_MANIFEST_PATH', '')) != '' %}

with

{% if read_manifests -%}
    selected_files as (

        select data_file from {{ ref('int_azure__delivery_files') }}
        where delivery_status = 'selected'

    ),

{% endif -%}
{% for agreement, dataset in shapes %}
    azure_{{ agreement }}_{{ dataset }} as (

        select
            *,
            'azure_{{ agreement }}_{{ dataset }}' as source_system,
            '{{ agreement | upper }}' as agreement,
            '{{ dataset }}' as dataset

        from {{ ref('stg_azure__' ~ agreement ~ '_' ~ dataset ~ '_cost_details') }}

        {% if read_manifests -%}
            -- Only the files of each export month's latest complete run.
            where source_file in (select selected_files.data_file from selected_files)
        {%- endif %}

    ),

{% endfor %}
unioned as (

    {% for agreement, dataset in shapes %}
        select * from azure_{{ agreement }}_{{ dataset }}
        {% if not loop.last %}union all{% endif %}
    {% endfor %}

)

select * from unioned
