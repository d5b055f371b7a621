{#-
    FOCUS nullability pairs (for example SubAccountName with SubAccountId): the column is null
    exactly when the other column is null. With `only_when_other_is_null: true` only the weaker
    half is checked (null whenever the other is null). Fails with one row per offending row.
-#}
{% test focus_null_iff(model, column_name, other_column, only_when_other_is_null=false) %}

select
    {{ column_name }},
    {{ other_column }}

from {{ model }}

where ({{ other_column }} is null and {{ column_name }} is not null)
{%- if not only_when_other_is_null %}
    or ({{ other_column }} is not null and {{ column_name }} is null)
{%- endif %}

{% endtest %}
