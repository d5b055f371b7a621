"""Native FOCUS exports (AWS FOCUS 1.0/1.2, Azure FocusCost 1.0/1.2-preview, Google's FOCUS export).

One build of the committed fixture with `focus_export_enabled` (AWS CUR 2.0 plus the five native
shapes) is shared by the module. Expected values are computed here from the raw files (pyarrow and
the csv module, never the project's SQL) or taken from the fixture README's hand totals.
"""

from __future__ import annotations

import csv
import gzip
import hashlib
import importlib.util
import json
import re
import subprocess
import sys
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from conftest import FIXTURE_DATA, MART, REPO_ROOT, build_project

FIXTURE = FIXTURE_DATA / "focus_export"
SHAPES = {
    # shape folder -> (x_SourceSystem, x_Provider, x_SourceVersion)
    "aws_1_0": ("aws_focus_1_0", "aws", "1.0"),
    "aws_1_2": ("aws_focus_1_2", "aws", "1.2"),
    "azure_1_0": ("azure_focus_1_0", "azure", "1.0"),
    "azure_1_2_preview": ("azure_focus_1_2_preview", "azure", "1.2-preview"),
    "gcp": ("gcp_focus_1_0", "gcp", "1.0"),
}
CENT = Decimal("0.01")


def _load_generator():
    spec = importlib.util.spec_from_file_location(
        "generate_focus_export", REPO_ROOT / "scripts" / "generate_focus_export.py"
    )
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


gen = _load_generator()


def _none_if_blank(value):
    return None if value in ("", None) else value


def raw_rows(shape: str, root: Path = FIXTURE) -> list[dict]:
    """Every row of a shape's files as delivered, text values ('' read as None), plus `_file`."""
    rows = []
    for path in sorted((root / shape).rglob("*")):
        if path.suffix == ".parquet":
            for row in pq.read_table(path).to_pylist():
                rows.append({**row, "_file": path})
        elif path.name.endswith((".csv", ".csv.gz")):
            opener = gzip.open if path.suffix == ".gz" else open
            with opener(path, "rt", encoding="utf-8", newline="") as handle:
                for row in csv.DictReader(handle):
                    rows.append({k: _none_if_blank(v) for k, v in row.items()} | {"_file": path})
    return rows


def period_of(row: dict) -> str:
    value = row["BillingPeriodStart"]
    return value.strftime("%Y-%m") if hasattr(value, "strftime") else value[:7]


def raw_totals(shape: str, root: Path = FIXTURE) -> dict[str, tuple[int, Decimal]]:
    totals: dict[str, tuple[int, Decimal]] = {}
    for row in raw_rows(shape, root):
        count, amount = totals.get(period_of(row), (0, Decimal(0)))
        totals[period_of(row)] = (count + 1, amount + Decimal(str(row["BilledCost"])))
    return totals


def readme_totals() -> dict[tuple[str, str], tuple[int, Decimal]]:
    """The hand totals table of data/fixtures/focus_export/README.md."""
    text = (FIXTURE / "README.md").read_text()
    totals = {}
    for match in re.finditer(
        r"^\| (\w+) \| (\d+) \| ([\d.-]+) \| (\d+) \| ([\d.-]+) \|$", text, re.MULTILINE
    ):
        system, jan_rows, jan, feb_rows, feb = match.groups()
        totals[(system, "2025-01")] = (int(jan_rows), Decimal(jan))
        totals[(system, "2025-02")] = (int(feb_rows), Decimal(feb))
    return totals


@pytest.fixture(scope="module")
def native_build(tmp_path_factory):
    build = build_project(
        tmp_path_factory.mktemp("focus_export_build"),
        FIXTURE_DATA,
        dbt_vars={"focus_export_enabled": True},
    )
    assert build.result.returncode == 0, build.result.output[-4000:]
    return build


