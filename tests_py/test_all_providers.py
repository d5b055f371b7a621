"""Every provider in one conformed model: the fixtures of all sources built together
(vars/all_providers.yml, as `make demo` does), exported once, and validated as a whole and per
provider. The per-provider reconciliations (raw = FOCUS + quarantined, in cents, per billing
period) are dbt tests of that build; this module checks that each of them ran and passed.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import MART, REPO_ROOT

PROVIDERS = {"aws", "azure", "gcp", "oci", "alibaba", "openai", "anthropic"}
# Source systems of every shape the demo switches on (the OCI cost report and the legacy AWS
# shapes are alternatives, off in vars/all_providers.yml).
SOURCE_SYSTEMS = {
    "aws_cur2",
    "azure_ea_actual",
    "azure_ea_amortized",
    "azure_mca_actual",
    "azure_mca_amortized",
    "gcp_billing_export_resource_v1",
    "oci_focus_report",
    "alibaba_focus",
    "openai_costs_api",
    "anthropic_cost_report",
    "aws_focus_1_0",
    "aws_focus_1_2",
    "azure_focus_1_0",
    "azure_focus_1_2_preview",
    "gcp_focus_1_0",
}
# The reconciliation test of each source family (tests/<provider>/), by a part of its name.
RECONCILIATIONS = {
    "aws": "assert_aws_billed_cost_reconciles_with_raw",
    "azure": "assert_azure_billed_cost_reconciles_with_actual_cost",
    "gcp": "assert_gcp_billed_cost_reconciles_with_raw",
    "oci": "assert_oci_billed_cost_reconciles_with_raw",
    "alibaba": "assert_alibaba_billed_cost_reconciles_with_raw",
    "openai": "assert_openai_billed_cost_reconciles_with_raw",
    "anthropic": "assert_anthropic_billed_cost_reconciles_with_raw",
    "focus_export": "assert_focus_export_billed_cost_reconciles_with_raw",
}


def test_every_provider_and_shape_reaches_the_focus_mart(all_providers_build, report_figure):
    rows = all_providers_build.query(
        f"select x_Provider, x_SourceSystem, count(*) from {MART} group by all order by all"
    )
    assert {provider for provider, _, _ in rows} == PROVIDERS
    assert {system for _, system, _ in rows} == SOURCE_SYSTEMS
    report_figure(
        f"all providers (fixtures): {sum(count for *_, count in rows)} FOCUS rows from "
        f"{len(PROVIDERS)} providers and {len(SOURCE_SYSTEMS)} source shapes"
    )


def test_every_reconciliation_ran_and_passed(all_providers_build):
    results = json.loads((all_providers_build.target_path / "run_results.json").read_text())
    tests = {
        item["unique_id"]: item["status"]
        for item in results["results"]
        if item["unique_id"].startswith("test.")
    }
    assert tests and all(status in ("pass", "warn") for status in tests.values()), {
        unique_id: status for unique_id, status in tests.items() if status not in ("pass", "warn")
    }
    reconciliations = [unique_id for unique_id in tests if "reconcil" in unique_id]
    for family, name_part in RECONCILIATIONS.items():
        matching = [unique_id for unique_id in reconciliations if name_part in unique_id]
        assert matching, f"no reconciliation test of {family} ran: {sorted(reconciliations)}"


@pytest.fixture(scope="module")
def all_providers_export(all_providers_build, tmp_path_factory) -> Path:
    export_root = tmp_path_factory.mktemp("all_providers_export")
    subprocess.run(
        [sys.executable, str(REPO_ROOT / "scripts" / "focus_export.py"),
         "--manifest", str(all_providers_build.target_path / "manifest.json"),
         "--duckdb-path", str(all_providers_build.duckdb_path), "--export-dir", str(export_root)],
        check=True, cwd=REPO_ROOT,
    )  # fmt: skip
    return export_root / "focus-1.2"


def test_one_export_declares_focus_1_2_and_holds_every_provider(all_providers_export):
    import duckdb

    metadata = json.loads((all_providers_export / "metadata.json").read_text())
    assert metadata["Schema"]["FocusVersion"] == "1.2"
    providers = duckdb.sql(
        f"select distinct x_Provider from read_parquet('{all_providers_export}/*/*.parquet')"
    ).fetchall()
    assert {provider for (provider,) in providers} == PROVIDERS


@pytest.mark.conformance
def test_conformance_on_the_union_export_and_each_provider_slice(
    all_providers_export, report_figure
):
    completed = subprocess.run(
        [sys.executable, str(REPO_ROOT / "scripts" / "focus_conformance.py"),
         "--export-dir", str(all_providers_export), "--by-provider"],
        cwd=REPO_ROOT, capture_output=True, text=True, check=False,
    )  # fmt: skip
    output = completed.stdout + completed.stderr
    summary = output[output.rfind("summary of") :]
    lines = re.findall(r"conformance FOCUS 1\.2(?: \[x_Provider=(\w+)\])?: (.*)", summary)
    assert lines, output[-3000:]
    assert {provider for provider, _ in lines} == PROVIDERS | {""}
    for provider, line in lines:
        report_figure(f"all providers, {provider or 'union'}: {line}")
        assert " 0 failed, 0 errored" in line, (provider, line)
    assert completed.returncode == 0, output[-3000:]
