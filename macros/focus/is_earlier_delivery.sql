{#-
    True on every copy of a line but the one from the file whose path sorts last, when the same
    line (its key columns) was read from more than one delivered file: a report fetched twice, a
    bill pushed again, late data repeated by a later report (DECISIONLOG D-370, D-371). Rows whose
    first key column is null are never duplicates (they are quarantined for the missing key).
    The caller names the relation (CTE) the columns come from.
-#}
{% macro is_earlier_delivery(relation, key_columns, file_column='source_file') %}
    coalesce(
        {{ relation }}.{{ key_columns[0] }} is not null
        and row_number() over (
            partition by
                {%- for column in key_columns %} {{ relation }}.{{ column }}{{ "," if not loop.last }}{% endfor %}
            order by {{ relation }}.{{ file_column }} desc
        ) > 1,
        false
    )
{%- endmacro %}
