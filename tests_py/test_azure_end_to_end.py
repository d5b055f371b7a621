"""The Azure slice end to end: cost details CSVs -> dbt build -> FOCUS mart.

The expected figures are recomputed here from the raw CSV files with Python's csv module and
Microsoft's documented rules ("Convert Cost Management data to FOCUS"): BilledCost from the actual
cost, EffectiveCost from the amortized cost, every amortized row plus the actual rows of
reservation and savings plan purchases and refunds (DECISIONLOG D-101). Nothing here reads the
models to decide what the models should say.
"""

from __future__ import annotations

import csv
import hashlib
import json
import re
import shutil
import subprocess
import sys
from collections import Counter, defaultdict
from datetime import date
from decimal import Decimal
from pathlib import Path

import duckdb
import pytest
from conftest import FIXTURE_DATA, MART, REPO_ROOT, build_project, mart_as_table, run_dbt

CENT = Decimal("0.01")
GENERATOR = REPO_ROOT / "scripts" / "generate_azure_cost_details.py"
COMMITMENT_MODELS = {"Reservation", "SavingsPlan"}


def header_key(name: str) -> str:
    return re.sub("[^a-z0-9]", "", name.replace("\ufeff", "").lower())


def parse_day(text: str) -> date:
    text = text.strip()
    if "/" in text:
        month, day, year = text.split(" ")[0].split("/")
        return date(int(year), int(month), int(day))
    return date.fromisoformat(text[:10])


def first(row: dict, *names: str) -> str:
    for name in names:
        if row.get(name):
            return row[name]
    return ""


def raw_rows(raw_path: Path):
    """Every Azure row as (dataset, normalized row), read independently of the project."""
    for path in sorted((raw_path / "azure").glob("*/**/*.csv")):
        dataset = path.relative_to(raw_path / "azure").parts[0].split("_")[1]
        with path.open(encoding="utf-8-sig", newline="") as handle:
            reader = csv.reader(handle)
            header = [header_key(name) for name in next(reader)]
            for values in reader:
                yield dataset, dict(zip(header, values, strict=True))


def raw_expectations(raw_path: Path) -> dict:
    """Per (billing period, currency): Σ actual cost, Σ amortized cost, FOCUS rows expected."""
    sums: dict = defaultdict(lambda: [Decimal(0), Decimal(0), 0])
    for dataset, row in raw_rows(raw_path):
        try:
            cost = Decimal(first(row, "costinbillingcurrency", "pretaxcost", "cost"))
        except ArithmeticError:  # not a number: quarantined (amortized) or read as 0 (actual)
            cost = None
        start = first(row, "billingperiodstartdate")
        period = parse_day(start) if start else parse_day(first(row, "date", "usagedatetime"))
        key = (period.replace(day=1).isoformat(), first(row, "billingcurrency",
               "billingcurrencycode", "currency"))  # fmt: skip
        entry = sums[key]
        if cost is None:
            continue
        if dataset == "actual":
            entry[0] += cost
            if first(row, "chargetype") in ("Purchase", "Refund") and (
                first(row, "pricingmodel") in COMMITMENT_MODELS
            ):
                entry[2] += 1
        else:
            entry[1] += cost
            entry[2] += 1
    return {key: tuple(value) for key, value in sums.items()}


def model_totals(build) -> dict:
    rows = build.query(
        f"""select strftime(BillingPeriodStart, '%Y-%m-%d'), BillingCurrency, sum(BilledCost),
            sum(EffectiveCost), count(*)
        from {MART} where x_Provider = 'azure' group by 1, 2 order by 1, 2"""
    )
    return {(period, currency): (billed, effective, n) for period, currency, billed, effective, n
            in rows}  # fmt: skip


def assert_reconciles(build) -> dict:
    expected = raw_expectations(build.raw_path)
    model = model_totals(build)
    assert sorted(model) == sorted(expected)
    for key, (actual, amortized, rows) in expected.items():
        billed, effective, count = model[key]
        assert billed.quantize(CENT) == actual.quantize(CENT), key
        assert effective.quantize(CENT) == amortized.quantize(CENT), key
        assert count == rows, key
    return expected


# --------------------------------------------------------------------------------------------
# The committed fixture
# --------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def azure_fixture_build(tmp_path_factory):
    """The committed fixtures with Azure switched on (AWS + Azure), built once for this module.
    (The session build leaves Azure off, its default, so the AWS tests keep their totals.)"""
    build = build_project(
        tmp_path_factory.mktemp("azure_fixture_build"), FIXTURE_DATA, {"azure_enabled": True}
    )
    assert build.result.returncode == 0, build.result.output[-4000:]
    return build


