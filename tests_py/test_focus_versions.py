"""Every FOCUS version a consumer asks for (issue 7): 1.0, 1.1, 1.2, 1.3 and 1.4.

The shared all-provider build (`all_providers_build`, FOCUS 1.2, the default) is copied once per
other version, and `dbt build --full-refresh --select focus_cost_and_usage+` runs on the copy with
that version (plus every provider switched on): only the models downstream of the version-
independent union change with the version (DECISIONLOG D-901), so this is the build of that
version, at a fraction of a full build's cost. Each version is then exported (the cost rows and the
version's other datasets), and the export's metadata and columns are checked against the FOCUS
column catalog read here from seeds/focus/focus_columns.csv (independently of the dbt macros).
"""

from __future__ import annotations

import csv
import json
import shutil
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import MART, REPO_ROOT, Build, all_providers_vars, run_dbt

sys.path.insert(0, str(REPO_ROOT / "scripts"))

import focus_export  # noqa: E402
import focus_run  # noqa: E402

VERSIONS = ["1.0", "1.1", "1.2", "1.3", "1.4"]
# The datasets of each version (FOCUS spec; /work/shared/focus-spec/rules.md section 0).
DATASETS = {
    "1.0": ["CostAndUsage"],
    "1.1": ["CostAndUsage"],
    "1.2": ["CostAndUsage"],
    "1.3": ["CostAndUsage", "ContractCommitment"],
    "1.4": ["CostAndUsage", "ContractCommitment", "BillingPeriod", "InvoiceDetail"],
}
# Column counts the spec gives (rules.md section 0), to check the catalog read below.
COLUMN_COUNTS = {
    ("1.0", "CostAndUsage"): 43,
    ("1.1", "CostAndUsage"): 50,
    ("1.2", "CostAndUsage"): 57,
    ("1.3", "CostAndUsage"): 65,
    ("1.3", "ContractCommitment"): 13,
    ("1.4", "CostAndUsage"): 65,
    ("1.4", "ContractCommitment"): 30,
    ("1.4", "BillingPeriod"): 6,
    ("1.4", "InvoiceDetail"): 22,
}
# Native FOCUS exports delivered in FOCUS 1.0 (models/staging/focus_export).
NATIVE_1_0 = ("aws_focus_1_0", "azure_focus_1_0")


def catalog_columns(version: str, dataset: str) -> set[str]:
    with (REPO_ROOT / "seeds" / "focus" / "focus_columns.csv").open(encoding="utf-8") as handle:
        return {
            row["column_id"]
            for row in csv.DictReader(handle)
            if row["version"] == version and row["category"].split("|")[0] == dataset
        }


@dataclass
class VersionBuild:
    version: str
    build: Build
    output: str
    seconds: float
    export_dir: Path


@pytest.fixture(scope="session")
def version_builds(all_providers_build, tmp_path_factory) -> dict[str, VersionBuild]:
    """Each FOCUS version built (1.2: the shared build itself) and exported into one folder."""
    export_dir = tmp_path_factory.mktemp("focus_versions_exports")
    builds = {}
    for version in VERSIONS:
        started = time.monotonic()
        if version == "1.2":
            build, output = all_providers_build, all_providers_build.result.output
        else:
            work_dir = tmp_path_factory.mktemp(f"focus_{version.replace('.', '_')}")
            duckdb_path = work_dir / all_providers_build.duckdb_path.name
            shutil.copyfile(all_providers_build.duckdb_path, duckdb_path)
            result = run_dbt(
                ["build", "--full-refresh", "--select", focus_run.VERSION_DEPENDENT_SELECT],
                duckdb_path=duckdb_path,
                raw_path=all_providers_build.raw_path,
                work_dir=work_dir,
                dbt_vars={**all_providers_vars(), "focus_version": version},
            )
            assert result.returncode == 0, f"FOCUS {version}: " + result.output[-4000:]
            build, output = (
                Build(duckdb_path, all_providers_build.raw_path, work_dir / "target", result),
                result.output,
            )
        focus_export.export_from_project(
            REPO_ROOT,
            build.duckdb_path,
            export_dir,
            "parquet",
            manifest_path=build.target_path / "manifest.json",
        )
        builds[version] = VersionBuild(
            version, build, output, time.monotonic() - started, export_dir
        )
    return builds


def test_catalog_has_the_spec_column_counts():
    for (version, dataset), count in COLUMN_COUNTS.items():
        assert len(catalog_columns(version, dataset)) == count, (version, dataset)


