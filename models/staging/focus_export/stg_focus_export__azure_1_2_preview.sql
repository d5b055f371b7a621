{#-
    Microsoft Cost Management FocusCost 1.2-preview export (CSV, gzip or not): renamed to the native FOCUS export staging contract and cast; nothing else
    (macros/focus_export/stage_focus_export.sql). One row per row of the provider's file.
-#}
{{ config(enabled=var('focus_export_enabled') and var('focus_export_azure_1_2_preview_enabled')) }}

{{ stage_focus_export(
    source_table='azure_1_2_preview',
    provider='azure',
    source_version='1.2-preview',
    version_number='1.2',
    extras={'x_billing_exchange_rate': 'x_BillingExchangeRate', 'x_sku_meter_id': 'x_SkuMeterId', 'x_sku_meter_name': 'x_SkuMeterName', 'x_sku_meter_subcategory': 'x_SkuMeterSubcategory', 'x_sku_description': 'x_SkuDescription'},
    json_format='json',
) }}
