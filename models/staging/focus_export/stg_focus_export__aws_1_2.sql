{#-
    AWS Data Exports, FOCUS 1.2 with AWS columns (Parquet): renamed to the native FOCUS export staging contract and cast; nothing else
    (macros/focus_export/stage_focus_export.sql). One row per row of the provider's file.
-#}
{{ config(enabled=var('focus_export_enabled') and var('focus_export_aws_1_2_enabled')) }}

{{ stage_focus_export(
    source_table='aws_1_2',
    provider='aws',
    source_version='1.2',
    version_number='1.2',
    extras={'service_code': 'x_ServiceCode', 'operation': 'x_Operation'},
    json_format='map',
) }}
