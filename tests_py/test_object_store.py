"""Reading the exports where providers deliver them: S3 (moto) and Azure Blob (Azurite).

The AWS fixture is laid out as AWS Data Exports delivers CUR 2.0 with "create new" deliveries:
January delivered twice (a stale delivery, then the real one), a third January delivery still
being written (data file present, manifest not yet), and a newer manifest whose file is missing
(incomplete). Only the latest complete delivery may be read: the FOCUS rows must equal those of the
committed fixture read from local files.
"""

from __future__ import annotations

import json
import os
import shutil
import sys
from pathlib import Path

import duckdb
import pytest
from conftest import FIXTURE_DATA, MART, REPO_ROOT, Build, all_providers_vars, run_dbt
from object_store import (
    azurite_available,
    azurite_with_read_only_sas,
    s3_with_read_only_user,
)

sys.path.insert(0, str(REPO_ROOT / "plugins"))
import finops_focus_storage as storage  # noqa: E402

BUCKET = "acme-billing-exports"  # the bucket the fixture's manifests name
EXPORT = FIXTURE_DATA / "aws" / "cur2" / "acme-cur2"
DATA_FILE = "acme-cur2-00001.snappy.parquet"
MANIFEST = "acme-cur2-Manifest.json"


def _copy_with_cost_factor(source: Path, target: Path, factor: int) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    duckdb.sql(
        f"copy (select * replace (line_item_unblended_cost * {factor} as line_item_unblended_cost)"
        f" from read_parquet('{source}')) to '{target}' (format parquet)"
    )


def _manifest(period: str, delivery: str, listed: str, modified: float, root: Path) -> None:
    manifest = json.loads((EXPORT / "metadata" / f"BILLING_PERIOD={period}" / MANIFEST).read_text())
    manifest["executionId"] = delivery
    manifest["dataFiles"] = [f"s3://{BUCKET}/cur2/acme-cur2/data/BILLING_PERIOD={period}/{listed}"]
    path = (
        root / "cur2" / "acme-cur2" / "metadata" / f"BILLING_PERIOD={period}" / delivery / MANIFEST
    )
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(manifest, indent=2))
    os.utime(path, (modified, modified))


def lay_out_deliveries(root: Path) -> Path:
    """The fixture as several CUR 2.0 deliveries under `root` (the bucket's contents)."""
    data = root / "cur2" / "acme-cur2" / "data"
    january = EXPORT / "data" / "BILLING_PERIOD=2025-01" / DATA_FILE
    february = EXPORT / "data" / "BILLING_PERIOD=2025-02" / DATA_FILE
    deliveries = {
        # (period, delivery): (source file, cost factor, has manifest, manifest time)
        ("2025-01", "20250103T0400Z-stale"): (january, 2, True, 1_736_000_000),
        ("2025-01", "20250105T0400Z-final"): (january, 1, True, 1_736_100_000),
        ("2025-01", "20250107T0400Z-writing"): (january, 10, False, None),
        ("2025-02", "20250302T0400Z-final"): (february, 1, True, 1_740_900_000),
    }
    for (period, delivery), (source, factor, has_manifest, modified) in deliveries.items():
        _copy_with_cost_factor(
            source, data / f"BILLING_PERIOD={period}" / delivery / DATA_FILE, factor
        )
        if has_manifest:
            _manifest(period, delivery, f"{delivery}/{DATA_FILE}", modified, root)
    # The newest January manifest lists a file that is not (yet) there: an incomplete delivery.
    _manifest(
        "2025-01",
        "20250109T0400Z-partial",
        "20250109T0400Z-partial/" + DATA_FILE,
        1_736_500_000,
        root,
    )
    return root


AZURE = FIXTURE_DATA / "azure"
AZURE_SHAPES = ("ea_actual", "ea_amortized", "mca_actual", "mca_amortized")


def _azure_manifest(run_folder: Path, root: Path, export: str, run_id: str, submitted: str) -> None:
    """The manifest.json a Cost Management export writes into a run's folder."""
    start = run_folder.parent.name.split("-")[0]
    blobs = [
        {"blobName": path.relative_to(root).as_posix(), "byteCount": path.stat().st_size}
        for path in sorted(run_folder.glob("part_*"))
    ]
    manifest = {
        "manifestVersion": "2024-04-01",
        "blobCount": len(blobs),
        "exportConfig": {"exportName": export, "type": "ActualCost", "granularity": "Daily"},
        "deliveryConfig": {"partitionData": True, "dataOverwriteBehavior": "CreateNewReport"},
        "runInfo": {
            "runId": run_id,
            "submittedTime": submitted,
            "startDate": f"{start[:4]}-{start[4:6]}-{start[6:]}T00:00:00",
        },
        "blobs": blobs,
    }
    (run_folder / "manifest.json").write_text(json.dumps(manifest, indent=2))


