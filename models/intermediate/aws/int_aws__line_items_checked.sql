{#-
    Every AWS line item with a verdict, so that none is lost silently. A row is quarantined, with
    the reason, when a value did not cast, a key column is empty or the currency is not an ISO 4217
    code; a line item delivered twice (the same line item ID and time interval in two files) is
    kept once, from the latest file, and its copies are marked as duplicates. A mandatory column that a
    whole file lacks stops the build with the file's name. One row per raw line item.
    Performance (DECISIONLOG D-601): the repeated keys and the file checks are narrow aggregates,
    joined back to the one wide read of the line items, so no window sorts every wide row; and the
    line items are read where each step needs them, not through one shared CTE, because a CTE read
    more than once is materialized whole by DuckDB, whereas each direct read streams only its own
    columns.
-#}
{%- set mandatory_columns = [
    'line_item_id', 'time_interval', 'line_item_type', 'payer_account_id',
    'billing_period_start_at', 'billing_period_end_at', 'usage_start_at', 'usage_end_at',
    'unblended_cost', 'currency_code',
] %}

with

currencies as (

    select currency_code from {{ ref('iso_4217_currencies') }}
    where is_billing_currency

),

file_columns as (

    -- per file, how many rows give each mandatory column a value (or tried to: a cast failure)
    select
        source_file,
        {% for column in mandatory_columns %}
            count({{ column }}) + sum(
                case when cast_failures like '%{{ column }};%' then 1 else 0 end
            ) as {{ column }}_values,
        {% endfor %}
        count(*) as file_rows
    from {{ ref('int_aws__line_items_unioned') }}
    group by source_file

),

file_gaps as (

    select
        source_file,
        ''
        {% for column in mandatory_columns %}
            || case when {{ column }}_values = 0 then '{{ column }} ' else '' end
        {% endfor %}
            as missing_columns
    from file_columns

),

complete_files as (

    select source_file
    from file_gaps
    -- a filter, not a column, so that no optimizer can prune the check away
    where
        case
            when missing_columns <> ''
                then {{ raise_error(
                    "'AWS file ' || coalesce(source_file, '(table)') || ' has no value in the"
                    ~ " mandatory column(s) ' || trim(missing_columns) || ': the export lacks them;"
                    ~ " check the export settings, re-export the month, or point the AWS path"
                    ~ " variables at complete exports'"
                ) }}
            else true
        end

),

repeated_keys as (

    -- the keys delivered more than once, and the delivery that is kept: the latest file
    select
        line_item_id,
        time_interval,
        max(source_file) as kept_source_file
    from {{ ref('int_aws__line_items_unioned') }}
    where line_item_id is not null
    group by line_item_id, time_interval
    having count(*) > 1

),

checked as (

    select
        line_items.*,
        case
            when line_items.cast_failures is not null
                then 'unparseable value in ' || line_items.cast_failures
            {% for column in mandatory_columns -%}
                when line_items.{{ column }} is null then 'missing key column {{ column }}'
            {% endfor -%}
            when currencies.currency_code is null
                then 'unknown currency code ' || line_items.currency_code
        end as quarantine_reason,
        -- a copy: its key repeats and it is not from the latest file (a line item is in a file
        -- once: the grain test of int_aws__line_items_unioned)
        coalesce(
            repeated_keys.line_item_id is not null
            and line_items.source_file is distinct from repeated_keys.kept_source_file,
            false
        ) as is_duplicate

    from {{ ref('int_aws__line_items_unioned') }} as line_items

    left join repeated_keys
        on line_items.line_item_id = repeated_keys.line_item_id
            and line_items.time_interval is not distinct from repeated_keys.time_interval

    inner join complete_files
        on line_items.source_file is not distinct from complete_files.source_file

    left join currencies
        on line_items.currency_code = currencies.currency_code

)

select * from checked
