{#-
    Google Cloud's FOCUS export (BigQuery FOCUS table or view saved as Parquet): renamed to the native FOCUS export staging contract and cast; nothing else
    (macros/focus_export/stage_focus_export.sql). One row per row of the provider's file.
-#}
{{ config(enabled=var('focus_export_enabled') and var('focus_export_gcp_enabled')) }}

{{ stage_focus_export(
    source_table='gcp',
    provider='gcp',
    source_version='1.0',
    version_number='1.0',
    extras={'service_code': 'x_ServiceId'},
    json_format='nested',
) }}