def lay_out_azure_runs(root: Path) -> Path:
    """The Azure fixture as Cost Management delivers it: every run folder with its manifest, plus,
    for EA actual cost in January, an older run (a shorter file) and a run still being written
    (its file, no manifest yet). Only the committed runs may be read."""
    for shape in AZURE_SHAPES:
        for source in sorted((AZURE / shape).rglob("part_*.csv*")):
            run_folder = root / "azure" / source.relative_to(AZURE).parent
            run_folder.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, run_folder / source.name)
            export = run_folder.parent.parent.name
            _azure_manifest(run_folder, root, export, run_folder.name, "2025-03-04T05:00:00Z")
    january = next((root / "azure" / "ea_actual").rglob("20250101-20250131/*/part_0_0001.csv"))
    range_folder = january.parent.parent
    lines = january.read_text(encoding="utf-8-sig").splitlines(keepends=True)
    older = range_folder / "run-older"
    older.mkdir()
    (older / "part_0_0001.csv").write_text("".join(lines[:3]), encoding="utf-8")
    _azure_manifest(older, root, range_folder.parent.name, "run-older", "2025-02-02T05:00:00Z")
    writing = range_folder / "run-writing"
    writing.mkdir()
    shutil.copyfile(january, writing / "part_0_0001.csv")
    return root


def focus_rows(build: Build) -> list[tuple]:
    """The mart without x_SourceFile (which names where each file was read from)."""
    return build.query(f"select * exclude (x_SourceFile) from {MART} order by all")


def azure_env(data_root: str) -> dict[str, str]:
    """Point every Azure shape and the manifests at `data_root` (laid out by lay_out_azure_runs)."""
    env = {
        f"FOCUS_AZURE_{shape.upper()}_PATH": f"{data_root}/azure/{shape}/**/*.csv*"
        for shape in AZURE_SHAPES
    }
    env["FOCUS_AZURE_MANIFEST_PATH"] = f"{data_root}/azure/**/manifest.json"
    return env


def cloud_build(
    work: Path, data_root: str, extra_env: dict, select: str | None = None
) -> tuple[Build, str]:
    """Build every provider from `data_root`; `select` builds only those models (error cases)."""
    work.mkdir(parents=True, exist_ok=True)
    env = {
        "FOCUS_AWS_CUR2_PATH": f"{data_root}/cur2/acme-cur2/data/**/*.parquet",
        "FOCUS_AWS_MANIFEST_PATH": f"{data_root}/cur2/acme-cur2/metadata/**/*-Manifest.json",
        **extra_env,
    }
    result = run_dbt(
        ["build"] + (["--select", select] if select else []),
        duckdb_path=work / "focus.duckdb",
        raw_path=FIXTURE_DATA,
        work_dir=work,
        dbt_vars=all_providers_vars(),
        extra_env=env,
    )
    return Build(work / "focus.duckdb", FIXTURE_DATA, work / "target", result), result.output


def delivery_status(build: Build) -> dict[str, str]:
    rows = build.query(
        "select data_file, delivery_status from main_intermediate.int_aws__delivery_files"
    )
    return {path.split("/data/", 1)[1]: status for path, status in rows}


# The error cases build only the first models that read the store: a refused credential fails there,
# and building every other provider again would prove nothing more.
AWS_FIRST_READ = "+int_aws__delivery_files +stg_aws__cur2_line_items"
AZURE_FIRST_READ = "+int_azure__delivery_files +stg_azure__ea_actual_cost_details"

EXPECTED_STATUS = {
    f"BILLING_PERIOD=2025-01/20250103T0400Z-stale/{DATA_FILE}": "superseded",
    f"BILLING_PERIOD=2025-01/20250105T0400Z-final/{DATA_FILE}": "selected",
    f"BILLING_PERIOD=2025-01/20250107T0400Z-writing/{DATA_FILE}": "unlisted",
    f"BILLING_PERIOD=2025-01/20250109T0400Z-partial/{DATA_FILE}": "missing",
    f"BILLING_PERIOD=2025-02/20250302T0400Z-final/{DATA_FILE}": "selected",
}


