"""The Google Cloud slice end to end: raw billing export -> dbt build -> FOCUS mart.

Expected figures are recomputed here from the raw NDJSON files of the committed fixture
(data/fixtures/gcp), with Python decimals and the rules DECISIONLOG D-201..D-204 state (cost +
credits is what is billed; PROMOTION credits become Credit rows; a row delivered twice counts
once; invoice months are US Pacific months). Nothing here reads the model to decide what the
model should say. The Parquet shape is what the session build reads; the NDJSON shape is built
once more, GCP alone, to show both shapes give the same FOCUS rows and that a team without AWS
builds.
"""

from __future__ import annotations

import json
from collections import defaultdict
from datetime import datetime, timezone
from decimal import Decimal
from pathlib import Path

import pytest
from conftest import FIXTURE_DATA, MART, REPO_ROOT, build_project

CENT = Decimal("0.01")
GCP_NDJSON = FIXTURE_DATA / "gcp" / "billing_export_ndjson"
FOLDED = {
    "COMMITTED_USAGE_DISCOUNT",
    "COMMITTED_USAGE_DISCOUNT_DOLLAR_BASE",
    "FEE_UTILIZATION_OFFSET",
    "SUSTAINED_USAGE_DISCOUNT",
    "DISCOUNT",
    "FREE_TIER",
    "SUBSCRIPTION_BENEFIT",
    "RESELLER_MARGIN",
}
# Hand check of the committed fixture (data/fixtures/gcp/README.md), in cents.
README_TOTALS = {"2025-12": Decimal("72.24"), "2026-01": Decimal("228.15")}


def raw_rows(folder: Path) -> list[tuple[str, dict]]:
    """Every export row read, with the file it came from (decimals kept exact)."""
    rows = []
    for path in sorted(folder.glob("**/*.json")):
        for line in path.read_text(encoding="utf-8").splitlines():
            rows.append((line, json.loads(line, parse_float=Decimal)))
    return rows


def pacific_month_start(invoice_month: str) -> str:
    """Billing period label of an invoice month: its US Pacific start as a UTC month."""
    return f"{invoice_month[:4]}-{invoice_month[4:]}"


def expected_per_month(rows: list[tuple[str, dict]]) -> dict[str, dict]:
    seen: set[str] = set()
    months: dict[str, dict] = defaultdict(
        lambda: {
            "billed": Decimal(0),
            "source_rows": 0,
            "credit_rows": 0,
            "duplicates": 0,
            "duplicate_cost": Decimal(0),
        }
    )
    for line, row in rows:
        month = months[pacific_month_start(row["invoice"]["month"])]
        total = Decimal(str(row["cost"])) + sum(
            (Decimal(str(credit["amount"])) for credit in row["credits"]), Decimal(0)
        )
        if line in seen:  # the same row delivered again: quarantined, counted once
            month["duplicates"] += 1
            month["duplicate_cost"] += total
            continue
        seen.add(line)
        month["billed"] += total
        month["source_rows"] += 1
        month["credit_rows"] += sum(1 for c in row["credits"] if c["type"] not in FOLDED)
    return dict(months)


def focus_per_month(build) -> dict[str, tuple]:
    rows = build.query(
        f"""
        select strftime(BillingPeriodStart, '%Y-%m'), sum(BilledCost),
            count(*) filter (where x_RowOrigin = 'source'),
            count(*) filter (where x_RowOrigin = 'derived_credit')
        from {MART} where x_SourceSystem = 'gcp_billing_export_resource_v1' group by 1 order by 1
        """
    )
    return {month: (billed, source, credits) for month, billed, source, credits in rows}


@pytest.mark.quick
def test_readme_totals_match_the_raw_files():
    expected = expected_per_month(raw_rows(GCP_NDJSON))
    assert {m: v["billed"].quantize(CENT) for m, v in expected.items()} == README_TOTALS


def test_focus_billed_cost_reconciles_with_raw_cost_plus_credits(
    all_providers_build, report_figure
):
    expected = expected_per_month(raw_rows(GCP_NDJSON))
    focus = focus_per_month(all_providers_build)
    assert sorted(focus) == sorted(expected)
    for month, figures in expected.items():
        billed, source_rows, credit_rows = focus[month]
        assert Decimal(billed).quantize(CENT) == figures["billed"].quantize(CENT), month
        assert source_rows == figures["source_rows"], month
        assert credit_rows == figures["credit_rows"], month
        report_figure(
            f"gcp {month}: raw cost+credits {figures['billed'].quantize(CENT)} = FOCUS BilledCost "
            f"{Decimal(billed).quantize(CENT)} ({source_rows} export rows, {credit_rows} Credit "
            f"rows created, {figures['duplicates']} duplicates quarantined)"
        )
    quarantined = all_providers_build.query(
        "select strftime(billing_period_start_at, '%Y-%m'), count(*), sum(unblended_cost) "
        "from main_focus.focus_quarantined_line_items where provider = 'gcp' group by 1"
    )
    assert {m: (n, Decimal(c).quantize(CENT)) for m, n, c in quarantined} == {
        m: (v["duplicates"], v["duplicate_cost"].quantize(CENT))
        for m, v in expected.items()
        if v["duplicates"]
    }


