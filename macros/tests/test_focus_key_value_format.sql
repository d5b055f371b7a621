{#-
    FOCUS Key-Value Format (Tags, SkuPriceDetails): a JSON object with unique keys whose values are
    strings, numbers, booleans or null. Fails with one row per offending value and the reason.
-#}
{% test focus_key_value_format(model, column_name) %}

with

checked as (

    select
        {{ column_name }} as value,
        {{ json_object_violation(column_name) }} as problem

    from {{ model }}
    where {{ column_name }} is not null

)

select * from checked
where problem is not null

{% endtest %}