@pytest.mark.quick
def test_fixture_files_carry_the_header_variants_real_exports_have():
    azure = FIXTURE_DATA / "azure"
    ea_january = next((azure / "ea_actual").glob("*/20250101-*/*/*.csv")).read_bytes()
    ea_february = next((azure / "ea_actual").glob("*/20250201-*/*/*.csv")).read_text()
    mca_february = next((azure / "mca_amortized").glob("*/20250201-*/*/*.csv")).read_text()
    # January EA: byte-order mark, PascalCase, M/D/YYYY dates, tags without braces.
    assert ea_january.startswith(b"\xef\xbb\xbfInvoiceSectionName,")
    january_text = ea_january.decode("utf-8-sig")
    assert ",Date," in january_text.splitlines()[0]
    assert re.search(r",1/\d{1,2}/2025,", january_text)
    assert '"""env"": ""prod""' in january_text
    # February EA: camelCase, ISO dates, tags in braces; MCA February: *CurrencyCode names.
    assert ea_february.startswith("invoiceSectionName,")
    assert '"{""env"": ' in ea_february
    mca_header = mca_february.splitlines()[0].split(",")
    assert {"billingCurrencyCode", "pricingCurrencyCode"} <= set(mca_header)
    assert "billingCurrency" not in mca_header


def test_fixture_reconciles_with_its_raw_files(azure_fixture_build, report_figure):
    expected = assert_reconciles(azure_fixture_build)
    # AWS and Azure side by side: the AWS rows are the AWS fixture's 40.
    assert azure_fixture_build.query(
        f"select x_Provider, count(*) from {MART} group by 1 order by 1"
    ) == [("aws", 40), ("azure", 98)]
    for (period, currency), (actual, amortized, rows) in sorted(expected.items()):
        report_figure(
            f"azure fixture {period} {currency}: raw actual {actual:.2f} = BilledCost, raw"
            f" amortized {amortized:.2f} = EffectiveCost, {rows} FOCUS rows"
        )


def test_fixture_rows_carry_the_azure_semantics(azure_fixture_build):
    query = azure_fixture_build.query
    azure = "x_Provider = 'azure'"
    # Block pricing (D-102): the price is per block, Quantity in single units.
    blocks = query(
        f"""select distinct PricingUnit, ConsumedUnit, PricingQuantity * 100 = ConsumedQuantity
        from {MART} where {azure} and SkuMeter = 'D4s v3' and ConsumedQuantity is not null"""
    )
    assert blocks == [("100 Hours", "Hours", True)]
    assert query(
        f"""select distinct PricingUnit, ConsumedUnit, PricingQuantity * 10000 = ConsumedQuantity
        from {MART} where {azure} and SkuMeter = 'Hot Write Operations'"""
    ) == [("10000 Units", "Units", True)]
    assert query(
        f"select distinct PricingUnit from {MART}"
        f" where {azure} and SkuMeter = 'Hot LRS Data Stored'"
    ) == [("GB-Months",)]
    # Unused commitment: Usage, Unused, on the commitment, billed 0, nothing consumed.
    unused = query(
        f"""select distinct x_SourceLineItemType, ChargeCategory, ResourceId = CommitmentDiscountId,
            BilledCost, ConsumedQuantity, CommitmentDiscountType
        from {MART} where {azure} and CommitmentDiscountStatus = 'Unused' order by 1"""
    )
    assert unused == [
        ("UnusedReservation", "Usage", True, Decimal(0), None, "Reservation"),
        ("UnusedSavingsPlan", "Usage", True, Decimal(0), None, "Savings Plan"),
    ]
    # Commitment purchases come from the actual cost: billed, no effective cost, not Committed.
    purchases = query(
        f"""select x_SourceSystem like '%_actual', EffectiveCost, PricingCategory,
            ResourceId = CommitmentDiscountId, ChargeClass, BilledCost > 0
        from {MART} where {azure} and ChargeCategory = 'Purchase'
            and CommitmentDiscountId is not null"""
    )
    assert {row[:5] for row in purchases} == {
        (True, Decimal(0), "Standard", True, None),
        (True, Decimal(0), "Standard", True, "Correction"),
    }
    assert Counter(row[4] for row in purchases)["Correction"] == 2  # one refund per agreement
    # Covered usage bills 0 and carries the amortized cost.
    covered = query(
        f"""select distinct BilledCost, EffectiveCost > 0, PricingCategory
        from {MART} where {azure} and CommitmentDiscountStatus = 'Used'"""
    )
    assert covered == [(Decimal(0), True, "Committed")]
    # Tags: parsed whether or not the export wrapped them in braces.
    assert query(
        f"""select count(*) from {MART} where {azure} and Tags is null
            and x_SourceLineItemType = 'Usage' and ResourceId is not null
            and ResourceId like '%vm-ri-01'"""
    ) == [(0,)]