def mart_rows(build, source_system: str) -> list[dict]:
    import duckdb

    with duckdb.connect(str(build.duckdb_path), read_only=True) as connection:
        relation = connection.sql(f"select * from {MART} where x_SourceSystem = '{source_system}'")
        columns = relation.columns
        return [dict(zip(columns, values, strict=True)) for values in relation.fetchall()]


def repairs_of(row: dict) -> dict[str, dict]:
    return {repair["column"]: repair for repair in json.loads(row["x_Repairs"] or "[]")}


# --------------------------------------------------------------------------------------------
# Fixture and totals
# --------------------------------------------------------------------------------------------


@pytest.mark.quick
def test_readme_hand_totals_are_the_raw_file_totals():
    hand = readme_totals()
    assert len(hand) == 10
    for shape, (system, _, _) in SHAPES.items():
        for period, (rows, amount) in raw_totals(shape).items():
            assert hand[(system, period)] == (rows, amount.quantize(CENT, ROUND_HALF_UP)), (
                system,
                period,
            )


def test_focus_totals_equal_raw_totals_to_the_cent(native_build, report_figure):
    figures = []
    for shape, (system, _, _) in SHAPES.items():
        focus: dict[str, tuple[int, Decimal]] = {}
        for row in mart_rows(native_build, system):
            period = row["BillingPeriodStart"].strftime("%Y-%m")
            count, amount = focus.get(period, (0, Decimal(0)))
            focus[period] = (count + 1, amount + row["BilledCost"])
        raw = raw_totals(shape)
        assert sorted(focus) == sorted(raw) == ["2025-01", "2025-02"]
        for period in raw:
            # No native FOCUS row is merged, created or (in this fixture) quarantined.
            assert focus[period][0] == raw[period][0]
            assert focus[period][1].quantize(CENT) == raw[period][1].quantize(CENT)
            figures.append(
                f"{system} {period}: {raw[period][0]} rows, "
                f"{raw[period][1].quantize(CENT, ROUND_HALF_UP)}"
            )
    report_figure("native FOCUS exports, raw = FOCUS BilledCost: " + "; ".join(figures))


def test_every_shape_reaches_the_mart_with_lineage(native_build):
    for shape, (system, provider, version) in SHAPES.items():
        rows = mart_rows(native_build, system)
        files = {row["_file"].name for row in raw_rows(shape)}
        assert rows
        for row in rows:
            assert row["x_Provider"] == provider
            assert row["x_SourceVersion"] == version
            assert Path(row["x_SourceFile"]).name in files
            assert row["x_RowOrigin"] == "source"
            assert row["x_SourceLineItemId"]
    assert mart_rows(native_build, "aws_cur2"), "the AWS CUR rows are still there"


# The provider columns each staging model reads (its `extras`); every other non-FOCUS column is
# carried in source_extras when var focus_carry_unknown_columns is on.
READ_EXTRAS = {
    "aws_1_0": {"x_ServiceCode", "x_UsageType", "x_Operation", "x_CostCategories"},
    "aws_1_2": {"x_ServiceCode", "x_Operation"},
    "azure_1_0": {
        "x_InvoiceId",
        "x_PricingCurrency",
        "x_BillingExchangeRate",
        "x_SkuMeterId",
        "x_SkuMeterName",
        "x_SkuMeterSubcategory",
        "x_SkuDescription",
    },
    "azure_1_2_preview": {
        "x_BillingExchangeRate",
        "x_SkuMeterId",
        "x_SkuMeterName",
        "x_SkuMeterSubcategory",
        "x_SkuDescription",
    },
    "gcp": {"x_ServiceId"},
}


