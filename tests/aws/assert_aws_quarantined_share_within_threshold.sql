{#-
    Fails when AWS's quarantined line items (duplicates excluded) pass var focus_quarantine_max_share
    of its raw line items, by count or by absolute cost: bad input on that scale needs a person, not
    a quiet report. Returns the shares when over the threshold. A run that rebuilds listed billing
    periods (var focus_billing_periods) measures those periods.
-#}
with

raw_line_items as (

    select
        count(*) as raw_rows,
        sum(abs(unblended_cost)) as raw_cost
    from {{ ref('int_aws__line_items_checked') }}

),

quarantined as (

    select
        count(*) as quarantined_rows,
        coalesce(sum(abs(unblended_cost)), 0) as quarantined_cost
    from {{ ref('focus_quarantined_line_items') }}
    where
        provider = 'aws' and source_system like 'aws_cur%' and not is_duplicate
        and {{ billing_periods_condition('billing_period_start_at') }}

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
