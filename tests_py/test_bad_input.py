"""Bad input gets a clear answer, and no cost is ever lost.

Each kind of bad input is made from the committed fixture's legacy CUR CSV (the shape where every
value is text and anything can arrive), built with dbt, and checked for its exact outcome: which
rows are quarantined with which reason, or which one-line message stops the build. Every build
that completes has passed the reconciliation tests (raw = FOCUS + quarantined, per billing period,
in cents and rows), so nothing is lost in any of them.
"""

from __future__ import annotations

import csv
import gzip
import io
import json
import re
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import pytest
from conftest import FIXTURE_DATA, MART, build_project

QUARANTINE = "main_focus.focus_quarantined_line_items"
LEGACY_CSV = {"aws_cur2_enabled": False, "aws_cur_legacy_csv_enabled": True}
RAW_JAN_UNBLENDED = Decimal("766.35")
RAW_TOTAL = Decimal("766.35") + Decimal("129.30")

Table = list[list[str]]


def read_fixture_csv() -> dict[str, Table]:
    """The fixture's legacy CSV files, by month folder name: header row first."""
    files = {}
    for path in sorted((FIXTURE_DATA / "aws" / "cur_legacy_csv").glob("*/*/*.csv.gz")):
        with gzip.open(path, "rt", encoding="utf-8", newline="") as handle:
            files[path.parent.name] = list(csv.reader(handle))
    return files


def write_csv(path: Path, table: Table, *, bom: bool = False, line_end: str = "\n") -> None:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator=line_end).writerows(table)
    text = ("\ufeff" if bom else "") + buffer.getvalue()
    path.parent.mkdir(parents=True, exist_ok=True)
    with gzip.open(path, "wt", encoding="utf-8", newline="") as handle:
        handle.write(text)


def raw_folder(tmp_path: Path, change: Callable[[dict[str, Table], Path], None]) -> Path:
    """A raw-data folder holding the fixture CSV after `change` (which may write extra files)."""
    raw = tmp_path / "raw"
    files = read_fixture_csv()
    change(files, raw / "aws" / "cur_legacy_csv" / "acme-cur")
    for month, table in files.items():
        target = raw / "aws" / "cur_legacy_csv" / "acme-cur" / month / "acme-cur-00001.csv.gz"
        if not target.exists():
            write_csv(target, table)
    return raw


def set_value(table: Table, row: int, header: str, value: str) -> None:
    table[row][table[0].index(header)] = value


# These tests are about the FOCUS conversion and its quarantine: the FinOps marts, which only read
# the FOCUS mart, and their tests are left out of their builds (about a third of each build).
NO_FINOPS = ("--exclude", "path:models/marts/finops", "path:models/intermediate/finops")


def build(tmp_path: Path, raw: Path, **extra_vars):
    return build_project(
        tmp_path / "work",
        raw,
        {**LEGACY_CSV, "focus_quarantine_max_share": 1, **extra_vars},
        extra_args=NO_FINOPS,
    )


def quarantined(result) -> list[tuple]:
    return result.query(
        f"select quarantine_reason, line_item_type, unblended_cost from {QUARANTINE}"
        " where not is_duplicate order by all"
    )


def focus_billed(result) -> Decimal:
    return result.query(f"select sum(BilledCost) from {MART}")[0][0]


KINDS: list[str] = []


def kind(name: str):
    KINDS.append(name)
    return pytest.mark.parametrize("kind_name", [name])


# --------------------------------------------------------------------------------------------


@kind("optional column missing from one month")
def test_optional_column_missing(tmp_path, kind_name):
    def change(files, _folder):
        for month in files:
            header = files[month][0]
            drop = [header.index("lineItem/NetUnblendedCost"), header.index("pricing/RateId")]
            files[month] = [[v for i, v in enumerate(row) if i not in drop] for row in files[month]]

    result = build(
        tmp_path,
        raw_folder(tmp_path, lambda f, d: change({"20250201-20250301": f["20250201-20250301"]}, d)),
    )
    assert result.result.returncode == 0, result.result.output[-3000:]
    assert quarantined(result) == []
    assert focus_billed(result) == RAW_TOTAL


@kind("mandatory column missing from one month")
def test_mandatory_column_missing(tmp_path, kind_name):
    def change(files, _folder):
        table = files["20250201-20250301"]
        drop = table[0].index("lineItem/UnblendedCost")
        files["20250201-20250301"] = [[v for i, v in enumerate(row) if i != drop] for row in table]

    result = build(tmp_path, raw_folder(tmp_path, change))
    assert result.result.returncode == 1
    assert (
        "acme-cur/20250201-20250301/acme-cur-00001.csv.gz has no value in the mandatory column(s)"
        " unblended_cost: the export lacks them; check the export settings, re-export the month,"
        " or point the AWS path variables at complete exports" in result.result.output
    )


