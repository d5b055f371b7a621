"""The AWS slice end to end: raw CUR files -> dbt build -> FOCUS mart -> Parquet/CSV export.

Expected totals of the committed fixture are added up here by hand from its line items
(data/fixtures/aws/README.md lists every row). The reconciliations recompute, from the raw files
and with AWS's documented amortized-cost formula written out in Python, what the model's totals
must be; nothing here reads the model to decide what the model should say.
"""

from __future__ import annotations

import csv
import hashlib
import json
import re
import shutil
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import duckdb
import pyarrow.parquet as pq
import pytest
from conftest import FIXTURE_DATA, MART, REPO_ROOT, build_project, mart_as_table, run_dbt

CENT = Decimal("0.01")
JAN, FEB = "2025-01-01", "2025-02-01"


def d(*amounts: str) -> Decimal:
    return sum((Decimal(amount) for amount in amounts), Decimal("0"))


# January, row by row from the fixture README (rows 1-29).
JAN_UNBLENDED = d(
    "175.20",
    "22.32",
    "0",
    "0",
    "438.00",  # RI upfront, RIFee, 2 RI-covered, SP upfront
    "2.04",
    "0.85",
    "2.04",
    "-2.04",
    "-0.85",
    "-2.04",  # SP-covered usage and its negations
    "1.20",
    "1.20",  # SP recurring fees
    "1.20",
    "3.00",
    "2.30",
    "3.60",
    "1.08",
    "1.00",
    "15.00",  # usage
    "-0.06",
    "-0.15",
    "-0.05",
    "-0.18",
    "-0.23",
    "-1.08",  # discount line items
    "100.00",
    "8.00",
    "-5.00",  # Support fee, tax, credit
)
JAN_AMORTIZED = d(
    "34.80",
    "1.20",
    "1.20",  # RI: unused fee share, two covered days
    "1.44",
    "0.60",
    "1.44",  # SP-covered usage at the SP rate
    "0.36",
    "0.96",  # unused SP commitment of the two days
    "1.20",
    "3.00",
    "2.30",
    "3.60",
    "1.08",
    "1.00",
    "15.00",
    "-0.06",
    "-0.15",
    "-0.05",
    "-0.18",
    "-0.23",
    "-1.08",
    "100.00",
    "8.00",
    "-5.00",
)
FEB_UNBLENDED = d("20.16", "0", "2.04", "-2.04", "1.20", "1.20", "-0.06", "-1.20", "100.00", "8.00")
FEB_AMORTIZED = d("32.40", "1.20", "1.44", "0.96", "1.20", "-0.06", "-1.20", "100.00", "8.00")


def totals(build, where: str = "true") -> dict[str, tuple[Decimal, Decimal, int]]:
    rows = build.query(
        f"""
        select strftime(BillingPeriodStart, '%Y-%m-%d'), sum(BilledCost), sum(EffectiveCost),
            count(*)
        from {MART} where {where} group by 1 order by 1
        """
    )
    return {period: (billed, effective, count) for period, billed, effective, count in rows}


# --------------------------------------------------------------------------------------------
# The committed fixture, known answers
# --------------------------------------------------------------------------------------------


@pytest.mark.quick
def test_hand_totals_are_the_readme_totals():
    assert (JAN_UNBLENDED, JAN_AMORTIZED) == (Decimal("766.35"), Decimal("170.43"))
    assert (FEB_UNBLENDED, FEB_AMORTIZED) == (Decimal("129.30"), Decimal("143.94"))


@pytest.mark.quick
def test_fixture_totals_match_the_hand_computed_totals(fixture_build):
    by_period = totals(fixture_build, "x_SourceSystem like 'aws_cur%'")
    # 29 January line items: 3 negations merged away, 3 unused-commitment rows created
    # (the RI fee and the two SP fees); February: 10 - 1 + 2.
    assert by_period == {
        JAN: (JAN_UNBLENDED, JAN_AMORTIZED, 29),
        FEB: (FEB_UNBLENDED, FEB_AMORTIZED, 11),
    }


