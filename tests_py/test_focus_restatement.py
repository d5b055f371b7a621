"""Restated billing periods end to end, from raw files (issue 6, DECISIONLOG D-602).

AWS redelivers a whole month; other providers append corrections. Both are rebuilt with
`dbt build --vars '{focus_billing_periods: [...]}'`, which reads only the listed periods' raw
line items and replaces those periods in both marts. The test changes the committed CUR 2.0
fixture (copied to a temporary folder) and checks, after each incremental build:

* the restated month holds what its new files say (expected values read from the raw files here,
  not from the models), with no duplicated and no lost line item;
* the other month is left exactly as it was;
* both marts equal a full build, from an empty database, of the same files.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import pytest
from conftest import FIXTURE_DATA, MART, run_dbt

QUARANTINE = "main_focus.focus_quarantined_line_items"
JAN, FEB = "2025-01-01", "2025-02-01"
FEB_FILES = Path("aws/cur2/acme-cur2/data/BILLING_PERIOD=2025-02")
ORIGINAL = "acme-cur2-00001.snappy.parquet"
CORRECTION = "acme-cur2-00002.snappy.parquet"
NO_UNIT_TESTS = ["--exclude", "test_type:unit"]
NO_TESTS = ["--exclude", "test_type:unit", "test_type:data"]


def build(raw: Path, work: Path, *args: str, periods: list[str] | None = None) -> Path:
    duckdb_path = work / "focus.duckdb"
    result = run_dbt(
        ["build", *args],
        duckdb_path=duckdb_path,
        raw_path=raw,
        work_dir=work,
        dbt_vars={"focus_billing_periods": periods} if periods else None,
    )
    assert result.returncode == 0, result.output[-4000:]
    return duckdb_path


def rows(duckdb_path: Path, table: str, where: str = "true") -> list[tuple]:
    with duckdb.connect(str(duckdb_path), read_only=True) as connection:
        found = connection.sql(f"select * from {table} where {where}").fetchall()
    return sorted(found, key=repr)


def mart_period(billing_period_start: str) -> str:
    return f"BillingPeriodStart = '{billing_period_start}'"


def quarantine_period(billing_period_start: str) -> str:
    return f"billing_period_start_at = '{billing_period_start}'"


def raw_sql(sql: str) -> list[tuple]:
    with duckdb.connect() as connection:
        return connection.sql(sql).fetchall()


def scaled_usage(factor: float) -> str:
    """The usage line's quantity and costs times `factor`; rates unchanged, so FOCUS holds."""
    columns = [
        "line_item_usage_amount",
        "line_item_unblended_cost",
        "line_item_net_unblended_cost",
        "pricing_public_on_demand_cost",
    ]
    return ", ".join(
        f"case when line_item_line_item_type = 'Usage' then {column} * {factor} else {column} end"
        f" as {column}"
        for column in columns
    )


def rewrite_parquet(source: Path, target: Path, select: str) -> None:
    """Write `select` over the Parquet file `source` (as table `raw`) to `target`."""
    with duckdb.connect() as connection:
        connection.sql(
            f"copy (with raw as (select * from read_parquet('{source}')) {select}) "
            f"to '{target}' (format parquet)"
        )


def assert_same_as_full_build(incremental_db: Path, raw: Path, work: Path) -> None:
    full_db = build(raw, work, *NO_TESTS)
    assert rows(incremental_db, MART) == rows(full_db, MART)
    assert rows(incremental_db, QUARANTINE) == rows(full_db, QUARANTINE)


def assert_no_duplicate_charge(duckdb_path: Path) -> None:
    with duckdb.connect(str(duckdb_path), read_only=True) as connection:
        repeated = connection.sql(
            f"select x_SourceLineItemId, x_SourceTimeInterval, x_RowOrigin, count(*) from {MART}"
            " group by all having count(*) > 1"
        ).fetchall()
    assert repeated == []


