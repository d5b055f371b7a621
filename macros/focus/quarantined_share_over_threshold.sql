{#-
    The body of a provider's quarantine-share test: the share of its raw rows quarantined
    (duplicates excluded), by count and by absolute cost, returned when either passes
    var('focus_quarantine_max_share'). `raw_relation_sql` is a query with one column, `raw_cost`,
    one row per raw row. Generic: any provider's test can call it.
-#}
{% macro quarantined_share_over_threshold(provider, raw_relation_sql) %}

with

raw_line_items as (

    select
        count(*) as raw_rows,
        sum(abs(raw_cost)) as raw_cost
    from ({{ raw_relation_sql }}) as raw_rows

),

quarantined as (

    select
        count(*) as quarantined_rows,
        coalesce(sum(abs(unblended_cost)), 0) as quarantined_cost
    from {{ ref('focus_quarantined_line_items') }}
    where provider = '{{ provider }}' and not is_duplicate

),

shares as (

    select
        quarantined.quarantined_rows * 1.0 / nullif(raw_line_items.raw_rows, 0) as row_share,
        quarantined.quarantined_cost / nullif(raw_line_items.raw_cost, 0) as cost_share,
        {{ var('focus_quarantine_max_share') }} as max_share

    from raw_line_items

    cross join quarantined

)

select * from shares
where row_share > max_share or cost_share > max_share

{% endmacro %}