@pytest.mark.quick
def test_fixture_rows_carry_the_aws_semantics(fixture_build):
    def one(where: str, columns: str):
        aws_rows = f"x_SourceSystem like 'aws_cur%' and ({where})"  # the CUR rows only
        rows = fixture_build.query(f"select {columns} from {MART} where {aws_rows}")
        assert len(rows) == 1, rows
        return rows[0]

    # The February refund of January usage corrects an invoiced period.
    assert one("x_SourceLineItemType = 'Refund'", "ChargeCategory, ChargeClass, BilledCost") == (
        "Adjustment",
        "Correction",
        Decimal("-1.2"),
    )
    # Savings Plan covered usage: negation merged, billed 0, effective at the SP rate.
    covered = fixture_build.query(
        f"""select BilledCost, EffectiveCost, x_MergedLineItemCount, CommitmentDiscountStatus,
            PricingCategory, CommitmentDiscountCategory, CommitmentDiscountUnit
        from {MART} where x_SourceLineItemType = 'SavingsPlanCoveredUsage' order by EffectiveCost"""
    )
    assert [row[:3] for row in covered] == [
        (Decimal("0"), Decimal("0.6"), 2),
        (Decimal("0"), Decimal("1.44"), 2),
        (Decimal("0"), Decimal("1.44"), 2),
        (Decimal("0"), Decimal("1.44"), 2),
    ]
    assert {row[3:] for row in covered} == {("Used", "Committed", "Spend", "USD")}
    assert fixture_build.query(
        f"select count(*) from {MART} where x_SourceLineItemType = 'SavingsPlanNegation'"
    ) == [(0,)]
    # Unused commitment rows: one per fee line with an unused amount.
    unused = fixture_build.query(
        f"""select x_SourceLineItemType, EffectiveCost, BilledCost, ChargeCategory,
            ResourceId = CommitmentDiscountId, ConsumedQuantity
        from {MART} where CommitmentDiscountStatus = 'Unused' order by EffectiveCost"""
    )
    assert unused == [
        ("SavingsPlanRecurringFee", Decimal("0.36"), Decimal("0"), "Usage", True, None),
        ("SavingsPlanRecurringFee", Decimal("0.96"), Decimal("0"), "Usage", True, None),
        ("SavingsPlanRecurringFee", Decimal("0.96"), Decimal("0"), "Usage", True, None),
        ("RIFee", Decimal("32.4"), Decimal("0"), "Usage", True, None),
        ("RIFee", Decimal("34.8"), Decimal("0"), "Usage", True, None),
    ]
    # Commitment purchases bill their amount and carry no effective cost.
    assert one(
        "x_SourceLineItemType = 'SavingsPlanUpfrontFee'",
        "ChargeCategory, ChargeFrequency, BilledCost, EffectiveCost,"
        " ResourceId = CommitmentDiscountId",
    ) == ("Purchase", "One-Time", Decimal("438"), Decimal("0"), True)
    # Spot usage is dynamically priced; its list price is the public on-demand price.
    assert one(
        "x_UsageType like '%SpotUsage%' and ChargeCategory = 'Usage'",
        "PricingCategory, ListCost, BilledCost, PricingUnit",
    ) == ("Dynamic", Decimal("8.16"), Decimal("3"), "Hours")
    # Marketplace: AWS invoices, the seller publishes.
    issuer, publisher, billed = one(
        "x_ServiceCode not in (select service_code from main_seeds.map_aws__services)"
        " and ChargeCategory = 'Usage'",
        "InvoiceIssuerName, PublisherName, BilledCost",
    )
    assert (issuer, billed) == ("AWS", Decimal("15"))
    assert publisher not in ("AWS", None)
    # Credits and discounts are Credit rows whose costs all equal BilledCost.
    credits = fixture_build.query(
        f"""select x_SourceLineItemType, count(*) from {MART} where ChargeCategory = 'Credit'
            and x_SourceSystem like 'aws_cur%' and EffectiveCost = BilledCost
            and ListCost = BilledCost and ContractedCost = BilledCost
            group by 1 order by 1"""
    )
    assert credits == [
        ("BundledDiscount", 1),
        ("Credit", 1),
        ("EdpDiscount", 5),
        ("PrivateRateDiscount", 1),
    ]
    # Tags: user tags unprefixed, AWS tags prefixed aws:, cost categories costCategory/.
    tags = [
        json.loads(value)
        for (value,) in fixture_build.query(f"select Tags from {MART} where Tags is not null")
    ]
    keys = {key for tag in tags for key in tag}
    assert "cost_center" in keys
    assert all(not key.startswith(("user:", "user_")) for key in keys)
    assert all(key.startswith(("aws:", "costCategory/")) or ":" not in key for key in keys)


