"""The FOCUS mart is incremental by billing period (DECISIONLOG D-019): on DuckDB an incremental
run that lists one billing period replaces that period whole, leaves the others as they are, and
ends with the same table as a full refresh.

write-once (D-680): on DuckDB the mart is a view over one Parquet file per billing period; the test
spoils a period by rewriting its file (``spoil``), as it spoiled the table's rows before.
"""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
from conftest import FIXTURE_DATA, MART, run_dbt

JAN, FEB = "2025-01-01", "2025-02-01"
GCP_DEC = "2025-12-01"  # gcp: invoice month 202512


def mart_rows(duckdb_path, where: str = "true") -> list[tuple]:
    with duckdb.connect(str(duckdb_path), read_only=True) as connection:
        rows = connection.sql(f"select * from {MART} where {where}").fetchall()
    return sorted(rows, key=repr)


def period(billing_period_start: str) -> str:
    return f"BillingPeriodStart = '{billing_period_start}'"


def period_file(duckdb_path, billing_period_start: str) -> Path | None:
    """The Parquet file of a billing period when the mart is file-backed (D-680), else None."""
    schema, name = MART.split(".")
    with duckdb.connect(str(duckdb_path), read_only=True) as connection:
        found = connection.execute(
            "select comment from duckdb_views() where schema_name = ? and view_name = ?",
            [schema, name],
        ).fetchone()
    if not found or not found[0]:
        return None
    folder = Path(json.loads(found[0])["folder"])
    return folder / f"billing_period={billing_period_start[:7]}" / "part-00000.parquet"


def spoil(duckdb_path, billing_period_start: str, *statements: str) -> None:
    """Run DELETE/UPDATE statements on ``{mart}`` restricted to one period's rows: on the table,
    or on the period's Parquet file, rewritten in place of the materialization's."""
    path = period_file(duckdb_path, billing_period_start)
    if path is None:
        with duckdb.connect(str(duckdb_path)) as connection:
            for statement in statements:
                connection.sql(statement.format(mart=MART))
        return
    with duckdb.connect() as connection:
        connection.sql("set TimeZone = 'UTC'")
        connection.sql(f"create table spoiled as select * from read_parquet('{path}')")
        for statement in statements:
            connection.sql(statement.format(mart="spoiled"))
        connection.sql(f"copy spoiled to '{path}' (format parquet)")


def test_an_incremental_run_replaces_whole_billing_periods_like_a_full_refresh(tmp_path):
    duckdb_path = tmp_path / "focus.duckdb"

    def dbt(*args: str, dbt_vars: dict | None = None) -> None:
        result = run_dbt(
            list(args),
            duckdb_path=duckdb_path,
            raw_path=FIXTURE_DATA,
            work_dir=tmp_path,
            # AWS and Google Cloud: GCP's billing periods start at Pacific midnight.
            dbt_vars={"gcp_enabled": True, **(dbt_vars or {})},
        )
        assert result.returncode == 0, result.output[-4000:]

    dbt("seed")
    dbt("run", "--full-refresh")
    full_refresh = mart_rows(duckdb_path)
    january, february = mart_rows(duckdb_path, period(JAN)), mart_rows(duckdb_path, period(FEB))
    aws_rows = mart_rows(duckdb_path, "x_Provider = 'aws'")  # the fixture also holds gcp
    assert january and february and len(january) + len(february) == len(aws_rows)

    # Spoil both periods: January loses its usage rows and gains cost, February is marked.
    spoil(
        duckdb_path,
        JAN,
        f"delete from {{mart}} where {period(JAN)} and ChargeCategory = 'Usage'",
        f"update {{mart}} set BilledCost = BilledCost + 1000 where {period(JAN)}",
    )
    spoil(duckdb_path, FEB, f"update {{mart}} set x_BillType = 'spoiled' where {period(FEB)}")
    assert mart_rows(duckdb_path, period(JAN)) != january

    # Replacing January restores it whole and leaves February as it is.
    dbt("run", "--select", "focus_cost_and_usage", dbt_vars={"focus_billing_periods": [JAN]})
    assert mart_rows(duckdb_path, period(JAN)) == january
    assert mart_rows(duckdb_path, f"{period(FEB)} and x_BillType = 'spoiled'") == mart_rows(
        duckdb_path, period(FEB)
    )
    assert len(mart_rows(duckdb_path, period(FEB))) == len(february)

    # Replacing February too (a single text is one period) gives the full refresh back.
    dbt("run", "--select", "focus_cost_and_usage", dbt_vars={"focus_billing_periods": FEB})
    assert mart_rows(duckdb_path) == full_refresh

    # Without the variable an incremental run rebuilds every period, again like a full refresh.
    dbt("run", "--select", "focus_cost_and_usage")
    assert mart_rows(duckdb_path) == full_refresh

    # gcp: Google Cloud periods start at Pacific midnight (2025-12-01 08:00 UTC, D-203); the
    # variable names the month, and replaces that period whole too.
    gcp_december = "x_Provider = 'gcp' and BillingPeriodStart = '2025-12-01 08:00:00'"
    usage = "ChargeCategory = 'Usage'"
    spoil(duckdb_path, GCP_DEC, f"delete from {{mart}} where {gcp_december} and {usage}")
    assert mart_rows(duckdb_path) != full_refresh
    dbt("run", "--select", "focus_cost_and_usage", dbt_vars={"focus_billing_periods": GCP_DEC})
    assert mart_rows(duckdb_path) == full_refresh


def test_a_billing_period_that_is_not_a_month_start_is_refused(tmp_path):
    result = run_dbt(
        ["compile", "--select", "focus_cost_and_usage"],
        duckdb_path=tmp_path / "focus.duckdb",
        raw_path=FIXTURE_DATA,
        work_dir=tmp_path,
        dbt_vars={"focus_billing_periods": ["2025-01-15"]},
    )
    assert result.returncode != 0
    assert "is not the start of a billing period" in result.output