# --------------------------------------------------------------------------------------------
# The plugin's pure parts
# --------------------------------------------------------------------------------------------


@pytest.mark.quick
def test_no_secret_without_a_credential_source_in_the_environment():
    assert storage.s3_secret_sql({}) is None
    assert storage.azure_secret_sql({}) is None


@pytest.mark.quick
def test_s3_secret_uses_the_credential_chain_and_an_s3_compatible_endpoint():
    sql = storage.s3_secret_sql(
        {
            "AWS_PROFILE": "billing-reader",
            "AWS_REGION": "eu-west-1",
            "AWS_ENDPOINT_URL": "http://127.0.0.1:9000",
        }
    )
    assert "provider credential_chain" in sql and "profile 'billing-reader'" in sql
    assert "region 'eu-west-1'" in sql and "endpoint '127.0.0.1:9000'" in sql
    assert "use_ssl false" in sql and "url_style 'path'" in sql
    # The keys themselves never appear in SQL: the chain reads them.
    keyed = storage.s3_secret_sql(
        {"AWS_ACCESS_KEY_ID": "AKIAEXAMPLE", "AWS_SECRET_ACCESS_KEY": "s3cr3t"}
    )
    assert "AKIAEXAMPLE" not in keyed and "s3cr3t" not in keyed


@pytest.mark.quick
def test_azure_secret_from_a_connection_string_or_the_credential_chain():
    sas = storage.azure_secret_sql(
        {"AZURE_STORAGE_CONNECTION_STRING": "BlobEndpoint=x;SharedAccessSignature=sv=1&sig=a'b"}
    )
    assert "connection_string 'BlobEndpoint=x;SharedAccessSignature=sv=1&sig=a''b'" in sas
    chain = storage.azure_secret_sql({"AZURE_STORAGE_ACCOUNT": "acmebilling"})
    assert "provider credential_chain" in chain and "account_name 'acmebilling'" in chain


@pytest.mark.quick
def test_packaged_extensions_are_found_for_the_pinned_duckdb():
    files = storage.packaged_extension_files(duckdb.__version__.lstrip("v").join(["v", ""]))
    assert set(files) == {"httpfs", "aws", "azure"}, "pip install -e . installs duckdb-extension-*"


@pytest.mark.quick
@pytest.mark.parametrize(
    ("message", "expected"),
    [
        (
            "Runtime Error in model stg_aws__cur2_line_items (models/x.sql)\n"
            "  HTTP Error: HTTP GET error reading 's3://acme/cur2/data' in region 'us-east-1' "
            "(HTTP 403 Forbidden)",
            "cannot read s3://acme/cur2/data: access denied",
        ),
        (
            "IO Error: AzureBlobStorageFileSystem Read to az://billing/x/**/*.csv failed with "
            "AuthorizationFailure Reason Phrase: Server failed to authenticate the request.",
            "cannot read az://billing/x/**/*.csv: access denied",
        ),
        (
            "IO Error: AzureStorageFileSystem open file 'az://nope/a.csv' failed with code "
            "'ContainerNotFound'",
            "cannot read az://nope/a.csv: not found",
        ),
    ],
)
def test_object_store_errors_become_one_line_with_the_fix(message, expected):
    sys.path.insert(0, str(REPO_ROOT / "scripts"))
    import focus_run

    line = focus_run.object_store_line(message)
    assert line.startswith(expected), line
    assert ("AWS_PROFILE" in line) if "s3://" in expected else ("Storage Blob Data Reader" in line)
    assert focus_run.object_store_line("Conversion Error: could not cast 'abc'") is None


# --------------------------------------------------------------------------------------------
# Builds
# --------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def deliveries(tmp_path_factory) -> Path:
    root = lay_out_deliveries(tmp_path_factory.mktemp("bucket"))
    return lay_out_azure_runs(root)


def azure_status(build: Build) -> dict[str, int]:
    rows = build.query(
        "select delivery_status, count(*) from main_intermediate.int_azure__delivery_files "
        "group by all"
    )
    return dict(rows)


EXPECTED_AZURE_STATUS = {"selected": 8, "superseded": 1, "unlisted": 1}