def test_every_focus_1_2_column_has_the_catalog_type(fixture_build):
    with (REPO_ROOT / "seeds" / "focus" / "focus_columns.csv").open() as handle:
        catalog = {
            row["column_id"]: row["data_type"]
            for row in csv.DictReader(handle)
            if row["version"] == "1.2"
        }
    columns = dict(
        fixture_build.query(
            "select column_name, data_type from information_schema.columns"
            " where table_schema = 'main_focus' and table_name = 'focus_cost_and_usage'"
        )
    )
    focus_columns = [name for name in columns if not name.startswith("x_")]
    assert sorted(focus_columns) == sorted(catalog)
    expected = {"String": "VARCHAR", "JSON": "VARCHAR", "Decimal": "DECIMAL(38,10)",
                "Date/Time": "TIMESTAMP"}  # fmt: skip
    assert {name: columns[name] for name in catalog} == {
        name: expected[kind] for name, kind in catalog.items()
    }


# --------------------------------------------------------------------------------------------
# The three shapes of AWS billing give the same FOCUS rows
# --------------------------------------------------------------------------------------------

COMPARABLE = """BillingPeriodStart, ChargePeriodStart, ChargeCategory, ChargeClass, BilledCost,
    EffectiveCost, ListCost, ContractedCost, PricingQuantity, PricingUnit, ConsumedQuantity,
    CommitmentDiscountId, CommitmentDiscountStatus, CommitmentDiscountQuantity, ServiceName,
    ServiceCategory, SkuId, SkuPriceId, RegionId, ResourceId, SubAccountId, x_SourceLineItemType,
    x_RowOrigin"""


@pytest.mark.parametrize("shape", ["legacy_csv", "legacy_parquet"])
def test_legacy_shapes_give_the_same_focus_rows_as_cur2(fixture_build, tmp_path, shape):
    build = build_project(
        tmp_path, FIXTURE_DATA, {"aws_cur2_enabled": False, f"aws_cur_{shape}_enabled": True}
    )
    assert build.result.returncode == 0, build.result.output[-3000:]
    query = f"select {COMPARABLE} from {MART} order by all"
    assert build.query(query) == fixture_build.query(query)
    aws_systems = f"select distinct x_SourceSystem from {MART} where x_SourceSystem like 'aws_cur%'"
    assert set(build.query(aws_systems)) == {(f"aws_cur_{shape}",)}


# --------------------------------------------------------------------------------------------
# Reconciliation with the raw files, to the cent
# --------------------------------------------------------------------------------------------


def amortized_cost(row: dict) -> Decimal:
    """AWS's amortized cost of one CUR line item (CID summary view / CUR query library)."""

    def amount(column: str) -> Decimal:
        value = row.get(column)
        return Decimal("0") if value in (None, "") else Decimal(str(value))

    line_item_type = row["line_item_line_item_type"]
    if line_item_type == "SavingsPlanCoveredUsage":
        return amount("savings_plan_savings_plan_effective_cost")
    if line_item_type == "SavingsPlanRecurringFee":
        return amount("savings_plan_total_commitment_to_date") - amount(
            "savings_plan_used_commitment"
        )
    if line_item_type in ("SavingsPlanNegation", "SavingsPlanUpfrontFee"):
        return Decimal("0")
    if line_item_type == "DiscountedUsage":
        return amount("reservation_effective_cost")
    if line_item_type == "RIFee":
        return amount("reservation_unused_amortized_upfront_fee_for_billing_period") + amount(
            "reservation_unused_recurring_fee"
        )
    if line_item_type == "Fee" and row.get("reservation_reservation_a_r_n"):
        return Decimal("0")
    return amount("line_item_unblended_cost")


