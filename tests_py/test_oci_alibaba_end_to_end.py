"""Oracle Cloud (both report shapes) and Alibaba Cloud end to end, on the committed fixtures.

One build of the fixtures with AWS, OCI (FOCUS report and cost report) and Alibaba enabled, shared
by this module. Expected totals are the hand totals of data/fixtures/oci/README.md and
data/fixtures/alibaba/README.md, and are recomputed here from the raw CSV files with Python's csv
and Decimal (the cost report's billing period is the UTC month of its usage interval; Alibaba's
times are UTC+8): nothing here reads the models to decide what the models should say.
Enabling both OCI shapes counts the tenancy twice; it is done here only to test both in one build
(x_SourceSystem keeps them apart).
"""

from __future__ import annotations

import csv
import gzip
import json
import re
import shutil
import subprocess
import sys
from collections import defaultdict
from datetime import datetime, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from conftest import FIXTURE_DATA, MART, REPO_ROOT, Build, build_focus_scope, build_project

sys.path.insert(0, str(REPO_ROOT / "scripts"))
import generate_alibaba_focus  # noqa: E402
import generate_oci_reports  # noqa: E402

HALF_CENT = Decimal("0.005")
ALL_PROVIDERS = {"oci_enabled": True, "alibaba_enabled": True, "oci_cost_report_enabled": True}

# Hand totals (README tables): (source system, billing period start in UTC) -> (rows, cost)
HAND_TOTALS = {
    ("oci_focus_report", "2025-01-01 00:00:00"): (17, Decimal("141.803425")),
    ("oci_focus_report", "2025-02-01 00:00:00"): (18, Decimal("142.606125")),
    ("oci_cost_report", "2025-01-01 00:00:00"): (14, Decimal("33.552525")),
    ("oci_cost_report", "2025-02-01 00:00:00"): (13, Decimal("34.297025")),
    ("alibaba_focus", "2024-12-31 16:00:00"): (12, Decimal("49.21589")),
    ("alibaba_focus", "2025-01-31 16:00:00"): (12, Decimal("52.3643275")),
}


def parse_oci_time(text: str) -> datetime:
    """OCI's mixed UTC formats: 2025-01-01T00:00Z, 2025-01-01T00:00:00.000Z, 2025-01-01 00:00:00."""
    text = text.strip().rstrip("Z").replace("T", " ")
    for fmt in ("%Y-%m-%d %H:%M:%S.%f", "%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M"):
        try:
            return datetime.strptime(text, fmt)
        except ValueError:
            continue
    raise ValueError(text)


