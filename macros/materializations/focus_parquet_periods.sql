{#-
    focus_parquet_periods (DuckDB only; DECISIONLOG D-672, D-680..D-685). The FOCUS mart written
    once, as the export's files: each billing period the run produces becomes ONE Parquet file,
    <dir>/billing_period=YYYY-MM/part-00000.parquet, in the export's columns, types, order,
    compression, row groups and key-value metadata (the SQL comes from
    finops_focus_storage.parquet_layout, as the export's does, through the plugin's
    focus_parquet_plan). The relation is a view over the files with the model's column types, so
    the contract and every test read it as before.

    Which periods a run replaces (D-019, D-602): the months of BillingPeriodStart the run produces
    (var focus_billing_periods, or every month of the query when unset). Each is written to a
    temporary file, checked (row count, not_null constraints from the file statistics) and renamed
    over the period's file; other periods' files are untouched. --full-refresh also deletes the
    files of periods the run did not produce. Files of kept periods with another SchemaId (the
    columns or the FOCUS version changed) stop the run: a full refresh rewrites them.

    Where the files live: focus_parquet_dir(), README "Reproducible and atomic".
-#}
{% materialization focus_parquet_periods, adapter='duckdb' %}

    {%- set existing_relation = load_cached_relation(this) -%}
    {%- set target_relation = this.incorporate(type='view') -%}
    {%- set folder = focus_parquet_dir(this.identifier) -%}
    {%- set full_refresh = should_full_refresh() -%}

    {{ run_hooks(pre_hooks, inside_transaction=False) }}
    {{ run_hooks(pre_hooks, inside_transaction=True) }}

    {%- if config.get('contract').enforced %}
        {%- do get_assert_columns_equivalent(sql) %}
    {%- endif %}

    {#- The model's columns and types, in order (DuckDB binds the query without running it). -#}
    {%- set described = run_query('describe ' ~ sql) -%}
    {%- set columns = [] -%}
    {%- for row in described.rows -%}
        {%- do columns.append([row[0], row[1]]) -%}
    {%- endfor -%}

    {#- What the export writes for these columns (scripts/focus_export.py, via the plugin). -#}
    {%- set meta = config.get('meta') or {} -%}
    {%- set tags_column = model.columns.get('Tags') -%}
    {%- set tags_meta = (tags_column.meta if tags_column else {}) or {} -%}
    {%- set prefixes = tags_meta.get('provider_tag_prefixes', meta.get('provider_tag_prefixes', [])) -%}
    {%- if prefixes is string %}{% set prefixes = [prefixes] %}{% endif -%}
    {%- set plan_json = run_query(
        "select focus_parquet_plan("
        ~ focus_parquet_literal(meta.get('focus_version', var('focus_version')) | string) ~ ", "
        ~ focus_parquet_literal(tojson(columns)) ~ ", "
        ~ focus_parquet_literal(tojson(prefixes | list)) ~ ")"
    ).rows[0][0] -%}
    {%- set plan = fromjson(plan_json) -%}

    {{ log("focus_parquet_periods: planned " ~ columns | length ~ " columns", info=True) }}
    {#- The periods this run replaces: 'YYYY-MM'. -#}
    {%- set listed = var('focus_billing_periods', []) -%}
    {%- if listed is string %}{% set listed = [listed] if listed else [] %}{% endif -%}
    {%- set periods = [] -%}
    {%- if listed | length > 0 -%}
        {%- for billing_period in listed -%}
            {%- do periods.append((billing_period | string)[:7]) -%}
        {%- endfor -%}
    {%- else -%}
        {%- set found = run_query(
            "select distinct strftime(date_trunc('month', BillingPeriodStart), '%Y-%m') as period"
            ~ " from (" ~ sql ~ ") where BillingPeriodStart is not null order by period"
        ) -%}
        {%- for row in found.rows -%}
            {%- do periods.append(row[0]) -%}
        {%- endfor -%}
    {%- endif -%}

    {{ log("focus_parquet_periods: periods " ~ periods | join(', '), info=True) }}
    {%- do focus_parquet_remove_leftovers(folder) -%}

    {#- Files already there, and a schema check on the ones this run keeps. -#}
    {%- set existing_files = focus_parquet_files(folder) -%}
    {%- set kept = [] -%}
    {%- for file in existing_files -%}
        {%- if focus_parquet_period_of(file) not in periods -%}{% do kept.append(file) %}{% endif -%}
    {%- endfor -%}
    {%- if kept and not full_refresh -%}
        {%- set schema_ids = run_query(
            "select distinct decode(value) from parquet_kv_metadata("
            ~ focus_parquet_list_literal(kept) ~ ") where decode(key) = 'SchemaId'"
        ) -%}
        {%- for row in schema_ids.rows if row[0] != plan['kv']['SchemaId'] -%}
            {{ exceptions.raise_compiler_error(
                "focus_parquet_periods: files in " ~ folder ~ " have SchemaId " ~ row[0]
                ~ ", this run writes " ~ plan['kv']['SchemaId']
                ~ " (the columns changed): rebuild with --full-refresh"
            ) }}
        {%- endfor -%}
    {%- endif -%}

    {#- not_null constraints, checked from the written file's statistics before it is published. -#}
    {%- set not_null_columns = [] -%}
    {%- for name, column in model.columns.items() -%}
        {%- for constraint in (column.constraints or []) if constraint.type == 'not_null' -%}
            {%- do not_null_columns.append(name) -%}
        {%- endfor -%}
    {%- endfor -%}

    {%- set kv_items = [] -%}
    {%- for key, value in plan['kv'].items() -%}
        {%- do kv_items.append(adapter.quote(key) ~ ': ' ~ focus_parquet_literal(value)) -%}
    {%- endfor -%}
    {%- set options = "(format parquet, compression zstd, row_group_size "
        ~ plan['row_group_size'] ~ ", kv_metadata {" ~ kv_items | join(', ') ~ "})" -%}

    {#- COPY keeps ORDER BY only with insertion order preserved (the profile switches it off). -#}
    {%- set previous_order = run_query(
        "select current_setting('preserve_insertion_order')").rows[0][0] -%}
    {%- do run_query("set preserve_insertion_order = true") -%}

    {%- set written = [] -%}
    {%- for period in periods -%}
        {%- set final_file = folder ~ '/billing_period=' ~ period ~ '/part-00000.parquet' -%}
        {%- set temp_file = folder ~ '/.tmp-' ~ invocation_id ~ '-' ~ period ~ '.parquet' -%}
        {%- call statement('copy_' ~ loop.index, fetch_result=True) -%}
            copy (
                select {{ plan['select'] }}
                from ({{ sql }}) as focus_rows
                where date_trunc('month', BillingPeriodStart) = cast('{{ period }}-01' as timestamp)
                order by {{ plan['order_by'] }}
            ) to {{ focus_parquet_literal(temp_file) }} {{ options }}
        {%- endcall -%}
        {%- set rows = load_result('copy_' ~ loop.index)['table'].rows[0][0] -%}
        {%- if rows == 0 -%}
            {%- do run_query("select focus_parquet_remove(" ~ focus_parquet_literal(temp_file) ~ ")") -%}
        {%- else -%}
            {%- if not_null_columns -%}
                {%- set nulls = run_query(
                    "select path_in_schema, sum(stats_null_count) from parquet_metadata("
                    ~ focus_parquet_literal(temp_file) ~ ") where path_in_schema in ("
                    ~ focus_parquet_list_literal(not_null_columns)[1:-1]
                    ~ ") group by all having sum(stats_null_count) > 0 order by 1"
                ) -%}
                {%- if nulls.rows | length > 0 -%}
                    {%- do run_query("select focus_parquet_remove(" ~ focus_parquet_literal(temp_file) ~ ")") -%}
                    {%- do run_query("set preserve_insertion_order = " ~ previous_order) -%}
                    {{ exceptions.raise_compiler_error(
                        "focus_parquet_periods: not_null constraint failed in billing period " ~ period
                        ~ ": " ~ nulls.rows | map(attribute=0) | join(', ')
                    ) }}
                {%- endif -%}
            {%- endif -%}
            {%- do run_query(
                "select focus_parquet_publish(" ~ focus_parquet_literal(temp_file) ~ ", "
                ~ focus_parquet_literal(final_file) ~ ")"
            ) -%}
            {%- do written.append(period ~ ': ' ~ rows ~ ' rows') -%}
            {{ log("focus_parquet_periods: billing_period=" ~ period ~ ": " ~ rows ~ " rows written", info=True) }}
        {%- endif -%}
    {%- endfor -%}
    {%- do run_query("set preserve_insertion_order = " ~ previous_order) -%}

    {%- if full_refresh -%}
        {%- for file in kept -%}
            {%- do run_query("select focus_parquet_remove(" ~ focus_parquet_literal(file) ~ ")") -%}
        {%- endfor -%}
    {%- endif -%}

    {#- The relation: a view over the files, with the model's types (or empty, typed). -#}
    {%- set view_columns = [] -%}
    {%- for name, type_ in columns -%}
        {%- set upper = type_ | upper -%}
        {%- if upper == 'DATE' or (upper.startswith('TIMESTAMP') and 'TIME ZONE' not in upper) -%}
            {%- set expression = "cast(timezone('UTC', " ~ adapter.quote(name) ~ ") as " ~ type_ ~ ")" -%}
        {%- else -%}
            {%- set expression = "cast(" ~ adapter.quote(name) ~ " as " ~ type_ ~ ")" -%}
        {%- endif -%}
        {%- do view_columns.append(expression ~ " as " ~ adapter.quote(name)) -%}
    {%- endfor -%}
    {%- set files_now = focus_parquet_files(folder) -%}

    {%- if existing_relation is not none and not existing_relation.is_view -%}
        {{ adapter.drop_relation(existing_relation) }}
    {%- endif -%}
    {%- call statement('main') -%}
        create or replace view {{ target_relation }} as
        select {{ view_columns | join(', ') }}
        {%- if files_now %}
        from read_parquet(
            {{ focus_parquet_literal(folder ~ '/billing_period=*/part-00000.parquet') }},
            hive_partitioning = false
        )
        {%- else %}
        from (select {% for name, type_ in columns %}cast(null as {{ type_ }}) as {{ adapter.quote(name) }}{{ ', ' if not loop.last }}{% endfor %}) as empty_mart
        where false
        {%- endif %}
    {%- endcall -%}
    {%- call statement('comment') -%}
        comment on view {{ target_relation }} is {{ focus_parquet_literal(tojson({
            'materialization': 'focus_parquet_periods', 'folder': folder,
            'SchemaId': plan['kv']['SchemaId']})) }}
    {%- endcall -%}
    {{ log("focus_parquet_periods: " ~ folder ~ ": " ~ (written | join('; ') or 'no period written'), info=True) }}

    {{ run_hooks(post_hooks, inside_transaction=True) }}
    {{ adapter.commit() }}
    {{ run_hooks(post_hooks, inside_transaction=False) }}

    {{ return({'relations': [target_relation]}) }}

{% endmaterialization %}


{#- Where the period files of a model live (absolute): var focus_parquet_dir when set, else next
    to the DuckDB file: <path without .duckdb>.focus_parquet/<model>. -#}
{% macro focus_parquet_dir(identifier) %}
    {%- set base = var('focus_parquet_dir', none) -%}
    {%- if not base -%}
        {%- set database_path = target.path | string -%}
        {%- if database_path == ':memory:' or '://' in database_path or database_path.startswith('md:') -%}
            {{ exceptions.raise_compiler_error(
                "focus_parquet_periods: the DuckDB path " ~ database_path
                ~ " is not a local file: set var focus_parquet_dir") }}
        {%- endif -%}
        {%- set base = (database_path[:-7] if database_path.endswith('.duckdb') else database_path)
            ~ '.focus_parquet' -%}
    {%- endif -%}
    {%- set folder = run_query(
        "select focus_parquet_mkdir(" ~ focus_parquet_literal(base ~ '/' ~ identifier) ~ ")").rows[0][0] -%}
    {{ return(folder) }}
{% endmacro %}


{#- Delete the temporary files a killed run left in a folder (one run of a model at a time, as
    with a table). focus_parquet_remove also deletes a folder it leaves empty: the folder is made
    again, as the run writes its own temporary file there next. -#}
{% macro focus_parquet_remove_leftovers(folder) %}
    {%- set leftovers = run_query(
        "select file from glob(" ~ focus_parquet_literal(folder ~ '/.tmp-*.parquet') ~ ")") -%}
    {%- for row in leftovers.rows -%}
        {%- do run_query("select focus_parquet_remove(" ~ focus_parquet_literal(row[0]) ~ ")") -%}
    {%- endfor -%}
    {%- if leftovers.rows | length > 0 -%}
        {%- do run_query("select focus_parquet_mkdir(" ~ focus_parquet_literal(folder) ~ ")") -%}
    {%- endif -%}
{% endmacro %}


{#- The period files under a folder, sorted. -#}
{% macro focus_parquet_files(folder) %}
    {%- set found = run_query(
        "select file from glob(" ~ focus_parquet_literal(folder ~ '/billing_period=*/part-00000.parquet')
        ~ ") order by file") -%}
    {{ return(found.rows | map(attribute=0) | list) }}
{% endmacro %}


{#- 'YYYY-MM' of a period file's path (.../billing_period=YYYY-MM/part-00000.parquet). -#}
{% macro focus_parquet_period_of(file) %}
    {{ return(file.split('billing_period=')[-1][:7]) }}
{% endmacro %}


{% macro focus_parquet_literal(text) %}
    {{ return("'" ~ (text | string).replace("'", "''") ~ "'") }}
{% endmacro %}


{% macro focus_parquet_list_literal(texts) %}
    {%- set quoted = [] -%}
    {%- for text in texts %}{% do quoted.append(focus_parquet_literal(text)) %}{% endfor -%}
    {{ return('[' ~ quoted | join(', ') ~ ']') }}
{% endmacro %}
