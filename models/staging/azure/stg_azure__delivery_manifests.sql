{#-
    Azure Cost Management export manifests, one row per blob a run's manifest lists: the export,
    the month the run covers, when it was submitted and the blob's path inside the container.
    DuckDB only (read_text and JSON functions): the object-store path.
-#}
{{ config(
    enabled=var('azure_enabled')
    and var('azure_manifest_path', env_var('FOCUS_AZURE_MANIFEST_PATH', '')) != ''
) }}

with

manifests as (

    select
        filename as manifest_file,
        last_modified,
        cast(content as json) as manifest

    from {{ source('azure', 'delivery_manifests') }}

),

listed as (

    select
        manifest_file,
        last_modified,
        json_extract_string(manifest, '$.exportConfig.exportName') as export_name,
        json_extract_string(manifest, '$.runInfo.runId') as run_id,
        json_extract_string(manifest, '$.runInfo.submittedTime') as submitted_time_text,
        json_extract_string(manifest, '$.runInfo.startDate') as start_date_text,
        unnest(json_extract_string(manifest, '$.blobs[*].blobName')) as listed_file

    from manifests

),

final as (

    select
        manifest_file,
        run_id,
        export_name,
        listed_file,
        -- The run's submission time orders runs; the object's write time when it is absent.
        coalesce(
            try_cast(submitted_time_text as {{ dbt.type_timestamp() }}),
            cast(last_modified as {{ dbt.type_timestamp() }})
        ) as submitted_at,
        cast(left(start_date_text, 10) as date) as period_start_date

    from listed

)

select * from final