def raw_totals(raw_path: Path) -> dict[str, tuple[Decimal, Decimal]]:
    """Σ unblended and Σ amortized cost per billing period, straight from the CUR 2.0 files."""
    columns = [
        "bill_billing_period_start_date", "line_item_line_item_type", "line_item_unblended_cost",
        "savings_plan_savings_plan_effective_cost", "savings_plan_total_commitment_to_date",
        "savings_plan_used_commitment", "reservation_effective_cost",
        "reservation_unused_amortized_upfront_fee_for_billing_period",
        "reservation_unused_recurring_fee", "reservation_reservation_a_r_n",
    ]  # fmt: skip
    sums: dict[str, list[Decimal]] = {}
    for path in sorted(raw_path.glob("aws/cur2/**/*.parquet")):
        for row in pq.read_table(path, columns=columns).to_pylist():
            period = row["bill_billing_period_start_date"].strftime("%Y-%m-%d")
            billed, amortized = sums.setdefault(period, [Decimal("0"), Decimal("0")])
            sums[period] = [
                billed + Decimal(str(row["line_item_unblended_cost"])),
                amortized + amortized_cost(row),
            ]
    return {period: (billed, amortized) for period, (billed, amortized) in sums.items()}


def assert_reconciles(build) -> dict[str, tuple[Decimal, Decimal]]:
    raw = raw_totals(build.raw_path)
    model = {
        period: values[:2]
        for period, values in totals(build, "x_SourceSystem like 'aws_cur%'").items()
    }
    assert sorted(raw) == sorted(model)
    for period, (raw_billed, raw_amortized) in raw.items():
        billed, effective = model[period]
        assert raw_billed.quantize(CENT) == billed.quantize(CENT), period
        assert raw_amortized.quantize(CENT) == effective.quantize(CENT), period
    return raw


def test_fixture_reconciles_with_its_raw_files(fixture_build):
    raw = assert_reconciles(fixture_build)
    assert raw[JAN][0].quantize(CENT) == JAN_UNBLENDED


def test_the_reconciliation_test_fails_on_a_cent_lost_or_made_up(fixture_build, tmp_path):
    """assert_aws_billed_cost_reconciles_with_raw (compare_raw_with_focus) on a damaged copy of the
    fixture's database: in January one row is gone from the mart (a cent and a row lost), in
    February one row bills a cent more. Exactly those two groups fail."""
    damaged = tmp_path / fixture_build.duckdb_path.name  # same catalog name as the views expect
    shutil.copyfile(fixture_build.duckdb_path, damaged)
    with duckdb.connect(str(damaged)) as connection:
        mart_as_table(connection)
        for period, statement in (
            (JAN, f"delete from {MART} where x_SourceLineItemId = "),
            (FEB, f"update {MART} set BilledCost = BilledCost + 0.01 where x_SourceLineItemId = "),
        ):
            connection.execute(
                statement
                + f"""(select min(x_SourceLineItemId) from {MART}
                    where x_Provider = 'aws' and x_RowOrigin = 'source' and BilledCost <> 0
                    and BillingPeriodStart = '{period}')"""
            )
    test = "assert_aws_billed_cost_reconciles_with_raw"
    result = run_dbt(
        ["test", "--select", test, "--store-failures"],
        duckdb_path=damaged,
        raw_path=fixture_build.raw_path,
        work_dir=tmp_path,
    )
    assert result.returncode == 1 and re.search(rf"FAIL 2 {test}", result.output), result.output[
        -3000:
    ]
    with duckdb.connect(str(damaged), read_only=True) as connection:
        failures = connection.execute(
            f"""select strftime(billing_period_start_at, '%Y-%m-%d'), source_system,
                raw_cost - focus_billed_cost - quarantined_cost, raw_rows - accounted_rows
            from main_dbt_test__audit.{test} order by 1"""
        ).fetchall()
    assert [(period, system, rows) for period, system, _, rows in failures] == [
        (JAN, "aws_cur2", 1),
        (FEB, "aws_cur2", 0),
    ]
    assert failures[0][2] > 0 and failures[1][2] == Decimal("-0.01")


