{#-
    AWS delivery manifests, one row per data file a manifest lists: which billing period the
    delivery is for, when the manifest was written and the full path of each listed file. Reads
    both manifest formats: CUR 2.0 `dataFiles` (full s3:// paths) and legacy CUR `reportKeys`
    (keys inside `bucket`). A local copy of an export keeps its paths working: a listed file is
    matched by its path below the export root, so the manifest's s3:// prefix need not be the one
    the project reads from (int_aws__delivery_files).
-#}
{{ config(
    enabled=var('aws_enabled')
    and var('aws_manifest_path', env_var('FOCUS_AWS_MANIFEST_PATH', '')) != ''
) }}

with

manifests as (

    select
        filename as manifest_file,
        last_modified as manifest_modified_at,
        cast(content as json) as manifest

    from {{ source('aws', 'delivery_manifests') }}

),

listed as (

    select
        manifest_file,
        manifest_modified_at,
        json_extract_string(manifest, '$.billingPeriod.start') as billing_period_start_text,
        json_extract_string(manifest, '$.bucket') as bucket,
        coalesce(
            json_extract_string(manifest, '$.executionId'),
            json_extract_string(manifest, '$.assemblyId')
        ) as delivery_id,
        unnest(coalesce(
            json_extract_string(manifest, '$.dataFiles[*]'),
            json_extract_string(manifest, '$.reportKeys[*]')
        )) as listed_file

    from manifests

),

final as (

    select
        manifest_file,
        cast(manifest_modified_at as {{ dbt.type_timestamp() }}) as manifest_modified_at,
        delivery_id,
        -- CUR 2.0 writes 2025-01-01T00:00:00.000Z, legacy CUR 20250101T000000.000Z.
        cast(strptime(
            left(replace(replace(billing_period_start_text, '-', ''), ':', ''), 8), '%Y%m%d'
        ) as date) as billing_period_start_date,
        case
            when listed_file like '%://%' then listed_file
            else 's3://' || bucket || '/' || listed_file
        end as listed_file

    from listed

)

select * from final
