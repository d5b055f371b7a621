{{ config(severity='warn', enabled=var('azure_enabled', false)) }}
{#-
    Lists the Azure services (MeterCategory, else ConsumedService or ProductName) that are not in
    seeds/mappings/map_azure__services.csv and so get ServiceCategory Other: add them to the seed.
    A warning, not an error: Other is a valid FOCUS value, and commitment purchases and Marketplace
    products have no meter category.
-#}
select distinct service_name
from {{ ref('int_azure__cost_and_usage') }}
where is_unmapped_service and line_item_type = 'Usage'