def test_unknown_columns_are_carried_and_read_ones_are_not(tmp_path):
    """With focus_carry_unknown_columns, each row's source_extras holds the file's columns that are
    neither FOCUS 1.2 columns nor read by the staging model, with a value (D-958: the read extras
    were not recognised, and AWS 1.0's x_CostCategories expression broke the model)."""
    import duckdb

    build = build_project(
        tmp_path,
        FIXTURE_DATA,
        dbt_vars={
            "aws_enabled": False,
            "focus_export_enabled": True,
            "focus_carry_unknown_columns": True,
        },
        select="stg_focus_export__*",
    )
    assert build.result.returncode == 0, build.result.output[-4000:]
    with (REPO_ROOT / "seeds" / "focus" / "focus_columns.csv").open(newline="") as handle:
        focus_columns = {
            row["column_id"] for row in csv.DictReader(handle) if row["version"] == "1.2"
        }
    with duckdb.connect(str(build.duckdb_path), read_only=True) as connection:
        for shape, read in READ_EXTRAS.items():
            rows = raw_rows(shape)
            expected = {
                column
                for row in rows
                for column, value in row.items()
                if column != "_file"
                and column not in focus_columns | read
                and value not in (None, "", {}, [])
            }
            extras = connection.sql(
                f"select source_extras from main_staging.stg_focus_export__{shape}"
            ).fetchall()
            assert len(extras) == len(rows), shape
            carried = {key for (text,) in extras if text for key in json.loads(text)}
            assert expected, f"{shape}: the fixture has unread provider columns"
            assert carried == expected, shape


# --------------------------------------------------------------------------------------------
# Repairs: every gap in the raw files is repaired and recorded in x_Repairs
# --------------------------------------------------------------------------------------------

PRICED = ("Usage", "Purchase")

# (shape, FOCUS column in the raw file, x_Repairs column, predicate on the raw row, expected "to")
GAP_CASES = [
    (
        "aws_1_0",
        "InvoiceIssuerName",
        "invoice_issuer_name",
        lambda r: r["InvoiceIssuerName"] is None,
        "AWS",
    ),
    ("aws_1_0", "PublisherName", "publisher_name", lambda r: r["PublisherName"] is None, "AWS"),
    (
        "aws_1_0",
        "SkuPriceId",
        "sku_price_id",
        lambda r: r["SkuPriceId"] is None and r["ChargeCategory"] in PRICED,
        "AMZN-S3-STD:GB-Mo",
    ),
    (
        "aws_1_0",
        "CommitmentDiscountStatus",
        "commitment_discount_status",
        lambda r: (
            r["CommitmentDiscountStatus"] is None
            and r["CommitmentDiscountId"]
            and r["ChargeCategory"] == "Usage"
        ),
        "Unused",
    ),
    ("aws_1_0", "ListCost", "list_cost", lambda r: r["ListCost"] is None, None),
    (
        "aws_1_2",
        "InvoiceIssuerName",
        "invoice_issuer_name",
        lambda r: r["InvoiceIssuerName"] is None,
        "AWS",
    ),
    (
        "aws_1_2",
        "ListUnitPrice",
        "list_unit_price",
        lambda r: r["ListUnitPrice"] is None and r["ChargeCategory"] in PRICED,
        None,
    ),
    (
        "azure_1_0",
        "PublisherName",
        "publisher_name",
        lambda r: r["PublisherName"] is None,
        "Microsoft",
    ),
    ("azure_1_0", "ServiceName", "service_name", lambda r: r["ServiceName"] is None, None),
    (
        "azure_1_0",
        "SkuId",
        "sku_id",
        lambda r: r["SkuId"] is None and r["ChargeCategory"] in PRICED,
        "DZH318Z0BQ4M",
    ),
    ("azure_1_0", "SkuPriceId", "sku_price_id", lambda r: r["SkuPriceId"] == "-2", None),
    (
        "azure_1_0",
        "SubAccountName",
        "sub_account_name",
        lambda r: r["SubAccountName"] == "Unassigned",
        None,
    ),
    (
        "azure_1_0",
        "ChargeDescription",
        "charge_description",
        lambda r: r["ChargeDescription"] is None,
        None,
    ),
    (
        "azure_1_2_preview",
        "CommitmentDiscountStatus",
        "commitment_discount_status",
        lambda r: r["CommitmentDiscountId"] and r["ChargeCategory"] == "Usage",
        None,
    ),
    (
        "azure_1_2_preview",
        "CommitmentDiscountQuantity",
        "commitment_discount_quantity",
        lambda r: r["CommitmentDiscountId"] and r["ChargeCategory"] in PRICED,
        None,
    ),
    (
        "azure_1_2_preview",
        "CommitmentDiscountUnit",
        "commitment_discount_unit",
        lambda r: r["CommitmentDiscountId"] and r["ChargeCategory"] in PRICED,
        "Hours",
    ),
    (
        "gcp",
        "CommitmentDiscountStatus",
        "commitment_discount_status",
        lambda r: (
            r["CommitmentDiscountStatus"] is None
            and r["CommitmentDiscountId"]
            and r["ChargeCategory"] == "Usage"
        ),
        "Used",
    ),
    ("gcp", "Tags", "tags", lambda r: bool(r["Tags"]), None),
    (
        "aws_1_0",
        "PricingUnit",
        "pricing_unit",
        lambda r: r["PricingUnit"] in ("Hrs", "GB-Mo"),
        None,
    ),
    (
        "azure_1_0",
        "PricingUnit",
        "pricing_unit",
        lambda r: r["PricingUnit"] in ("1 Hour", "1 GB/Month"),
        None,
    ),
    ("gcp", "PricingUnit", "pricing_unit", lambda r: r["PricingUnit"] is not None, None),
]