@kind("mandatory column missing from every file")
def test_mandatory_column_missing_everywhere(tmp_path, kind_name):
    def change(files, _folder):
        for month, table in files.items():
            drop = table[0].index("lineItem/CurrencyCode")
            files[month] = [[v for i, v in enumerate(row) if i != drop] for row in table]

    result = build(tmp_path, raw_folder(tmp_path, change))
    assert result.result.returncode == 1
    output = result.result.output
    # Each query that reads the files stops at the first file it finds lacking the column and
    # names it; which file comes first depends on the threads, so one or both months are named,
    # and every error raised is this one.
    named = [
        month
        for month in ("20250101-20250201", "20250201-20250301")
        if f"acme-cur/{month}/acme-cur-00001.csv.gz has no value in the mandatory column(s)"
        " currency_code: the export lacks them" in output
    ]
    assert named, output[-3000:]
    errors = re.findall(r"Invalid Input Error: (.*)", output)
    assert errors and all(
        "has no value in the mandatory column(s) currency_code" in error for error in errors
    ), output[-3000:]


@kind("extra unknown columns")
def test_extra_columns_are_ignored_or_carried(tmp_path, kind_name):
    def change(files, _folder):
        for table in files.values():
            table[0] += ["lineItem/BrandNewColumn", "myCompany/Note"]
            for row in table[1:]:
                row += ["surprise", "note, with a comma"]

    raw = raw_folder(tmp_path, change)
    ignored = build(tmp_path / "ignored", raw)
    assert ignored.result.returncode == 0, ignored.result.output[-3000:]
    assert quarantined(ignored) == []
    assert focus_billed(ignored) == RAW_TOTAL
    assert ignored.query(f"select count(x_SourceExtras) from {MART}") == [(0,)]

    carried = build(tmp_path / "carried", raw, focus_carry_unknown_columns=True)
    assert carried.result.returncode == 0, carried.result.output[-3000:]
    extras = [
        json.loads(value)
        for (value,) in carried.query(
            f"select x_SourceExtras from {MART} where x_RowOrigin = 'source'"
        )
    ]
    assert len(extras) == 35
    assert {(extra["lineItem/BrandNewColumn"], extra["myCompany/Note"]) for extra in extras} == {
        ("surprise", "note, with a comma")
    }
    assert all("lineItem/UnblendedCost" not in extra for extra in extras)


@kind("header case variants")
def test_header_case_variants(tmp_path, kind_name):
    def change(files, _folder):
        for table in files.values():
            table[0] = [header.lower() for header in table[0]]

    result = build(tmp_path, raw_folder(tmp_path, change))
    assert result.result.returncode == 0, result.result.output[-3000:]
    assert focus_billed(result) == RAW_TOTAL
    assert result.query(f"select count(*) from {MART} where Tags is not null")[0][0] > 0


@kind("byte-order mark and CRLF line ends")
def test_bom_and_crlf(tmp_path, kind_name):
    def change(files, folder):
        for month, table in files.items():
            write_csv(folder / month / "acme-cur-00001.csv.gz", table, bom=True, line_end="\r\n")

    result = build(tmp_path, raw_folder(tmp_path, change))
    assert result.result.returncode == 0, result.result.output[-3000:]
    assert quarantined(result) == []
    assert focus_billed(result) == RAW_TOTAL
    assert result.query(f"select count(*) from {MART} where ChargeDescription like '%\r'") == [(0,)]


@kind("unparseable timestamp")
def test_bad_timestamp(tmp_path, kind_name):
    def change(files, _folder):
        set_value(files["20250101-20250201"], 1, "lineItem/UsageStartDate", "05/01/2025 25:61")

    result = build(tmp_path, raw_folder(tmp_path, change))
    assert result.result.returncode == 0, result.result.output[-3000:]
    ((reason, _type, cost),) = quarantined(result)
    assert reason == "unparseable value in usage_start_at;"
    assert focus_billed(result) + cost == RAW_TOTAL


@kind("unknown currency code")
def test_unknown_currency(tmp_path, kind_name):
    def change(files, _folder):
        set_value(files["20250101-20250201"], 2, "lineItem/CurrencyCode", "USX")

    result = build(tmp_path, raw_folder(tmp_path, change))
    assert result.result.returncode == 0, result.result.output[-3000:]
    ((reason, _type, cost),) = quarantined(result)
    assert reason == "unknown currency code USX"
    assert focus_billed(result) + cost == RAW_TOTAL


@kind("NULL and N/A strings")
def test_null_markers(tmp_path, kind_name):
    def change(files, _folder):
        table = files["20250101-20250201"]
        set_value(table, 3, "pricing/publicOnDemandCost", "N/A")
        set_value(table, 4, "lineItem/LineItemDescription", "NULL")
        set_value(table, 5, "lineItem/UnblendedCost", "N/A")

    result = build(tmp_path, raw_folder(tmp_path, change))
    assert result.result.returncode == 0, result.result.output[-3000:]
    # A marker in an optional column is simply null; in the cost it leaves the row without a cost.
    assert quarantined(result) == [("missing key column unblended_cost", read_type(5), None)]
    assert result.query(f"select count(*) from {MART} where ChargeDescription = 'NULL'") == [(0,)]