def test_mca_prices_convert_from_the_pricing_currency(azure_fixture_build):
    """MCA: prices in USD, costs in EUR (exchangeRatePricingToBilling), from the raw files."""
    expected = []
    for dataset, row in raw_rows(azure_fixture_build.raw_path):
        if dataset != "amortized" or first(row, "pricingcurrency", "pricingcurrencycode") != "USD":
            continue
        if first(row, "chargetype") != "Usage" or first(row, "pricingmodel") not in (
            "OnDemand",
            "Spot",
        ):
            continue
        rate = Decimal(row["exchangeratepricingtobilling"])
        expected.append(
            (
                (Decimal(row["paygprice"]) * rate).quantize(Decimal("1e-10")),
                Decimal(row["paygprice"]),
                Decimal(row["costinpricingcurrency"]),
            )
        )
    rows = azure_fixture_build.query(
        f"""select x_SourceExtras, ListUnitPrice, PricingCurrencyListUnitPrice,
            PricingCurrencyEffectiveCost, PricingCurrency, BillingCurrency, SkuMeter,
            strftime(ChargePeriodStart, '%Y-%m-%d'), ConsumedQuantity, SkuId
        from {MART} where x_SourceSystem = 'azure_mca_amortized'
            and x_SourceLineItemType = 'Usage' and PricingCategory <> 'Committed'"""
    )
    assert len(rows) == len(expected) > 0
    assert {(row[4], row[5]) for row in rows} == {("USD", "EUR")}
    assert sorted((row[1], row[2], row[3]) for row in rows) == sorted(expected)


# --------------------------------------------------------------------------------------------
# The generator
# --------------------------------------------------------------------------------------------


def run_generator(out: Path, *args: str) -> None:
    subprocess.run(
        [sys.executable, str(GENERATOR), "--out", str(out), "--log-level", "WARNING", *args],
        check=True,
    )


def digests(root: Path) -> dict[str, str]:
    return {
        path.relative_to(root).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(root.rglob("*"))
        if path.is_file() and path.name != "README.md"
    }


@pytest.mark.quick
def test_generator_is_deterministic_and_writes_the_committed_fixture(tmp_path):
    run_generator(tmp_path / "one", "--rows", "300", "--seed", "3")
    run_generator(tmp_path / "two", "--rows", "300", "--seed", "3")
    assert digests(tmp_path / "one") == digests(tmp_path / "two")
    run_generator(tmp_path / "fixture", "--fixture")
    assert digests(tmp_path / "fixture" / "azure") == digests(FIXTURE_DATA / "azure")
    summary = json.loads((tmp_path / "one" / "azure" / "_generated.json").read_text())
    charge_types = {
        charge_type
        for shape in summary["shapes"].values()
        for month in shape.values()
        for charge_type in month["rows_by_charge_type"]
    }
    assert charge_types == {
        "Purchase", "Refund", "RoundingAdjustment", "Usage", "UnusedReservation",
        "UnusedSavingsPlan",
    }  # fmt: skip


# --------------------------------------------------------------------------------------------
# Azure alone, generated data and older header names
# --------------------------------------------------------------------------------------------

LEGACY_HEADER = [
    "BillingAccountId", "BillingAccountName", "SubscriptionGuid", "SubscriptionName",
    "UsageDateTime", "MeterCategory", "MeterSubcategory", "MeterName", "MeterId",
    "UnitOfMeasure", "UsageQuantity", "ResourceRate", "PreTaxCost", "Currency", "InstanceId",
    "ResourceLocation", "ConsumedService", "Tags",
]  # fmt: skip
LEGACY_ROWS = [
    ["8611537", "Contoso", "11111111-2222-3333-4444-555555555555", "legacy-sub",
     "2025-02-03T00:00:00.0000000Z", "Virtual Machines", "Dsv3 Series", "D4s v3",
     "aaaaaaaa-0000-0000-0000-000000000001", "100 Hours", "24", "19.2", "4.608", "USD",
     "/subscriptions/11111111-2222-3333-4444-555555555555/resourceGroups/rg/providers/"
     "Microsoft.Compute/virtualMachines/legacy-vm", "US East", "Microsoft.Compute",
     '"env": "legacy"'],
    ["8611537", "Contoso", "11111111-2222-3333-4444-555555555555", "legacy-sub",
     "2025-02-04T00:00:00.0000000Z", "Storage", "Tiered Block Blob", "Hot Write Operations",
     "aaaaaaaa-0000-0000-0000-000000000002", "10K", "50000", "0.065", "0.325", "USD", "", "",
     "Microsoft.Storage", ""],
    # a cost that is not a number: the amortized row is quarantined, its actual twin reads as 0
    ["8611537", "Contoso", "11111111-2222-3333-4444-555555555555", "legacy-sub",
     "2025-02-05T00:00:00.0000000Z", "Bandwidth", "", "Standard Data Transfer Out",
     "aaaaaaaa-0000-0000-0000-000000000003", "1 GB", "10", "0.087", "0,87", "USD", "", "",
     "Microsoft.Network", ""],
]  # fmt: skip


