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

    select * from {{ ref('stg_aws__delivery_manifests') }}

),

present as (

    {% for model_name in shapes %}
        select distinct source_file as present_file from {{ ref(model_name) }}
        {% if not loop.last %}union{% endif %}
    {% endfor %}

),

listed_matched as (

    select
        listed.*,
        present.present_file

    from listed

    left join present
        on listed.listed_file = present.present_file
            or ends_with(
                present.present_file,
                '/' || regexp_replace(listed.listed_file, '^[a-z0-9]+://[^/]+/', '')
            )

),

manifests as (

    select
        manifest_file,
        manifest_modified_at,
        billing_period_start_date,
        count(*) as listed_file_count,
        count(present_file) as present_file_count

    from listed_matched

    group by manifest_file, manifest_modified_at, billing_period_start_date

),

chosen as (

    select
        manifest_file,
        billing_period_start_date

    from manifests

    where present_file_count = listed_file_count

    qualify row_number() over (
            partition by billing_period_start_date
            order by manifest_modified_at desc, manifest_file desc
        ) = 1

),

file_status as (

    select
        listed_matched.billing_period_start_date,
        listed_matched.manifest_file,
        listed_matched.delivery_id,
        coalesce(listed_matched.present_file, listed_matched.listed_file) as data_file,
        listed_matched.present_file is not null as is_present,
        case
            when listed_matched.present_file is null then 'missing'
            when chosen.manifest_file is not null then 'selected'
            else 'superseded'
        end as delivery_status

    from listed_matched

    left join chosen
        on listed_matched.manifest_file = chosen.manifest_file

),

per_file as (

    -- A file listed by several manifests keeps its best status (selected over superseded).
    select * from file_status

    qualify row_number() over (
            partition by data_file
            order by
                case delivery_status when 'selected' then 0 when 'superseded' then 1 else 2 end,
                manifest_file desc
        ) = 1

),

unlisted as (

    select
        cast(null as date) as billing_period_start_date,
        cast(null as {{ dbt.type_string() }}) as manifest_file,
        cast(null as {{ dbt.type_string() }}) as delivery_id,
        present.present_file as data_file,
        true as is_present,
        'unlisted' as delivery_status

    from present

    where present.present_file not in (
            select per_file.data_file from per_file
            where per_file.is_present
        )

),

final as (

    select * from per_file
    union all
    select * from unlisted

)

select * from final