def raw_totals(raw_root: Path) -> dict[tuple[str, str], tuple[int, Decimal]]:
    """Rows and cost per (source system, billing period start in UTC), from the raw files."""
    totals: dict = defaultdict(lambda: [0, Decimal(0)])

    def add(key, cost):
        totals[key][0] += 1
        totals[key][1] += Decimal(cost)

    for path in sorted((raw_root / "oci" / "focus_report").rglob("*.csv.gz")):
        with gzip.open(path, "rt", encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                start = parse_oci_time(row["BillingPeriodStart"])
                add(("oci_focus_report", f"{start:%Y-%m-%d %H:%M:%S}"), row["BilledCost"])
    for path in sorted((raw_root / "oci" / "cost_report").rglob("*.csv.gz")):
        with gzip.open(path, "rt", encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                usage = parse_oci_time(row["lineItem/intervalUsageStart"])
                add(("oci_cost_report", f"{usage:%Y-%m}-01 00:00:00"), row["cost/myCost"])
    for path in sorted((raw_root / "alibaba" / "focus").rglob("*.csv")):
        with path.open(encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                local = datetime.strptime(row["BillingPeriodStart"], "%Y-%m-%d %H:%M:%S")
                utc = local - timedelta(hours=8)
                add(("alibaba_focus", f"{utc:%Y-%m-%d %H:%M:%S}"), row["BilledCost"])
    return {key: (rows, cost) for key, (rows, cost) in totals.items()}


def build_oci_alibaba(raw: Path, work: Path) -> Build:
    """Models, seeds and the singular tests of both providers (reconciliation, quarantine share)."""
    build = build_focus_scope(
        work, raw, {**ALL_PROVIDERS, "aws_enabled": False}, ["tests/oci", "tests/alibaba"]
    )
    assert build.result.returncode == 0, build.result.output[-4000:]
    return build


def mart_totals(build) -> dict[tuple[str, str], tuple[int, Decimal]]:
    rows = build.query(
        f"select x_SourceSystem, strftime(BillingPeriodStart, '%Y-%m-%d %H:%M:%S'),"
        f" sum(x_MergedLineItemCount), sum(BilledCost) from {MART}"
        " where x_Provider in ('oci', 'alibaba') group by all"
    )
    return {(system, period): (int(count), Decimal(cost)) for system, period, count, cost in rows}


@pytest.fixture(scope="module")
def providers_build(tmp_path_factory):
    build = build_project(tmp_path_factory.mktemp("oci_alibaba_build"), FIXTURE_DATA, ALL_PROVIDERS)
    assert build.result.returncode == 0, build.result.output[-4000:]
    return build


@pytest.mark.quick
def test_hand_totals_are_the_raw_file_totals():
    assert raw_totals(FIXTURE_DATA) == HAND_TOTALS


@pytest.mark.quick
def test_raw_totals_equal_focus_totals_per_billing_period(providers_build, report_figure):
    focus = mart_totals(providers_build)
    quarantined = providers_build.query(
        "select count(*) from main_focus.focus_quarantined_line_items"
        " where provider in ('oci', 'alibaba')"
    )[0][0]
    assert quarantined == 0
    assert set(focus) == set(HAND_TOTALS)
    for key, (rows, cost) in HAND_TOTALS.items():
        focus_rows, focus_cost = focus[key]
        assert focus_rows == rows, key
        assert abs(focus_cost - cost) < HALF_CENT, (key, focus_cost, cost)
        report_figure(
            f"{key[0]} {key[1]}: raw {rows} rows {cost} = FOCUS {focus_rows} rows "
            f"{focus_cost.quantize(Decimal('0.000001'))}"
        )


@pytest.mark.quick
def test_corrections_are_correction_rows_billed_in_their_own_period(providers_build):
    rows = providers_build.query(
        f"select x_SourceSystem, x_SourceLineItemId, ChargeCategory, ChargeClass,"
        f" strftime(BillingPeriodStart, '%Y-%m'), strftime(ChargePeriodStart, '%Y-%m-%d %H:%M'),"
        f" BilledCost from {MART} where ChargeClass = 'Correction' and x_Provider = 'oci'"
        " order by 1, 2"
    )
    assert {row[2] for row in rows} == {"Usage"}
    assert [(row[0], row[1], row[4], row[5], str(row[6].normalize())) for row in rows] == [
        ("oci_cost_report", "9000700025", "2025-01", "2025-01-13 20:00", "-0.0125"),
        ("oci_cost_report", "9000700026", "2025-01", "2025-01-12 18:00", "-0.0009"),
        ("oci_cost_report", "9000700031", "2025-02", "2025-02-19 14:00", "-0.093"),
        ("oci_focus_report", "9000700025", "2025-01", "2025-01-13 20:00", "-0.0125"),
        ("oci_focus_report", "9000700026", "2025-02", "2025-01-12 18:00", "-0.0009"),
        ("oci_focus_report", "9000700031", "2025-02", "2025-02-19 14:00", "-0.093"),
    ]


@pytest.mark.quick
def test_repairs_say_what_changed_and_why(providers_build):
    rows = providers_build.query(
        f"select x_SourceSystem, x_SourceLineItemType, x_Repairs, ChargeCategory, Tags from {MART}"
        " where x_Provider in ('oci', 'alibaba')"
    )
    for system, line_item_type, repairs, category, tags in rows:
        if system == "oci_cost_report":
            assert repairs is None  # a conversion of a non-FOCUS report, not a repair
            continue
        entries = json.loads(repairs) if repairs else []
        for entry in entries:
            assert set(entry) == {"column", "from", "to", "reason"}
            assert entry["reason"]
        columns = [entry["column"] for entry in entries]
        if system == "alibaba_focus":  # every time is UTC+8
            assert columns[:4] == [
                "BillingPeriodStart",
                "BillingPeriodEnd",
                "ChargePeriodStart",
                "ChargePeriodEnd",
            ]
            assert "ContractedCost" in columns and "ChargeDescription" in columns
        if line_item_type == "Adjustment/Credit":
            assert category == "Credit"
            assert {"column": "ChargeCategory", "from": "Adjustment", "to": "Credit"}.items() <= [
                entry for entry in entries if entry["column"] == "ChargeCategory"
            ][0].items()
        if system == "oci_focus_report" and category == "Usage" and "Correction" not in repairs:
            assert json.loads(tags)["CostCenter.team"] in {"web", "data", "platform"}
    all_repairs = " ".join(row[2] or "" for row in rows)
    assert '"from":"2025-01-13T20:00Z","to":"2025-01-13T20:00:00Z"' in all_repairs


@pytest.mark.quick
def test_generators_are_deterministic(tmp_path):
    for generator in (generate_oci_reports, generate_alibaba_focus):
        first, second = tmp_path / f"{generator.__name__}_1", tmp_path / f"{generator.__name__}_2"
        assert generator.main(["--rows", "30", "--seed", "3", "--out", str(first)]) == 0
        assert generator.main(["--rows", "30", "--seed", "3", "--out", str(second)]) == 0
        files = sorted(path.relative_to(first) for path in first.rglob("*") if path.is_file())
        assert files
        for relative in files:
            assert (first / relative).read_bytes() == (second / relative).read_bytes(), relative
    assert generate_oci_reports.main(["--rows", "1"]) == 2


@pytest.mark.quick
def test_committed_fixtures_are_the_generators_output(tmp_path):
    assert generate_oci_reports.main(["--rows", "12", "--seed", "7", "--out", str(tmp_path)]) == 0
    assert generate_alibaba_focus.main(["--rows", "8", "--seed", "7", "--out", str(tmp_path)]) == 0
    for provider in ("oci", "alibaba"):
        generated = sorted(
            p.relative_to(tmp_path) for p in (tmp_path / provider).rglob("*") if p.is_file()
        )
        for relative in generated:
            assert (tmp_path / relative).read_bytes() == (FIXTURE_DATA / relative).read_bytes()


def test_generated_data_reconciles_to_the_cent(tmp_path, report_figure):
    """Two months of 300 usage rows per month and provider, every charge type, raw = FOCUS; one
    Alibaba row with a cost written `12,50` is quarantined with its reason, not lost."""
    raw = tmp_path / "raw"
    assert generate_oci_reports.main(["--rows", "300", "--out", str(raw)]) == 0
    assert generate_alibaba_focus.main(["--rows", "300", "--out", str(raw)]) == 0
    expected = raw_totals(raw)
    alibaba_file = sorted((raw / "alibaba" / "focus").rglob("*_202501.csv"))[0]
    with alibaba_file.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    bad = {**rows[0], "BilledCost": "12,50", "ResourceName": "bad-cost-row"}
    with alibaba_file.open("a", encoding="utf-8", newline="") as handle:
        csv.DictWriter(handle, fieldnames=list(rows[0]), lineterminator="\n").writerow(bad)
    build = build_oci_alibaba(raw, tmp_path / "build")
    focus = mart_totals(build)
    assert set(focus) == set(expected)
    for key, (count, cost) in expected.items():
        assert focus[key][0] == count, key
        assert abs(focus[key][1] - cost) < HALF_CENT, key
    quarantined = build.query(
        "select provider, billing_period_start_at, unblended_cost, quarantine_reason"
        " from main_focus.focus_quarantined_line_items"
    )
    assert [(row[0], f"{row[1]:%Y-%m-%d %H:%M}", row[2], row[3]) for row in quarantined] == [
        ("alibaba", "2024-12-31 16:00", None, "unparseable value in billed_cost;")
    ]
    report_figure(
        f"generated OCI + Alibaba: {sum(r for r, _ in expected.values())} raw rows "
        "reconcile with FOCUS per source and billing period; 1 bad row quarantined"
    )


# One report file per shape delivered again: the OCI file read later (its path sorts last) repeats
# lines of the first one, one of them with its cost and quantity doubled (a restated line).
OCI_REDELIVERIES = {
    "oci_focus_report": (
        "focus_report/FOCUS Reports/2025/01/1000000000000001-00001.csv.gz",
        "focus_report/FOCUS Reports/2025/01/1000000000000003-00001.csv.gz",
        ("BilledCost", "EffectiveCost", "ListCost", "PricingQuantity", "UsageQuantity",
         "oci_AttributedUsage", "oci_AttributedCost"),
    ),
    "oci_cost_report": (
        "cost_report/reports/cost-csv/2025-01-1000000000000001-00001.csv.gz",
        "cost_report/reports/cost-csv/2025-01-1000000000000003-00001.csv.gz",
        ("cost/myCost", "usage/billedQuantity"),
    ),
}  # fmt: skip


def redeliver_oci(raw: Path) -> None:
    """Write, for each OCI shape, a later file repeating rows 2-6 of the January file (row 3
    restated: its cost and quantity doubled)."""
    for first, later, doubled in OCI_REDELIVERIES.values():
        with gzip.open(raw / "oci" / first, "rt", encoding="utf-8", newline="") as handle:
            reader = csv.DictReader(handle)
            fields, rows = reader.fieldnames, list(reader)[2:7]
        for column in doubled:
            if rows[1][column]:
                rows[1][column] = str(Decimal(rows[1][column]) * 2)
        with gzip.open(raw / "oci" / later, "wt", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=fields, lineterminator="\n")
            writer.writeheader()
            writer.writerows(rows)


ALIBABA_REDELIVERY = (
    "focus/5012345678901234/5012345678901234_focus_202501.csv",
    "focus/5012345678901234/repush-20250204/5012345678901234_focus_202501.csv",
)


def redeliver_alibaba(raw: Path) -> None:
    """Write a later push (a folder that sorts after the first file) with exact copies of rows 2-6
    of the January bill: Alibaba has no row ID, so only an exact copy is recognized."""
    first, later = (raw / "alibaba" / name for name in ALIBABA_REDELIVERY)
    with first.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        fields, rows = reader.fieldnames, list(reader)[2:7]
    later.parent.mkdir(parents=True)
    with later.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=fields, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def deduplicated_totals(raw_root: Path) -> tuple[dict, dict, dict]:
    """From the raw files alone: per (source system, billing period start in UTC) the rows and cost
    that reach FOCUS when a line read again from a later file (its path sorts last) replaces the
    earlier copy (OCI: same reference number and charge period; Alibaba: every column the same),
    the rows and cost of the earlier copies, and the cost kept per OCI line."""
    kept: dict = {}
    copies: dict = defaultdict(lambda: [0, Decimal(0)])
    shapes = {
        "oci_focus_report": ("focus_report", "oci_ReferenceNumber", "BilledCost"),
        "oci_cost_report": ("cost_report", "lineItem/referenceNo", "cost/myCost"),
    }
    for system, (folder, reference, cost) in shapes.items():
        paths = sorted((raw_root / "oci" / folder).rglob("*.csv.gz"), key=str)
        for path in paths:
            with gzip.open(path, "rt", encoding="utf-8", newline="") as handle:
                for row in csv.DictReader(handle):
                    if system == "oci_focus_report":
                        start = parse_oci_time(row["ChargePeriodStart"])
                        end = parse_oci_time(row["ChargePeriodEnd"])
                        period = f"{parse_oci_time(row['BillingPeriodStart']):%Y-%m-%d %H:%M:%S}"
                    else:
                        start = parse_oci_time(row["lineItem/intervalUsageStart"])
                        end = parse_oci_time(row["lineItem/intervalUsageEnd"])
                        period = f"{start:%Y-%m}-01 00:00:00"
                    key = (system, row[reference], start, end)
                    if key in kept:  # the earlier copy is a duplicate
                        earlier_period, earlier_cost = kept[key]
                        copies[(system, earlier_period)][0] += 1
                        copies[(system, earlier_period)][1] += earlier_cost
                    kept[key] = (period, Decimal(row[cost]))
    for path in sorted((raw_root / "alibaba" / "focus").rglob("*.csv"), key=str):
        with path.open(encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                local = datetime.strptime(row["BillingPeriodStart"], "%Y-%m-%d %H:%M:%S")
                period = f"{local - timedelta(hours=8):%Y-%m-%d %H:%M:%S}"
                key = ("alibaba_focus", tuple(row.items()))  # no row ID: every column
                if key in kept:
                    copies[("alibaba_focus", kept[key][0])][0] += 1
                    copies[("alibaba_focus", kept[key][0])][1] += kept[key][1]
                kept[key] = (period, Decimal(row["BilledCost"]))
    focus: dict = defaultdict(lambda: [0, Decimal(0)])
    for (system, *_), (period, cost) in kept.items():
        focus[(system, period)][0] += 1
        focus[(system, period)][1] += cost
    return (
        {key: tuple(value) for key, value in focus.items()},
        {key: tuple(value) for key, value in copies.items()},
        {(system, reference): cost for (system, reference, *_), (_, cost) in kept.items()},
    )


def test_redelivered_lines_are_counted_once_from_the_latest_file(tmp_path, report_figure):
    """The committed fixtures plus, per OCI shape, a later file repeating five January lines (one
    restated) and a later Alibaba push repeating five January rows: each line reaches FOCUS once,
    from the later file, and the earlier copies are in the quarantine as duplicates;
    raw = FOCUS + quarantined still holds (the reconciliation tests run in the build)."""
    raw = tmp_path / "raw"
    for provider in ("oci", "alibaba"):
        shutil.copytree(FIXTURE_DATA / provider, raw / provider)
    redeliver_oci(raw)
    redeliver_alibaba(raw)
    expected_focus, expected_copies, kept_cost = deduplicated_totals(raw)
    assert sum(rows for rows, _ in expected_copies.values()) == 15  # 5 per OCI shape, 5 Alibaba
    build = build_oci_alibaba(raw, tmp_path / "build")
    focus = mart_totals(build)
    assert set(focus) == set(expected_focus)
    for key, (rows, cost) in expected_focus.items():
        assert focus[key][0] == rows, key
        assert abs(focus[key][1] - cost) < HALF_CENT, (key, focus[key][1], cost)
    # no line twice in FOCUS, and the restated line carries the later file's (doubled) cost
    assert build.query(
        f"select count(*) from (select x_SourceSystem, x_SourceLineItemId, ChargePeriodStart"
        f" from {MART} group by all having count(*) > 1)"
    ) == [(0,)]
    for system in (*OCI_REDELIVERIES, "alibaba_focus"):
        lines = build.query(
            f"select x_SourceLineItemId, BilledCost, x_SourceFile from {MART}"
            f" where x_SourceSystem = '{system}' and x_SourceLineItemId in (select line_item_id"
            f" from main_focus.focus_quarantined_line_items where source_system = '{system}')"
        )
        assert len(lines) == 5, system
        for reference, cost, source_file in lines:
            assert re.search(r"1000000000000003-00001\.csv\.gz$|repush-", source_file)
            if system in OCI_REDELIVERIES:
                assert cost == kept_cost[(system, reference)], (system, reference)
    quarantined = build.query(
        "select source_system, strftime(billing_period_start_at, '%Y-%m-%d %H:%M:%S'),"
        " count(*), sum(unblended_cost), bool_and(is_duplicate), count(*) filter (where"
        " source_file like '%1000000000000003-00001%' or source_file like '%repush-%')"
        " from main_focus.focus_quarantined_line_items"
        " where quarantine_reason like 'duplicate delivery:%' group by 1, 2"
    )
    assert {(row[0], row[1]): (row[2], row[3]) for row in quarantined} == expected_copies
    # every copy held is flagged a duplicate and none is from the later files
    assert all(row[4] and row[5] == 0 for row in quarantined)
    report_figure(
        "OCI + Alibaba redelivery: "
        + ", ".join(f"{key[0]} {key[1][:7]}: {rows} copies held" for key, (rows, _)
                    in sorted(expected_copies.items()))
        + "; every line once in FOCUS, restated line from the later file"
    )  # fmt: skip


@pytest.mark.conformance
def test_conformance_gate_passes_on_the_union_export(providers_build, tmp_path, report_figure):
    """AWS + OCI (both shapes) + Alibaba exported together; the validator finds no failure."""
    subprocess.run(
        [sys.executable, str(REPO_ROOT / "scripts" / "focus_export.py"),
         "--manifest", str(providers_build.target_path / "manifest.json"),
         "--duckdb-path", str(providers_build.duckdb_path), "--export-dir", str(tmp_path)],
        check=True, cwd=REPO_ROOT,
    )  # fmt: skip
    providers = {row[0] for row in providers_build.query(f"select distinct x_Provider from {MART}")}
    assert providers == {"aws", "oci", "alibaba"}
    completed = subprocess.run(
        [sys.executable, str(REPO_ROOT / "scripts" / "focus_conformance.py"),
         "--export-dir", str(tmp_path / "focus-1.2")],
        cwd=REPO_ROOT, capture_output=True, text=True, check=False,
    )  # fmt: skip
    summary = re.search(r"conformance FOCUS 1\.2: .*", completed.stderr + completed.stdout)
    assert summary, completed.stderr[-3000:]
    report_figure(f"AWS + OCI + Alibaba export: {summary.group(0)}")
    assert " 0 failed, 0 errored" in summary.group(0)
    assert completed.returncode == 0
