{#-
    With export manifests, every export month a manifest names must have one complete run (all its
    blobs present); otherwise that month would silently vanish from FOCUS. Returns the months
    without one.
-#}
{{ config(
    enabled=var('azure_enabled')
    and var('azure_manifest_path', env_var('FOCUS_AZURE_MANIFEST_PATH', '')) != ''
) }}

select
    delivery_key,
    count(*) filter (where delivery_status = 'missing') as missing_file_count

from {{ ref('int_azure__delivery_files') }}

where delivery_key is not null

group by delivery_key

having count(*) filter (where delivery_status = 'selected') = 0