def read_type(row: int) -> str:
    table = read_fixture_csv()["20250101-20250201"]
    return table[row][table[0].index("lineItem/LineItemType")]


@kind("non-numeric cost")
def test_non_numeric_cost(tmp_path, kind_name):
    def change(files, _folder):
        # Row 6 is Savings Plan covered usage; its negation (row 9) loses its partner.
        set_value(files["20250101-20250201"], 6, "lineItem/UnblendedCost", "12,50 USD")

    result = build(tmp_path, raw_folder(tmp_path, change))
    assert result.result.returncode == 0, result.result.output[-3000:]
    assert quarantined(result) == [
        (
            "Savings Plan negation without its covered usage line item (quarantined or missing)",
            "SavingsPlanNegation",
            Decimal("-2.04"),
        ),
        ("unparseable value in unblended_cost;", "SavingsPlanCoveredUsage", None),
    ]
    # The unreadable 2.04 cannot be added anywhere; its negation's -2.04 is in quarantine, so the
    # FOCUS rows hold the rest of the bill: raw 895.65 - 2.04 (unreadable) + 2.04 (negation).
    assert focus_billed(result) == RAW_TOTAL


@kind("empty file")
def test_empty_file(tmp_path, kind_name):
    def change(files, folder):
        write_csv(
            folder / "20250101-20250201" / "acme-cur-00002.csv.gz", [files["20250101-20250201"][0]]
        )
        (folder / "20250101-20250201" / "acme-cur-00003.csv.gz").write_bytes(gzip.compress(b""))

    result = build(tmp_path, raw_folder(tmp_path, change))
    assert result.result.returncode == 0, result.result.output[-3000:]
    assert quarantined(result) == []
    assert focus_billed(result) == RAW_TOTAL


@kind("duplicate file")
def test_duplicate_file(tmp_path, kind_name):
    def change(files, folder):
        write_csv(
            folder / "20250101-20250201" / "acme-cur-00001-copy.csv.gz", files["20250101-20250201"]
        )

    result = build(tmp_path, raw_folder(tmp_path, change))
    assert result.result.returncode == 0, result.result.output[-3000:]
    assert quarantined(result) == []
    duplicates = result.query(
        f"select count(*), sum(unblended_cost) from {QUARANTINE} where is_duplicate"
    )
    assert duplicates == [(29, RAW_JAN_UNBLENDED)]
    assert focus_billed(result) == RAW_TOTAL


@kind("restated month")
def test_restated_month(tmp_path, kind_name):
    table = read_fixture_csv()["20250201-20250301"]
    types = [row[table[0].index("lineItem/LineItemType")] for row in table]
    usage_row = types.index("Usage")  # 12.5 h x 0.096 = 1.20 in the first delivery

    def change(files, folder):
        restated = [list(row) for row in files["20250201-20250301"]]
        set_value(restated, usage_row, "lineItem/UsageAmount", "25.0000000000")
        set_value(restated, usage_row, "lineItem/UnblendedCost", "2.4000000000")
        set_value(restated, usage_row, "pricing/publicOnDemandCost", "2.4000000000")
        write_csv(folder / "20250201-20250301" / "acme-cur-00002.csv.gz", restated)

    result = build(tmp_path, raw_folder(tmp_path, change))
    assert result.result.returncode == 0, result.result.output[-3000:]
    # The later delivery wins for each line item; the earlier one is kept as a duplicate.
    assert focus_billed(result) == RAW_TOTAL - Decimal("1.20") + Decimal("2.40")
    assert result.query(f"select count(*) from {QUARANTINE} where is_duplicate") == [(10,)]


@kind("huge tag value")
def test_huge_tag(tmp_path, kind_name):
    huge = "x" * 200_000

    def change(files, _folder):
        set_value(files["20250101-20250201"], 7, "resourceTags/user:Team", huge)

    result = build(tmp_path, raw_folder(tmp_path, change))
    assert result.result.returncode == 0, result.result.output[-3000:]
    tags = [
        json.loads(value)
        for (value,) in result.query(f"select Tags from {MART} where Tags like '%xxxx%'")
    ]
    assert [tag["Team"] for tag in tags] == [huge]


@kind("too much bad input")
def test_quarantine_threshold_fails_the_build(tmp_path, kind_name):
    def change(files, _folder):
        for row in range(1, 6):
            set_value(files["20250101-20250201"], row, "lineItem/CurrencyCode", "???")

    result = build_project(
        tmp_path / "work", raw_folder(tmp_path, change), LEGACY_CSV, extra_args=NO_FINOPS
    )
    assert result.result.returncode == 1
    assert "FAIL 1 assert_aws_quarantined_share_within_threshold" in strip_colors(
        result.result.output
    )


def strip_colors(text: str) -> str:
    import re

    return re.sub(r"\x1b\[[0-9;]*m", "", text)


def test_the_suite_covers_at_least_twelve_kinds(report_figure):
    report_figure(f"bad-input suite: {len(KINDS)} kinds: {', '.join(KINDS)}")
    assert len(KINDS) >= 12
