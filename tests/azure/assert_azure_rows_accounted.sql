{{ config(enabled=var('azure_enabled', false)) }}
{#-
    Every raw Azure row is accounted for exactly once, per source file: it reaches the FOCUS mart,
    is replaced by its amortized twin (actual rows other than commitment purchases and refunds,
    D-101), or is quarantined. Also the grain check of the staging models, which have no key:
    every staged row reaches int_azure__cost_details_checked once. With export manifests only the
    files of the chosen runs count (int_azure__delivery_files). Returns the files that differ.
-#}
{%- set staging_models = [] -%}
{%- for agreement in ['ea', 'mca'] -%}
    {%- for dataset in ['actual', 'amortized'] -%}
        {%- if var('azure_' ~ agreement ~ '_' ~ dataset ~ '_enabled') -%}
            {%- set model_name = 'stg_azure__' ~ agreement ~ '_' ~ dataset ~ '_cost_details' -%}
            {%- do staging_models.append(model_name) -%}
        {%- endif -%}
    {%- endfor -%}
{%- endfor %}
{%- set read_manifests = var('azure_manifest_path', env_var('FOCUS_AZURE_MANIFEST_PATH', '')) != '' %}

with

staged_all as (

    {% for model_name in staging_models %}
        select source_file from {{ ref(model_name) }}
        {% if not loop.last %}union all{% endif %}
    {% endfor %}

),

staged as (

    select source_file from staged_all
    {% if read_manifests -%}
        where source_file in (
            select data_file from {{ ref('int_azure__delivery_files') }}
            where delivery_status = 'selected'
        )
    {%- endif %}

),

staged_files as (

    select
        source_file,
        count(*) as staged_rows
    from staged
    group by source_file

),

checked_files as (

    select
        source_file,
        count(*) as checked_rows,
        sum(case when is_replaced_by_amortized then 1 else 0 end) as replaced_rows
    from {{ ref('int_azure__cost_details_checked') }}
    group by source_file

),

focus_files as (

    select
        x_SourceFile as source_file,
        count(*) as focus_rows
    from {{ ref('focus_cost_and_usage') }}
    where x_Provider = 'azure'
    group by x_SourceFile

),

quarantined_files as (

    select
        source_file,
        count(*) as quarantined_rows
    from {{ ref('focus_quarantined_line_items') }}
    where provider = 'azure'
    group by source_file

),

compared as (

    select
        staged_files.source_file,
        staged_files.staged_rows,
        coalesce(checked_files.checked_rows, 0) as checked_rows,
        coalesce(focus_files.focus_rows, 0) + coalesce(checked_files.replaced_rows, 0)
        + coalesce(quarantined_files.quarantined_rows, 0) as accounted_rows

    from staged_files

    left join checked_files
        on staged_files.source_file is not distinct from checked_files.source_file

    left join focus_files
        on staged_files.source_file is not distinct from focus_files.source_file

    left join quarantined_files
        on staged_files.source_file is not distinct from quarantined_files.source_file

)

select * from compared
where staged_rows <> checked_rows or staged_rows <> accounted_rows