@pytest.fixture(scope="module")
def generated_build(tmp_path_factory):
    """100,000 generated line items over two months, built once for this module."""
    work = tmp_path_factory.mktemp("generated_100k")
    raw = work / "raw"
    subprocess.run(
        [sys.executable, str(REPO_ROOT / "scripts" / "generate_aws_cur.py"), "--rows", "100000",
         "--out", str(raw), "--shapes", "cur2", "--log-level", "WARNING"],
        check=True,
    )  # fmt: skip
    build = build_project(work, raw)
    assert build.result.returncode == 0, build.result.output[-4000:]
    return build


def test_100k_generated_rows_reconcile_to_the_cent(generated_build, report_figure):
    raw_rows = sum(
        pq.ParquetFile(path).metadata.num_rows
        for path in generated_build.raw_path.glob("aws/cur2/**/*.parquet")
    )
    assert raw_rows >= 99_000
    raw = assert_reconciles(generated_build)
    for period, (billed, amortized) in sorted(raw.items()):
        report_figure(
            f"100k reconciliation {period}: raw unblended {billed:.2f} = BilledCost,"
            f" AWS amortized {amortized:.2f} = EffectiveCost ({raw_rows} raw line items)"
        )
    # Every raw line item is accounted for: merged negations plus rows reaching the mart.
    (read,) = generated_build.query(
        f"select sum(x_MergedLineItemCount) from {MART} where x_RowOrigin = 'source'"
    )[0]
    assert read == raw_rows


# --------------------------------------------------------------------------------------------
# The export, read back
# --------------------------------------------------------------------------------------------

ISO_UTC = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$")
NUMBER = re.compile(r"^-?\d+\.\d+$")


@pytest.fixture(scope="module")
def fixture_export(fixture_build, tmp_path_factory) -> Path:
    export_root = tmp_path_factory.mktemp("fixture_export")
    subprocess.run(
        [sys.executable, str(REPO_ROOT / "scripts" / "focus_export.py"),
         "--manifest", str(fixture_build.target_path / "manifest.json"),
         "--duckdb-path", str(fixture_build.duckdb_path), "--export-dir", str(export_root)],
        check=True, cwd=REPO_ROOT,
    )  # fmt: skip
    return export_root / "focus-1.2"


def test_export_layout_and_metadata(fixture_export):
    metadata = json.loads((fixture_export / "metadata.json").read_text())
    assert metadata["Schema"]["FocusVersion"] == "1.2"
    assert ISO_UTC.match(metadata["Schema"]["CreationDate"])
    assert metadata["DataGenerator"]["DataGenerator"]
    report = metadata["x_ExportReport"]
    # the AWS CUR billing periods (a build with more providers has more)
    aws_periods = {"2025-01": 29, "2025-02": 11}
    per_period = report["RowsPerBillingPeriod"]
    assert {period: per_period[period] for period in aws_periods} == aws_periods
    assert report["RowCount"] == sum(per_period.values())
    assert report["DataFreshnessHours"] > 0
    assert sorted(path.name for path in fixture_export.iterdir()) == [
        *(f"billing_period={period}" for period in sorted(per_period)),
        "metadata.json",
    ]
    for entry in report["Files"]:
        data = (fixture_export / entry["Path"]).read_bytes()
        assert hashlib.sha256(data).hexdigest() == entry["Sha256"]
        assert len(data) == entry["Bytes"]


