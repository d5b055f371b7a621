{#-
    Governance (ServiceSubcategory): each subcategory belongs to the row's ServiceCategory, as the
    declared FOCUS version lists them. Fails with one row per offending pair.
-#}
{% test focus_service_subcategory_parent(model, column_name, category_column='ServiceCategory', focus_version=none) %}

{%- set version = focus_version or var('focus_version') %}

with

allowed as (

    select value, parent
    from {{ ref('focus_enumerations') }}
    where version = '{{ version }}'
        and column_id = 'ServiceSubcategory'

),

observed as (

    select
        {{ column_name }} as subcategory,
        {{ category_column }} as category,
        count(*) as row_count
    from {{ model }}
    where {{ column_name }} is not null
    group by {{ column_name }}, {{ category_column }}

)

select observed.*

from observed

left join allowed
    on observed.subcategory = allowed.value
    and observed.category = allowed.parent

where allowed.value is null

{% endtest %}
