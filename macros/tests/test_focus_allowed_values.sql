{#-
    Governance (enumerations): the column holds only the values the declared FOCUS version allows
    for it (seeds/focus/focus_enumerations.csv), compared case-sensitively. Nulls are left to the
    nullability tests. Fails with one row per unexpected value.
-#}
{% test focus_allowed_values(model, column_name, focus_column=none, focus_version=none) %}

{%- set version = focus_version or var('focus_version') %}
{%- set enumeration = focus_column or column_name %}

with

allowed as (

    select value
    from {{ ref('focus_enumerations') }}
    where version = '{{ version }}'
        and column_id = '{{ enumeration }}'

),

observed as (

    select
        {{ column_name }} as value,
        count(*) as row_count
    from {{ model }}
    where {{ column_name }} is not null
    group by {{ column_name }}

)

select
    observed.value as unexpected_value,
    observed.row_count

from observed

left join allowed
    on observed.value = allowed.value

where allowed.value is null

{% endtest %}