@pytest.fixture(scope="module")
def azure_only_build(tmp_path_factory):
    """Generated Azure data plus a pair of files with the older pay-as-you-go header names,
    built with AWS switched off (a team with only Azure)."""
    work = tmp_path_factory.mktemp("azure_only")
    raw = work / "raw"
    run_generator(raw, "--rows", "3000", "--seed", "11")
    for dataset in ("actual", "amortized"):
        folder = raw / "azure" / f"ea_{dataset}" / "legacy-payg" / "20250201-20250228"
        folder.mkdir(parents=True)
        with (folder / "usage.csv").open("w", newline="", encoding="utf-8") as handle:
            writer = csv.writer(handle)
            writer.writerow(LEGACY_HEADER)
            writer.writerows(LEGACY_ROWS)
    build = build_project(work, raw, {"aws_enabled": False, "azure_enabled": True})
    assert build.result.returncode == 0, build.result.output[-4000:]
    return build


def test_azure_alone_generated_data_reconciles_to_the_cent(azure_only_build, report_figure):
    expected = assert_reconciles(azure_only_build)
    assert azure_only_build.query(f"select distinct x_Provider from {MART}") == [("azure",)]
    for (period, currency), (actual, amortized, rows) in sorted(expected.items()):
        report_figure(
            f"azure generated {period} {currency}: raw actual {actual:.2f} = BilledCost,"
            f" raw amortized {amortized:.2f} = EffectiveCost, {rows} FOCUS rows"
        )


def test_older_header_names_are_read(azure_only_build):
    rows = azure_only_build.query(
        f"""select SubAccountId, strftime(ChargePeriodStart, '%Y-%m-%d'), BilledCost,
            PricingQuantity, PricingUnit, RegionId, Tags, x_SourceLineItemType
        from {MART} where SubAccountName = 'legacy-sub' and x_SourceSystem = 'azure_ea_amortized'
        order by 2"""
    )
    assert rows == [
        ("11111111-2222-3333-4444-555555555555", "2025-02-03", Decimal("4.608"),
         Decimal("0.24"), "100 Hours", "eastus", '{"env":"legacy"}', "Usage"),
        ("11111111-2222-3333-4444-555555555555", "2025-02-04", Decimal("0.325"),
         Decimal("5"), "10000 Units", None, None, "Usage"),
    ]  # fmt: skip


def test_an_agreement_with_only_one_dataset_stops_with_what_to_do(tmp_path):
    result = run_dbt(
        ["compile", "--select", "int_azure__cost_details_unioned"],
        duckdb_path=tmp_path / "focus.duckdb",
        raw_path=FIXTURE_DATA,
        work_dir=tmp_path,
        dbt_vars={"azure_enabled": True, "azure_mca_amortized_enabled": False},
    )
    assert result.returncode != 0
    assert "Azure MCA: FOCUS needs both the actual and the amortized cost details" in (
        result.output
    )


def test_a_row_that_does_not_cast_is_quarantined_not_lost(azure_only_build):
    assert azure_only_build.query(
        """select source_system, line_item_type, quarantine_reason, unblended_cost
        from main_focus.focus_quarantined_line_items where provider = 'azure'"""
    ) == [
        ("azure_ea_amortized", "Usage", "unparseable value in cost_in_billing_currency;", None),
    ]


def test_the_reconciliation_tests_fail_when_a_row_goes_missing(azure_only_build, tmp_path):
    """Bad data for the Azure governance tests: drop one amortized usage row from the mart."""
    damaged = tmp_path / "damaged.duckdb"
    shutil.copyfile(azure_only_build.duckdb_path, damaged)
    with duckdb.connect(str(damaged)) as connection:
        mart_as_table(connection)
        connection.execute(
            f"""delete from {MART} where x_SourceLineItemId = (
                select min(x_SourceLineItemId) from {MART}
                where x_SourceSystem = 'azure_ea_amortized' and BilledCost > 0)"""
        )
    tests = [
        "assert_azure_billed_cost_reconciles_with_actual_cost",
        "assert_azure_effective_cost_matches_amortized_cost",
        "assert_azure_rows_accounted",
    ]
    result = run_dbt(
        ["test", "--select", *tests],
        duckdb_path=damaged,
        raw_path=azure_only_build.raw_path,
        work_dir=tmp_path,
        dbt_vars={"aws_enabled": False, "azure_enabled": True},
    )
    assert result.returncode == 1, result.output[-3000:]
    for test in tests:
        assert f"FAIL 1 {test}" in result.output or re.search(rf"FAIL \d+ {test}", result.output)