def test_restated_months_replace_only_themselves_like_a_full_build(tmp_path):
    raw = tmp_path / "raw"
    shutil.copytree(FIXTURE_DATA / "aws" / "cur2", raw / "aws" / "cur2")
    feb_dir = raw / FEB_FILES
    db = build(raw, tmp_path / "history", *NO_TESTS)
    january = rows(db, MART, mart_period(JAN))
    january_quarantine = rows(db, QUARANTINE, quarantine_period(JAN))
    assert january and rows(db, MART, mart_period(FEB))

    # 1. AWS redelivers February: twice the usage on the usage line, and the tax line is gone.
    original = tmp_path / ORIGINAL
    shutil.move(feb_dir / ORIGINAL, original)
    rewrite_parquet(
        original,
        feb_dir / ORIGINAL,
        f"select * replace ({scaled_usage(2)}) from raw where line_item_line_item_type <> 'Tax'",
    )
    ((usage_id, usage_cost),) = raw_sql(
        "select identity_line_item_id, line_item_unblended_cost"
        f" from read_parquet('{feb_dir / ORIGINAL}') where line_item_line_item_type = 'Usage'"
    )
    # with the data tests: reconciliation and FOCUS rules over the restated period
    db = build(raw, tmp_path / "history", *NO_UNIT_TESTS, periods=[FEB])

    assert rows(db, MART, mart_period(JAN)) == january
    assert rows(db, QUARANTINE, quarantine_period(JAN)) == january_quarantine
    february = rows(db, MART, mart_period(FEB))
    assert not [row for row in february if "Tax" in row]
    assert raw_sql(f"select count(*) from read_parquet('{feb_dir / ORIGINAL}')") == [
        (len(rows(db, MART, f"{mart_period(FEB)} and x_RowOrigin = 'source'")) + 1,)
    ], "one row less than the file: the Savings Plan negation is merged into its usage"
    with duckdb.connect(str(db), read_only=True) as connection:
        billed = connection.sql(
            f"select BilledCost from {MART} where x_SourceLineItemId = '{usage_id}'"
        ).fetchall()
    assert [float(cost) for (cost,) in billed] == [pytest.approx(usage_cost)]
    assert_no_duplicate_charge(db)
    assert_same_as_full_build(db, raw, tmp_path / "full_after_redelivery")

    # 2. A correction is appended to February: a later file with the usage line at 1.5 times.
    rewrite_parquet(
        feb_dir / ORIGINAL,
        feb_dir / CORRECTION,
        f"select * replace ({scaled_usage(1.5)}) from raw"
        f" where identity_line_item_id = '{usage_id}'",
    )
    ((corrected_cost,),) = raw_sql(
        f"select line_item_unblended_cost from read_parquet('{feb_dir / CORRECTION}')"
    )
    assert corrected_cost == pytest.approx(usage_cost * 1.5)
    db = build(raw, tmp_path / "history", *NO_TESTS, periods=[FEB])

    assert rows(db, MART, mart_period(JAN)) == january
    assert len(rows(db, MART, mart_period(FEB))) == len(february)
    with duckdb.connect(str(db), read_only=True) as connection:
        corrected = connection.sql(
            f"select BilledCost, x_SourceFile from {MART} where x_SourceLineItemId = '{usage_id}'"
        ).fetchall()
        superseded = connection.sql(
            f"select unblended_cost, source_file from {QUARANTINE}"
            f" where line_item_id = '{usage_id}' and is_duplicate"
        ).fetchall()
    assert [(float(cost), Path(file).name) for cost, file in corrected] == [
        (pytest.approx(corrected_cost), CORRECTION)
    ]
    assert [(float(cost), Path(file).name) for cost, file in superseded] == [
        (pytest.approx(usage_cost), ORIGINAL)
    ]
    assert_no_duplicate_charge(db)
    assert_same_as_full_build(db, raw, tmp_path / "full_after_correction")
