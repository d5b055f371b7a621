{#-
    Which Azure cost details files to read when export manifests are read (var
    azure_manifest_path): per export and month, the latest complete run, that is the newest run
    (by submission time) whose manifest's blobs are all present; runs are never mixed. One row per
    data file present or listed, with its status (selected, superseded, unlisted, missing: see
    int_aws__delivery_files). A file is matched to a blob by the last four parts of its path
    (`<export>/<YYYYMMDD-YYYYMMDD>/<run id>/<file>`), so a copy of the container under another root
    matches too. DuckDB only.
-#}
{{ config(
    enabled=var('azure_enabled')
    and var('azure_manifest_path', env_var('FOCUS_AZURE_MANIFEST_PATH', '')) != ''
) }}

{%- set shapes = [] -%}
{%- for agreement in ['ea', 'mca'] -%}
    {%- for dataset in ['actual', 'amortized'] -%}
        {%- if var('azure_' ~ agreement ~ '_' ~ dataset ~ '_enabled') -%}
            {%- do shapes.append('stg_azure__' ~ agreement ~ '_' ~ dataset ~ '_cost_details') -%}
        {%- endif -%}
    {%- endfor -%}
{%- endfor %}

with

listed as (

    select
        manifest_file,
        submitted_at as manifest_modified_at,
        run_id as delivery_id,
        listed_file,
        export_name || '/' || strftime(period_start_date, '%Y-%m') as delivery_key,
        regexp_extract(listed_file, '([^/]+/[^/]+/[^/]+/[^/]+)$', 1) as listed_key

    from {{ ref('stg_azure__delivery_manifests') }}

),

present as (

    {% for model_name in shapes %}
        select distinct source_file as present_file from {{ ref(model_name) }}
        {% if not loop.last %}union{% endif %}
    {% endfor %}

),

{{ delivery_file_statuses() }}
