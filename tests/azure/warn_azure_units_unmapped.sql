{{ config(severity='warn', enabled=var('azure_enabled', false)) }}
{#-
    Lists the Azure units of measure that are not in seeds/mappings/map_azure__pricing_units.csv:
    their price block is taken as 1 and the unit passes through as delivered, which is wrong for a
    block (`1000 Hours`) and may not be in FOCUS Unit Format. Add them to the seed.
-#}
select distinct checked.unit_of_measure
from {{ ref('int_azure__cost_details_checked') }} as checked
left join {{ ref('map_azure__pricing_units') }} as units
    on checked.unit_of_measure = units.unit_of_measure
where checked.unit_of_measure is not null and units.unit_of_measure is null
