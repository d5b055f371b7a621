{#-
    AWS Data Exports, FOCUS 1.0 with AWS columns (Parquet): renamed to the native FOCUS export staging contract and cast; nothing else
    (macros/focus_export/stage_focus_export.sql). One row per row of the provider's file.
-#}
{{ config(enabled=var('focus_export_enabled') and var('focus_export_aws_1_0_enabled')) }}

{{ stage_focus_export(
    source_table='aws_1_0',
    provider='aws',
    source_version='1.0',
    version_number='1.0',
    extras={'service_code': 'x_ServiceCode', 'usage_type': 'x_UsageType', 'operation': 'x_Operation', 'x_cost_categories': 'x_CostCategories'},
    json_format='map',
) }}