@pytest.mark.parametrize(
    ("shape", "raw_column", "column", "has_gap", "expected_to"),
    GAP_CASES,
    ids=[f"{case[0]}-{case[2]}" for case in GAP_CASES],
)
def test_each_gap_is_repaired_and_recorded(
    native_build, shape, raw_column, column, has_gap, expected_to
):
    gaps = [row for row in raw_rows(shape) if has_gap(row)]
    assert gaps, "the fixture carries this gap"
    rows = mart_rows(native_build, SHAPES[shape][0])
    repaired = [row for row in rows if column in repairs_of(row)]
    assert len(repaired) == len(gaps)
    focus_column = raw_column
    delivered = sorted(json.dumps(_as_text(row[raw_column])) for row in gaps)
    recorded = sorted(json.dumps(repairs_of(row)[column]["from"]) for row in repaired)
    assert recorded == delivered
    for row in repaired:
        record = repairs_of(row)[column]
        assert record["reason"]
        assert _as_text(row[focus_column]) == record["to"] or (
            focus_column == "Tags" and json.loads(row["Tags"]) == json.loads(record["to"])
        )
        if expected_to is not None:
            assert record["to"] == expected_to


def _as_text(value):
    """A value as x_Repairs writes it: its text form (decimals with 10 places), or None."""
    if value is None:
        return None
    if isinstance(value, list):  # Google's label array, as DuckDB's to_json writes it
        return json.dumps(value, separators=(",", ":"))
    if isinstance(value, float):
        return f"{Decimal(str(value)):.10f}"
    if isinstance(value, Decimal):
        return f"{value:.10f}"
    return str(value)


def test_derived_values_follow_the_documented_rules(native_build):
    rows = mart_rows(native_build, "aws_focus_1_0")
    covered = [row for row in rows if "list_cost" in repairs_of(row)]
    for row in covered:  # ListUnitPrice x PricingQuantity
        assert row["ListCost"] == (row["ListUnitPrice"] * row["PricingQuantity"]).quantize(
            Decimal("0.0000000001")
        )
    rows = mart_rows(native_build, "azure_focus_1_0")
    for row in rows:
        if "service_name" in repairs_of(row):  # Microsoft's workaround: x_SkuMeterSubcategory
            assert row["ServiceName"] in ("Reservation", "Azure Credit")
        if "sub_account_name" in repairs_of(row):
            assert row["SubAccountName"] is None and row["SubAccountId"] is None


