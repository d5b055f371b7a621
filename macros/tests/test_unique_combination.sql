{#- The grain test: no two rows share the same values of the listed columns. -#}
{% test unique_combination(model, columns) %}

select
    {% for column in columns %}{{ column }}, {% endfor %}
    count(*) as row_count

from {{ model }}

group by {% for column in columns %}{{ column }}{% if not loop.last %}, {% endif %}{% endfor %}

having count(*) > 1

{% endtest %}
