{{ config(severity='warn') }}
{#-
    AWS services that seeds/mappings/map_aws__services.csv does not know. Their rows get the spec's
    ServiceCategory 'Other' (subcategory 'Other (Other)'); add a seed row to categorize them.
-#}
select
    service_code,
    service_name,
    count(*) as line_items

from {{ ref('int_aws__line_items_mapped') }}

where is_unmapped_service and not is_quarantined

group by service_code, service_name
