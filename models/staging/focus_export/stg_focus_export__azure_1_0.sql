{#-
    Microsoft Cost Management FocusCost 1.0 export (CSV, gzip or not): renamed to the native FOCUS export staging contract and cast; nothing else
    (macros/focus_export/stage_focus_export.sql). One row per row of the provider's file.
-#}
{{ config(enabled=var('focus_export_enabled') and var('focus_export_azure_1_0_enabled')) }}

{{ stage_focus_export(
    source_table='azure_1_0',
    provider='azure',
    source_version='1.0',
    version_number='1.0',
    extras={'x_invoice_id': 'x_InvoiceId', 'x_pricing_currency': 'x_PricingCurrency', 'x_billing_exchange_rate': 'x_BillingExchangeRate', 'x_sku_meter_id': 'x_SkuMeterId', 'x_sku_meter_name': 'x_SkuMeterName', 'x_sku_meter_subcategory': 'x_SkuMeterSubcategory', 'x_sku_description': 'x_SkuDescription'},
    json_format='json',
) }}
