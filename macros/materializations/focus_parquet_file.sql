{#-
    focus_parquet_file (DuckDB only; DECISIONLOG D-687). A heavy intermediate written as ONE
    Parquet file (zstd), <focus_parquet_dir>/<model>/part-00000.parquet, and the relation a view
    over it. Used for int_aws__line_items_mapped: a DuckDB table of its million rows costs about
    three times the Parquet write (the table's own compression of ~50 text columns), and the file
    is read back as fast by the four models that read it.

    Every run replaces the whole file, as a table would be replaced: the query is written to a
    temporary file beside it, which is then renamed over the file (readers see the old file or the
    new one, never half of one). The view's columns and types are the query's (Parquet keeps
    DuckDB's VARCHAR, BOOLEAN, INTEGER, TIMESTAMP and DECIMAL types). A query without rows still
    writes a file with the columns, so the view always binds.

    Where the file lives: focus_parquet_dir(), as for the FOCUS mart's period files (README,
    "Where the FOCUS mart's rows live"). var focus_mart_parquet: false gives back the table.
-#}
{% materialization focus_parquet_file, adapter='duckdb' %}

    {%- set existing_relation = load_cached_relation(this) -%}
    {%- set target_relation = this.incorporate(type='view') -%}
    {%- set folder = focus_parquet_dir(this.identifier) -%}
    {%- set final_file = folder ~ '/part-00000.parquet' -%}
    {%- set temp_file = folder ~ '/.tmp-' ~ invocation_id ~ '.parquet' -%}

    {{ run_hooks(pre_hooks, inside_transaction=False) }}
    {{ run_hooks(pre_hooks, inside_transaction=True) }}

    {%- do focus_parquet_remove_leftovers(folder) -%}

    {%- call statement('copy', fetch_result=True) -%}
        copy ({{ sql }}) to {{ focus_parquet_literal(temp_file) }} (format parquet, compression zstd)
    {%- endcall -%}
    {%- set rows = load_result('copy')['table'].rows[0][0] -%}
    {%- do run_query(
        "select focus_parquet_publish(" ~ focus_parquet_literal(temp_file) ~ ", "
        ~ focus_parquet_literal(final_file) ~ ")"
    ) -%}
    {{ log("focus_parquet_file: " ~ final_file ~ ": " ~ rows ~ " rows written", info=True) }}

    {%- if existing_relation is not none and not existing_relation.is_view -%}
        {{ adapter.drop_relation(existing_relation) }}
    {%- endif -%}
    {%- call statement('main') -%}
        create or replace view {{ target_relation }} as
        select * from read_parquet({{ focus_parquet_literal(final_file) }})
    {%- endcall -%}
    {%- call statement('comment') -%}
        comment on view {{ target_relation }} is {{ focus_parquet_literal(tojson({
            'materialization': 'focus_parquet_file', 'file': final_file, 'rows': rows})) }}
    {%- endcall -%}

    {{ run_hooks(post_hooks, inside_transaction=True) }}
    {{ adapter.commit() }}
    {{ run_hooks(post_hooks, inside_transaction=False) }}

    {{ return({'relations': [target_relation]}) }}

{% endmaterialization %}
