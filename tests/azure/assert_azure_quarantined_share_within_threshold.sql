{{ config(enabled=var('azure_enabled', false)) }}
{#-
    Fails when Azure's quarantined rows pass var focus_quarantine_max_share of the rows that would
    reach FOCUS, by count or by absolute cost: bad input on that scale needs a person, not a quiet
    report. Returns the shares when over the threshold.
-#}
with

candidate_rows as (

    select
        count(*) as raw_rows,
        sum(abs(cost_in_billing_currency)) as raw_cost
    from {{ ref('int_azure__cost_details_checked') }}
    where not is_replaced_by_amortized

),

quarantined as (

    select
        count(*) as quarantined_rows,
        coalesce(sum(abs(unblended_cost)), 0) as quarantined_cost
    from {{ ref('focus_quarantined_line_items') }}
    where provider = 'azure'

),

shares as (

    select
        quarantined.quarantined_rows * 1.0 / nullif(candidate_rows.raw_rows, 0) as row_share,
        quarantined.quarantined_cost / nullif(candidate_rows.raw_cost, 0) as cost_share,
        {{ var('focus_quarantine_max_share') }} as max_share

    from candidate_rows

    cross join quarantined

)

select * from shares
where row_share > max_share or cost_share > max_share