def test_export_parquet_and_csv_hold_the_mart(fixture_build, fixture_export):
    parquet = [  # the AWS CUR rows (the fixture holds every provider)
        row
        for row in pq.read_table(sorted(fixture_export.glob("*/*.parquet"))).to_pylist()
        if row["x_SourceSystem"].startswith("aws_cur")
    ]
    assert len(parquet) == 40
    billed = sum(row["BilledCost"] for row in parquet)
    assert billed == JAN_UNBLENDED + FEB_UNBLENDED
    with duckdb.connect() as connection:
        enumerations = connection.sql(
            "select column_id, value from read_csv("
            f"'{REPO_ROOT}/seeds/focus/focus_enumerations.csv') where version = '1.2'"
        ).fetchall()
    allowed = {}
    for column, value in enumerations:
        allowed.setdefault(column, set()).add(value)
    for row in parquet:
        assert row["ChargeCategory"] in allowed["ChargeCategory"]
        assert row["ChargeClass"] in allowed["ChargeClass"] | {None}
        assert row["BillingCurrency"] == "USD"

    aws_csv = sorted(fixture_export.glob("billing_period=2025-0[12]/*.csv"))
    raw = b"".join(path.read_bytes() for path in aws_csv)
    assert raw.count(b"\r\n") == 40 + 2  # a header per file, CRLF line ends
    assert not raw.startswith(b"\xef\xbb\xbf")
    rows = []
    for path in aws_csv:
        with path.open(newline="", encoding="utf-8") as handle:
            rows += list(csv.DictReader(handle))
    assert len(rows) == 40
    for row in rows:
        for column in ("ChargePeriodStart", "ChargePeriodEnd", "BillingPeriodStart"):
            assert ISO_UTC.match(row[column]), row[column]
        for column in ("BilledCost", "EffectiveCost", "ListCost", "ContractedCost"):
            assert NUMBER.match(row[column]), row[column]
        assert row["BillingAccountId"] == "210987654321"
    assert sum(Decimal(row["BilledCost"]) for row in rows) == JAN_UNBLENDED + FEB_UNBLENDED


# --------------------------------------------------------------------------------------------
# The conformance gate: the FinOps Foundation validator on the exports
# --------------------------------------------------------------------------------------------


def run_conformance(export_dir: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, str(REPO_ROOT / "scripts" / "focus_conformance.py"),
         "--export-dir", str(export_dir)],
        cwd=REPO_ROOT, capture_output=True, text=True, check=False,
    )  # fmt: skip


@pytest.mark.conformance
def test_conformance_gate_passes_on_the_fixture_export(fixture_export, report_figure):
    completed = run_conformance(fixture_export)
    summary = re.search(r"conformance FOCUS 1\.2: .*", completed.stderr + completed.stdout)
    assert summary, completed.stderr[-3000:]
    report_figure(f"fixture export: {summary.group(0)}")
    assert " 0 failed, 0 errored" in summary.group(0)
    assert "applicability criteria: ALL" in completed.stderr + completed.stdout
    assert completed.returncode == 0


@pytest.mark.conformance
def test_conformance_gate_passes_on_100k_generated_rows(generated_build, tmp_path, report_figure):
    subprocess.run(
        [sys.executable, str(REPO_ROOT / "scripts" / "focus_export.py"),
         "--manifest", str(generated_build.target_path / "manifest.json"),
         "--duckdb-path", str(generated_build.duckdb_path), "--export-dir", str(tmp_path)],
        check=True, cwd=REPO_ROOT,
    )  # fmt: skip
    completed = run_conformance(tmp_path / "focus-1.2")
    summary = re.search(r"conformance FOCUS 1\.2: .*", completed.stderr + completed.stdout)
    assert summary, completed.stderr[-3000:]
    report_figure(f"100k generated rows export: {summary.group(0)}")
    assert " 0 failed, 0 errored" in summary.group(0)
    assert completed.returncode == 0
