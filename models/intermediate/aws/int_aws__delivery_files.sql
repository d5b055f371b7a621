{#-
    Which AWS billing files to read when delivery manifests are read (var aws_manifest_path): per
    billing period, the latest complete delivery, that is the newest manifest (by the time it was
    written) whose listed files are all present; never files of two deliveries. One row per data
    file present or listed, with its status:
      selected    listed by the chosen manifest of its billing period: read
      superseded  listed only by older (or incomplete) manifests: not read
      unlisted    present but listed by no manifest (a delivery still being written, or a stray
                  file): not read
      missing     listed by a manifest but not present (that manifest is incomplete)
    A file is matched to a manifest entry by its path below the bucket, so a copy of the export
    under another root (a local folder, another bucket) is matched too. DuckDB only.
-#}
{{ config(
    enabled=var('aws_enabled')
    and var('aws_manifest_path', env_var('FOCUS_AWS_MANIFEST_PATH', '')) != ''
) }}

{%- set shapes = [] -%}
{%- if var('aws_cur2_enabled') -%}
    {%- do shapes.append('stg_aws__cur2_line_items') -%}
{%- endif -%}
{%- if var('aws_cur_legacy_csv_enabled') -%}
    {%- do shapes.append('stg_aws__cur_legacy_csv_line_items') -%}
{%- endif -%}
{%- if var('aws_cur_legacy_parquet_enabled') -%}
    {%- do shapes.append('stg_aws__cur_legacy_parquet_line_items') -%}
{%- endif %}

with

listed as (

    select
        manifest_file,
        manifest_modified_at,
        delivery_id,
        listed_file,
        strftime(billing_period_start_date, '%Y-%m-%d') as delivery_key,
        -- The object key below the bucket: a copy under another root still matches.
        regexp_replace(listed_file, '^[a-z0-9]+://[^/]+/', '') as listed_key

    from {{ ref('stg_aws__delivery_manifests') }}

),

present as (

    {% for model_name in shapes %}
        select distinct source_file as present_file from {{ ref(model_name) }}
        {% if not loop.last %}union{% endif %}
    {% endfor %}

),

{{ delivery_file_statuses() }}
