{#- The grain test: no two rows share the same values of the listed columns. -#}
{% test unique_combination(model, columns) %}
    {{ return(adapter.dispatch('test_unique_combination', 'finops_focus')(model, columns)) }}
{% endtest %}

{#- Warehouses (BigQuery): one aggregate over the columns. -#}
{% macro default__test_unique_combination(model, columns) %}

select
    {{ columns | join(', ') }},
    count(*) as row_count

from {{ model }}

group by {{ columns | join(', ') }}

having count(*) > 1

{% endmacro %}

{#-
    DuckDB: the same answer in two steps, so that the test stays within the memory limit on tens of
    millions of rows (issue 6, DECISIONLOG D-671). The first step groups an 8-byte fingerprint of
    the columns, not the columns themselves (line item IDs, time intervals and file paths are
    hundreds of bytes a row); only rows whose fingerprint repeats are then grouped by their
    columns (the one-step test over those rows), so a fingerprint collision can never make the
    test fail, and when no fingerprint repeats DuckDB skips the second read. hash() takes NULL as
    a value, as GROUP BY does.
-#}
{% macro duckdb__test_unique_combination(model, columns) %}
{%- set fingerprint = 'hash(' ~ columns | join(', ') ~ ')' %}

with

repeated_fingerprints as (

    select {{ fingerprint }} as fingerprint
    from {{ model }}
    group by 1
    having count(*) > 1

),

candidates as (

    select {{ columns | join(', ') }}
    from {{ model }}
    where {{ fingerprint }} in (select repeated_fingerprints.fingerprint from repeated_fingerprints)

)

{{ default__test_unique_combination('candidates', columns) }}

{% endmacro %}