def test_usage_after_midnight_utc_on_new_year_is_billed_in_december(all_providers_build):
    rows = all_providers_build.query(
        f"""
        select BillingPeriodStart, BillingPeriodEnd, ChargePeriodStart from {MART}
        where x_SourceSystem = 'gcp_billing_export_resource_v1'
            and ChargePeriodStart = timestamp '2026-01-01 03:00:00'
        """
    )
    assert rows, "the fixture has a usage hour at 2026-01-01T03:00Z"
    for start, end, _ in rows:
        assert (start, end) == (datetime(2025, 12, 1, 8), datetime(2026, 1, 1, 8))


def test_credits_become_focus_cost_by_type(all_providers_build):
    rows = all_providers_build.query(
        f"""
        select x_SourceLineItemType, ChargeCategory, count(*),
            count(*) filter (where BilledCost <> EffectiveCost or BilledCost <> ListCost
                or BilledCost <> ContractedCost)
        from {MART}
        where x_SourceSystem = 'gcp_billing_export_resource_v1' and x_RowOrigin = 'derived_credit'
        group by 1, 2
        """
    )
    assert rows == [("credit:PROMOTION", "Credit", rows[0][2], 0)]
    committed = all_providers_build.query(
        f"""
        select distinct CommitmentDiscountCategory, CommitmentDiscountStatus, PricingCategory
        from {MART}
        where x_SourceSystem = 'gcp_billing_export_resource_v1' and CommitmentDiscountId is not null
        """
    )
    assert sorted(committed) == [("Spend", "Used", "Committed"), ("Usage", "Used", "Committed")]


def test_ndjson_shape_gives_the_same_focus_rows_without_aws(tmp_path, all_providers_build):
    build = build_project(
        tmp_path / "ndjson",
        FIXTURE_DATA,
        dbt_vars={"aws_enabled": False, "gcp_enabled": True, "gcp_export_format": "ndjson"},
    )
    assert build.result.returncode == 0, build.result.output[-4000:]
    columns = "x_SourceLineItemId, BilledCost, ChargePeriodStart, BillingPeriodStart, Tags"
    ndjson = build.query(f"select {columns} from {MART} order by all")
    parquet = all_providers_build.query(
        f"select {columns} from {MART} "
        "where x_SourceSystem = 'gcp_billing_export_resource_v1' order by all"
    )
    assert ndjson == parquet
    assert build.query(f"select distinct x_Provider from {MART}") == [("gcp",)]


@pytest.mark.quick
def test_generator_is_deterministic_and_covers_every_charge_and_credit_type(tmp_path):
    import subprocess
    import sys

    outputs = []
    for run in ("one", "two"):
        out = tmp_path / run
        completed = subprocess.run(
            [
                sys.executable,
                str(REPO_ROOT / "scripts" / "generate_gcp_billing_export.py"),
                "--rows",
                "30",
                "--seed",
                "7",
                "--out",
                str(out),
                "--log-level",
                "WARNING",
            ],
            capture_output=True,
            text=True,
            check=False,
        )
        assert completed.returncode == 0, completed.stderr
        outputs.append(
            {p.relative_to(out): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}
        )
    assert outputs[0] == outputs[1]
    rows = [row for _, row in raw_rows(tmp_path / "one" / "gcp" / "billing_export_ndjson")]
    assert {row["cost_type"] for row in rows} == {"regular", "tax", "adjustment", "rounding_error"}
    assert {c["type"] for row in rows for c in row["credits"]} == FOLDED | {"PROMOTION"}
    assert len({row["invoice"]["month"] for row in rows}) == 2
    assert any(row["transaction_type"] != "GOOGLE" for row in rows)


@pytest.mark.quick
def test_generator_rejects_bad_months(tmp_path):
    import importlib.util

    spec = importlib.util.spec_from_file_location(
        "generate_gcp_billing_export", REPO_ROOT / "scripts" / "generate_gcp_billing_export.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert module.main(["--months", "2025-13", "--out", str(tmp_path)]) == 2
    start, end = module.month_bounds_utc("2025-12")
    assert (start, end) == (
        datetime(2025, 12, 1, 8, tzinfo=timezone.utc),
        datetime(2026, 1, 1, 8, tzinfo=timezone.utc),
    )