# --------------------------------------------------------------------------------------------
# Version conversions (1.0 -> 1.2)
# --------------------------------------------------------------------------------------------


def test_aws_1_0_rows_are_upgraded_as_aws_documents(native_build):
    raw = raw_rows("aws_1_0")
    usage_types = {row["x_UsageType"] for row in raw if row["ChargeCategory"] in PRICED}
    rows = mart_rows(native_build, "aws_focus_1_0")
    for row in rows:
        if row["ChargeCategory"] in PRICED:
            assert row["SkuMeter"] in usage_types  # x_UsageType is now SkuMeter
        assert row["BillingAccountType"] == "Payer Account"
        assert row["PricingCurrency"] == row["BillingCurrency"]
        assert row["x_UsageType"] is not None or row["ChargeCategory"] not in PRICED
    tagged = [json.loads(row["Tags"]) for row in rows if row["Tags"]]
    assert any("costCategory/BusinessUnit" in tags for tags in tagged)  # x_CostCategories folded in
    ec2 = {row["ServiceSubcategory"] for row in rows if row["x_ServiceCode"] == "AmazonEC2"}
    assert ec2 == {"Virtual Machines"}


def test_azure_1_0_invoice_id_becomes_invoice_id(native_build):
    invoices = {row["x_InvoiceId"] for row in raw_rows("azure_1_0")}
    rows = mart_rows(native_build, "azure_focus_1_0")
    assert {row["InvoiceId"] for row in rows} == invoices
    for row in rows:
        if row["CommitmentDiscountId"] and row["ChargeCategory"] in PRICED:
            assert row["CommitmentDiscountQuantity"] is not None
            assert row["CommitmentDiscountUnit"] == "Hours"


# --------------------------------------------------------------------------------------------
# The conformance gate on the union export (AWS CUR + the five native shapes)
# --------------------------------------------------------------------------------------------


@pytest.mark.conformance
def test_conformance_gate_passes_on_the_union_export(native_build, tmp_path, report_figure):
    subprocess.run(
        [sys.executable, str(REPO_ROOT / "scripts" / "focus_export.py"),
         "--manifest", str(native_build.target_path / "manifest.json"),
         "--duckdb-path", str(native_build.duckdb_path), "--export-dir", str(tmp_path)],
        check=True, cwd=REPO_ROOT,
    )  # fmt: skip
    completed = subprocess.run(
        [sys.executable, str(REPO_ROOT / "scripts" / "focus_conformance.py"),
         "--export-dir", str(tmp_path / "focus-1.2")],
        cwd=REPO_ROOT, capture_output=True, text=True, check=False,
    )  # fmt: skip
    output = completed.stderr + completed.stdout
    summaries = sorted(set(re.findall(r"conformance FOCUS 1\.2.*", output)))
    # The whole export (make demo-focus-exports adds --by-provider: aws, azure, gcp on their own).
    assert len(summaries) == 1, output[-3000:]
    for summary in summaries:
        report_figure(f"native FOCUS exports + AWS CUR export: {summary}")
        assert " 0 failed, 0 errored" in summary
    assert completed.returncode == 0


# --------------------------------------------------------------------------------------------
# The generator
# --------------------------------------------------------------------------------------------


