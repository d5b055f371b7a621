{#-
    A FOCUS row rule written as the SQL condition that a violating row meets. `rule_id` names the
    rule in README's coverage table (R-… ids from the spec reference); it is echoed in each failing
    row so a failure says which rule broke. Fails with one row per violating row.
-#}
{% test focus_rule(model, rule_id, violation) %}

select
    '{{ rule_id }}' as rule_id,
    *

from {{ model }}

where {{ violation }}

{% endtest %}