def test_local_deliveries_read_only_the_latest_complete_one(
    deliveries, all_providers_build, tmp_path, report_figure
):
    build, output = cloud_build(tmp_path / "local", str(deliveries), azure_env(str(deliveries)))
    assert build.result.returncode == 0, output[-3000:]
    assert delivery_status(build) == EXPECTED_STATUS
    assert azure_status(build) == EXPECTED_AZURE_STATUS
    assert focus_rows(build) == focus_rows(all_providers_build)
    report_figure(f"deliveries (local): {len(focus_rows(build))} FOCUS rows, as from the fixture")


def test_s3_read_only_credentials_read_the_same_focus_rows(
    deliveries, all_providers_build, tmp_path, report_figure
):
    import boto3
    from botocore.exceptions import ClientError

    with s3_with_read_only_user(BUCKET, deliveries) as credentials:
        # The credentials really are read-only: writing is refused by moto's IAM.
        s3 = boto3.client(
            "s3",
            endpoint_url=credentials.endpoint,
            region_name="us-east-1",
            aws_access_key_id=credentials.access_key_id,
            aws_secret_access_key=credentials.secret_access_key,
        )
        with pytest.raises(ClientError, match="AccessDenied"):
            s3.put_object(Bucket=BUCKET, Key="probe", Body=b"x")

        build, output = cloud_build(tmp_path / "s3", f"s3://{BUCKET}", credentials.env())
        assert build.result.returncode == 0, output[-3000:]
        assert delivery_status(build) == EXPECTED_STATUS
        assert focus_rows(build) == focus_rows(all_providers_build)
        sources = build.query(
            f"select distinct x_SourceFile from {MART} where x_SourceSystem like 'aws_cur%'"
        )
        assert all(path.startswith(f"s3://{BUCKET}/") for (path,) in sources)
        report_figure(
            f"deliveries (moto S3, read-only IAM user): {len(focus_rows(build))} FOCUS rows, "
            "as from the fixture"
        )

        wrong = {**credentials.env(), "AWS_SECRET_ACCESS_KEY": "not-the-secret"}
        _, output = cloud_build(
            tmp_path / "s3_wrong_key", f"s3://{BUCKET}", wrong, select=AWS_FIRST_READ
        )
        assert "403" in output or "SignatureDoesNotMatch" in output, output[-2000:]

        _, output = cloud_build(
            tmp_path / "s3_no_bucket",
            "s3://no-such-bucket",
            credentials.env(),
            select=AWS_FIRST_READ,
        )
        assert "no-such-bucket" in output and (
            "403" in output or "404" in output or "No files found" in output
        ), output[-2000:]


@pytest.mark.skipif(
    not azurite_available(), reason="Azurite not installed: run `make azurite` (npm)"
)
def test_azure_blob_sas_reads_the_same_focus_rows(
    deliveries, all_providers_build, tmp_path, report_figure
):
    with azurite_with_read_only_sas("billing", deliveries, tmp_path / "azurite") as credentials:
        env = {**credentials.env(), **azure_env("az://billing")}
        build, output = cloud_build(tmp_path / "az", "az://billing", env)
        assert build.result.returncode == 0, output[-3000:]
        assert delivery_status(build) == EXPECTED_STATUS
        assert azure_status(build) == EXPECTED_AZURE_STATUS
        sources = build.query(
            f"select distinct x_SourceFile from {MART} "
            "where x_Provider = 'azure' and x_SourceSystem not like 'azure_focus%'"
        )
        assert sources and all(path.startswith("az://billing/azure/") for (path,) in sources)
        assert focus_rows(build) == focus_rows(all_providers_build)
        report_figure(
            f"deliveries (Azurite, read+list SAS): {len(focus_rows(build))} FOCUS rows, "
            "as from the fixture"
        )

        forged = credentials.sas_token.replace("sig=", "sig=AAAA")
        wrong = {
            "AZURE_STORAGE_CONNECTION_STRING": (
                f"BlobEndpoint={credentials.blob_endpoint};SharedAccessSignature={forged}"
            )
        }
        _, output = cloud_build(
            tmp_path / "az_wrong",
            "az://billing",
            {**wrong, **azure_env("az://billing")},
            select=AZURE_FIRST_READ,
        )
        assert "AuthorizationFailure" in output or "403" in output, output[-2000:]
