{#-
    AWS bills a Savings Plan covered usage line at its on-demand cost and cancels that cost with a
    SavingsPlanNegation line. FOCUS wants one row whose BilledCost is what was billed, so each
    negation is merged into the covered usage line it offsets: same billing period, account, time
    interval, resource, usage type, operation and Savings Plan, paired in order of size when a key
    repeats. A negation with no partner (its covered usage line was quarantined or never delivered)
    stays as its own row flagged `is_unmatched_negation`: it goes to quarantine, not to FOCUS, so
    no cost is dropped and no negative usage row appears. One row per line item after merging.
    The pairing steps read the line items directly, not through the shared CTE, so that DuckDB
    streams their few columns instead of materializing every column of every row (D-601).
-#}
with

line_items as (

    select * from {{ ref('int_aws__line_items_mapped') }}
    where not is_quarantined

),

merge_targets as (

    select distinct merges_into_line_item_type as line_item_type
    from {{ ref('map_aws__line_item_types') }}
    where merges_into_line_item_type is not null

),

negations as (

    select
        line_item_id,
        time_interval,
        merges_into_line_item_type as target_line_item_type,
        billing_period_start_at,
        sub_account_id,
        resource_id,
        usage_type,
        operation,
        commitment_discount_id,
        billed_cost,
        row_number() over (
            partition by
                merges_into_line_item_type, billing_period_start_at, sub_account_id, time_interval,
                resource_id, usage_type, operation, commitment_discount_id
            order by abs(billed_cost) desc, line_item_id
        ) as pair_rank

    from {{ ref('int_aws__line_items_mapped') }}
    where merges_into_line_item_type is not null and not is_quarantined

),

covered as (

    select
        line_item_id,
        time_interval,
        line_item_type,
        billing_period_start_at,
        sub_account_id,
        resource_id,
        usage_type,
        operation,
        commitment_discount_id,
        row_number() over (
            partition by
                line_item_type, billing_period_start_at, sub_account_id, time_interval,
                resource_id, usage_type, operation, commitment_discount_id
            order by abs(billed_cost) desc, line_item_id
        ) as pair_rank

    from {{ ref('int_aws__line_items_mapped') }}
    where
        line_item_type in (select merge_targets.line_item_type from merge_targets)
        and not is_quarantined

),

pairs as (

    select
        covered.line_item_id as covered_line_item_id,
        covered.time_interval as covered_time_interval,
        negations.line_item_id as negation_line_item_id,
        negations.time_interval as negation_time_interval,
        negations.billed_cost as negated_cost

    from covered

    inner join negations
        on covered.line_item_type = negations.target_line_item_type
            and covered.billing_period_start_at = negations.billing_period_start_at
            and covered.time_interval = negations.time_interval
            and covered.pair_rank = negations.pair_rank
            and covered.sub_account_id is not distinct from negations.sub_account_id
            and covered.resource_id is not distinct from negations.resource_id
            and covered.usage_type is not distinct from negations.usage_type
            and covered.operation is not distinct from negations.operation
            and covered.commitment_discount_id is not distinct from negations.commitment_discount_id

),

merged as (

    select
        line_items.* replace (
            line_items.billed_cost + coalesce(offsets.negated_cost, 0) as billed_cost,
            line_items.merged_line_item_count
            + case when offsets.negation_line_item_id is null then 0 else 1 end
                as merged_line_item_count
        ),
        line_items.merges_into_line_item_type is not null as is_unmatched_negation

    from line_items

    left join pairs as offsets
        on line_items.line_item_id = offsets.covered_line_item_id
            and line_items.time_interval = offsets.covered_time_interval

    left join pairs as absorbed
        on line_items.line_item_id = absorbed.negation_line_item_id
            and line_items.time_interval = absorbed.negation_time_interval

    where absorbed.negation_line_item_id is null

)

select * from merged