def _digest(root: Path) -> dict[str, str]:
    return {
        str(path.relative_to(root)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


@pytest.mark.quick
def test_generator_is_deterministic_and_seeded(tmp_path):
    for name, seed in (("a", 7), ("b", 7), ("c", 8)):
        assert gen.main(["--rows", "40", "--seed", str(seed), "--out", str(tmp_path / name)]) == 0
    first, second, other = (_digest(tmp_path / name) for name in "abc")
    assert first == second
    assert first.keys() == other.keys() and first != other
    assert len(first) == 10  # five shapes, two months each


@pytest.mark.quick
def test_generator_reproduces_the_committed_fixture(tmp_path):
    assert gen.main(["--rows", "16", "--out", str(tmp_path)]) == 0
    committed = {
        key: value
        for key, value in _digest(FIXTURE_DATA).items()
        if key.startswith("focus_export/") and not key.endswith("README.md")
    }
    assert _digest(tmp_path) == committed


@pytest.mark.quick
def test_generated_rows_keep_focus_cost_invariants():
    for shape in gen.SHAPES:
        rows = gen.canonical_rows(shape, 80, ["2025-01", "2025-02"], 3)
        assert {row["BillingPeriodStart"].month for row in rows} == {1, 2}
        for row in rows:
            if row["ChargeCategory"] in ("Credit", "Tax"):
                assert row["BilledCost"] == row["EffectiveCost"]
            if row["CommitmentDiscountStatus"] == "Unused":
                assert row["ConsumedQuantity"] is None
                assert row["ResourceId"] == row["CommitmentDiscountId"]
            if row["ChargeCategory"] == "Purchase" and row["CommitmentDiscountId"]:
                assert row["EffectiveCost"] == 0


@pytest.mark.quick
@pytest.mark.parametrize(
    "argv", [["--shapes", "oci"], ["--rows", "0"], ["--months", "January"], ["--nope"]]
)
def test_generator_rejects_bad_arguments(argv, tmp_path):
    assert gen.main([*argv, "--out", str(tmp_path)]) == 2


# --------------------------------------------------------------------------------------------
# Bad input: rows a provider's file can really carry that cannot reach FOCUS
# --------------------------------------------------------------------------------------------


def test_bad_rows_are_quarantined_and_still_reconcile(tmp_path):
    """A Cost Management file with a non-numeric cost, an unknown currency and an unparseable
    charge period: each row is quarantined with its reason, the build passes (the reconciliation
    test included) and the good rows reach FOCUS."""
    import shutil

    import duckdb

    raw = tmp_path / "raw"
    shutil.copytree(FIXTURE / "azure_1_0", raw / "focus_export" / "azure_1_0")
    good = raw_rows("azure_1_0")
    header = [column for column in good[0] if column != "_file"]
    bad = [
        {k: ("" if v is None else v) for k, v in row.items() if k != "_file"} for row in good[:3]
    ]
    bad[0]["BilledCost"] = "n/a"
    bad[1]["BillingCurrency"] = "XYZ"
    bad[2]["ChargePeriodStart"] = "yesterday"
    folder = raw / "focus_export" / "azure_1_0" / "acme-focus-daily" / "rerun"
    folder.mkdir(parents=True)
    with (folder / "part_0_0001.csv").open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=header, lineterminator="\r\n")
        writer.writeheader()
        writer.writerows(bad)
    only_azure_1_0 = {
        "aws_enabled": False,
        "focus_export_enabled": True,
        "focus_export_aws_1_0_enabled": False,
        "focus_export_aws_1_2_enabled": False,
        "focus_export_azure_1_2_preview_enabled": False,
        "focus_export_gcp_enabled": False,
    }
    build = build_project(tmp_path / "build", raw, dbt_vars=only_azure_1_0)
    assert build.result.returncode == 0, build.result.output[-4000:]
    with duckdb.connect(str(build.duckdb_path), read_only=True) as connection:
        reasons = sorted(
            reason
            for (reason,) in connection.sql(
                "select quarantine_reason from main_focus.focus_quarantined_line_items"
            ).fetchall()
        )
        focus_rows = connection.sql(f"select count(*) from {MART}").fetchone()[0]
    assert reasons == [
        "unknown BillingCurrency: XYZ",
        "value did not cast: billed_cost;",
        "value did not cast: charge_period_start_at;",
    ]
    assert focus_rows == len(good)
