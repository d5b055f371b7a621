{#-
    A FOCUS consistency rule of the form "each value of this column maps to exactly one value of
    that column" (for example each ServiceName to one ServiceCategory, each SkuPriceId to one
    SkuId). Fails with one row per value mapped to more than one.
-#}
{% test focus_determines(model, column_name, determined_column) %}

select
    {{ column_name }},
    count(distinct {{ determined_column }}) as distinct_values

from {{ model }}

where {{ column_name }} is not null

group by {{ column_name }}

having count(distinct {{ determined_column }}) > 1

{% endtest %}