@pytest.mark.parametrize("version", VERSIONS)
def test_dbt_build_passes_and_export_declares_the_version(version, version_builds, report_figure):
    built = version_builds[version]
    assert built.build.result.returncode == 0
    rows = built.build.query(f"select count(*), sum(BilledCost) from {MART}")[0]
    assert rows[0] > 0
    folder = built.export_dir / f"focus-{version}"
    datasets = {}
    for dataset in DATASETS[version]:
        path = folder if dataset == "CostAndUsage" else folder / dataset
        metadata = json.loads((path / "metadata.json").read_text(encoding="utf-8"))
        assert metadata["Schema"]["FocusVersion"] == version, dataset
        assert metadata["Schema"]["DataGeneratorVersion"].endswith(f"+focus.{version}")
        datasets[dataset] = metadata["x_ExportReport"]["RowCount"]
    # No folder for a dataset the version does not have.
    others = {p.name for p in folder.iterdir() if p.is_dir() and not p.name.startswith("billing")}
    assert others == set(DATASETS[version]) - {"CostAndUsage"}
    report_figure(
        f"FOCUS {version}: dbt build passed ({built.seconds:.0f}s), {rows[0]} cost rows, "
        f"BilledCost {rows[1]:.4f}; exported datasets {datasets}"
    )


@pytest.mark.parametrize("version", VERSIONS)
def test_export_columns_equal_the_catalog(version, version_builds):
    folder = version_builds[version].export_dir / f"focus-{version}"
    for dataset in DATASETS[version]:
        path = folder if dataset == "CostAndUsage" else folder / dataset
        metadata = json.loads((path / "metadata.json").read_text(encoding="utf-8"))
        names = [column["ColumnName"] for column in metadata["Schema"]["ColumnDefinition"]]
        focus_names = [name for name in names if not name.startswith("x_")]
        assert set(focus_names) == catalog_columns(version, dataset), (version, dataset)
        assert len(focus_names) == COLUMN_COUNTS.get((version, dataset), len(focus_names))
        # FOCUS columns first, then the custom x_ columns (R-NAME-06).
        assert names[: len(focus_names)] == focus_names
        # The Parquet files have the same columns as the metadata says.
        for entry in metadata["x_ExportReport"]["Files"]:
            import duckdb

            parquet = (path / entry["Path"]).as_posix()
            with duckdb.connect() as connection:
                columns = [
                    row[0]
                    for row in connection.sql(
                        f"describe select * from read_parquet('{parquet}', hive_partitioning=false)"
                    ).fetchall()
                ]
            assert columns == names


@pytest.mark.parametrize("version", VERSIONS)
def test_native_1_0_exports_come_out_in_the_version(version, version_builds):
    """AWS and Azure FOCUS 1.0 files reach the mart with the version's Mandatory columns filled."""
    build = version_builds[version].build
    mandatory_not_null = {
        "1.0": ["ProviderName", "PublisherName", "ChargeCategory", "ServiceCategory"],
        "1.1": ["ProviderName", "ServiceSubcategory"],
        "1.2": ["ProviderName", "BillingAccountType", "PricingCurrency"],
        "1.3": ["ProviderName", "ServiceProviderName", "HostProviderName", "BillingAccountType"],
        "1.4": ["ServiceProviderName", "HostProviderName", "BillingAccountType", "PricingCurrency"],
    }[version]
    systems = ", ".join(f"'{system}'" for system in NATIVE_1_0)
    nulls = " + ".join(f"count(*) filter (where {column} is null)" for column in mandatory_not_null)
    count, null_count = build.query(
        f"select count(*), {nulls} from {MART} where x_SourceSystem in ({systems})"
    )[0]
    assert count > 0
    assert null_count == 0


def test_invoice_detail_adds_up_to_the_cost_rows(version_builds):
    """FOCUS 1.4: the Invoice Detail export's BilledCost per invoice equals the cost rows', summed
    here from the two Parquet exports."""
    import duckdb

    folder = version_builds["1.4"].export_dir / "focus-1.4"
    with duckdb.connect() as connection:
        rows = connection.sql(
            f"""
            with cost as (
                select InvoiceId, sum(BilledCost) as billed
                from '{folder.as_posix()}/billing_period=*/*.parquet'
                where InvoiceId is not null group by InvoiceId
            ), detail as (
                select InvoiceId, sum(BilledCost) as billed
                from '{folder.as_posix()}/InvoiceDetail/billing_period=*/*.parquet'
                group by InvoiceId
            )
            select count(*), count(*) filter (where cost.billed is distinct from detail.billed)
            from cost full outer join detail using (InvoiceId)
            """
        ).fetchone()
    assert rows[0] > 0
    assert rows[1] == 0


@pytest.mark.quick
def test_focus_run_sets_the_version_in_vars():
    assert json.loads(focus_run.vars_with_version("{aws_enabled: true}", "1.4")) == {
        "aws_enabled": True,
        "focus_version": "1.4",
    }
    assert focus_run.vars_with_version(None, "1.0") == '{"focus_version": "1.0"}'
    assert focus_run.vars_with_version("{a: 1}", None) == "{a: 1}"
