"""Tests for scripts/focus_export.py, and for the pure helpers and the pipeline of focus_run.py.

The data is tests_py/fixtures/focus_1_2_sample.csv: five FOCUS 1.2 rows (two billing periods)
built on the spec's commitment-discount examples, loaded into a DuckDB file with FOCUS types
(from seeds/focus/focus_columns.csv) beside a minimal fake dbt manifest.
"""

from __future__ import annotations

import csv
import hashlib
import importlib
import io
import json
import logging
import re
import shutil
import sys
from datetime import datetime, timezone
from pathlib import Path
from types import SimpleNamespace

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

REPO_ROOT = Path(__file__).resolve().parent.parent
SCRIPTS = REPO_ROOT / "scripts"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SAMPLE_CSV = FIXTURES / "focus_1_2_sample.csv"
FOCUS_COLUMNS_SEED = REPO_ROOT / "seeds" / "focus" / "focus_columns.csv"
NODE_ID = "model.finops_focus.focus_cost_and_usage"
NOW = datetime(2024, 3, 2, tzinfo=timezone.utc)

if str(SCRIPTS) not in sys.path:
    sys.path.insert(0, str(SCRIPTS))
focus_export = importlib.import_module("focus_export")
focus_run = importlib.import_module("focus_run")

SQL_TYPES = {
    "Decimal": "decimal(38, 10)",
    "Date/Time": "timestamptz",
    "JSON": "json",
    "String": "varchar",
}


# --------------------------------------------------------------------------------------------
# Builders
# --------------------------------------------------------------------------------------------


def focus_columns() -> dict[str, dict[str, str]]:
    return focus_export.load_focus_columns(FOCUS_COLUMNS_SEED, "1.2")


def build_sample_db(path: Path, reverse: bool = False) -> str:
    """Load the sample CSV into <path> as main_focus.focus_cost_and_usage; return the relation."""
    types = focus_columns()
    header = next(csv.reader(SAMPLE_CSV.open(encoding="utf-8")))
    select = ", ".join(
        f'cast("{name}" as {SQL_TYPES.get(types.get(name, {}).get("data_type"), "varchar")}) '
        f'as "{name}"'
        for name in header
    )
    order = "desc" if reverse else "asc"
    connection = duckdb.connect(str(path))
    try:
        connection.execute("create schema main_focus")
        connection.execute(
            f"create table main_focus.focus_cost_and_usage as select {select} "
            f"from read_csv('{SAMPLE_CSV}', all_varchar = true, header = true) "
            f'order by "ChargeCategory" {order}'
        )
    finally:
        connection.close()
    return f"{path.stem}.main_focus.focus_cost_and_usage"


def write_manifest(path: Path, database: str, focus_version: str | None = "1.2") -> Path:
    meta = {"focus_version": focus_version} if focus_version else {}
    manifest = {
        "metadata": {"adapter_type": "duckdb"},
        "nodes": {
            NODE_ID: {
                "name": "focus_cost_and_usage",
                "database": database,
                "schema": "main_focus",
                "alias": "focus_cost_and_usage",
                "config": {"meta": meta},
                "columns": {"Tags": {"meta": {"provider_tag_prefixes": ["example:"]}}},
            }
        },
    }
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(manifest), encoding="utf-8")
    return path


def run_export(db: Path, relation: str, export_dir: Path, now: datetime = NOW):
    return focus_export.export(
        db,
        relation,
        "1.2",
        export_dir,
        "parquet,csv",
        focus_columns=focus_columns(),
        provider_tag_prefixes=["example:"],
        project_version="0.3.1",
        now=now,
    )


def data_files(root: Path) -> dict[str, bytes]:
    return {
        path.relative_to(root).as_posix(): path.read_bytes()
        for path in sorted(root.rglob("part-*"))
    }


@pytest.fixture(scope="module")
def sample_db(tmp_path_factory) -> tuple[Path, str]:
    path = tmp_path_factory.mktemp("db") / "focus_sample.duckdb"
    return path, build_sample_db(path)


@pytest.fixture(scope="module")
def exported(sample_db, tmp_path_factory):
    db, relation = sample_db
    export_dir = tmp_path_factory.mktemp("exports")
    result = run_export(db, relation, export_dir)
    return result, export_dir


def read_csv_rows(path: Path) -> list[dict[str, str]]:
    text = path.read_bytes().decode("utf-8")
    return list(csv.DictReader(io.StringIO(text, newline="")))


# --------------------------------------------------------------------------------------------
# Layout, CSV, Parquet, metadata
# --------------------------------------------------------------------------------------------


@pytest.mark.quick
def test_layout_is_one_folder_per_billing_period(exported):
    result, export_dir = exported
    root = export_dir / "focus-1.2"
    assert result.path == root
    assert sorted(path.name for path in root.iterdir()) == [
        "billing_period=2024-01",
        "billing_period=2024-02",
        "metadata.json",
    ]
    for period in ("2024-01", "2024-02"):
        files = sorted(path.name for path in (root / f"billing_period={period}").iterdir())
        assert files == ["part-00000.csv", "part-00000.parquet"]
    assert result.rows_per_period == {"2024-01": 3, "2024-02": 2}
    # Nothing but the published folder and the hidden lock file beside it.
    assert sorted(path.name for path in export_dir.iterdir()) == [".focus-1.2.lock", "focus-1.2"]


@pytest.mark.quick
def test_csv_is_rfc4180_with_crlf_and_quoting(exported):
    _, export_dir = exported
    raw = (export_dir / "focus-1.2" / "billing_period=2024-01" / "part-00000.csv").read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf"), "no byte-order mark"
    assert raw.startswith(b"AvailabilityZone,BilledCost,BillingAccountId,")
    assert raw.endswith(b"\r\n")
    assert raw.count(b"\r\n") == 1 + 3, "header + 3 records, each ended by CRLF"
    # A value with a comma, a quote and a newline: quoted, the quote doubled, the LF kept.
    assert b'"Compute instance, ""general purpose""\nper hour"' in raw
    assert b',"Production, EU",' in raw
    # The only bare LF is the one inside that quoted value.
    assert raw.replace(b"\r\n", b"").count(b"\n") == 1


@pytest.mark.quick
def test_csv_values_timestamps_decimals_ids_json(exported):
    _, export_dir = exported
    root = export_dir / "focus-1.2"
    rows = read_csv_rows(root / "billing_period=2024-01" / "part-00000.csv")
    rows += read_csv_rows(root / "billing_period=2024-02" / "part-00000.csv")
    types = focus_columns()
    assert len(rows) == 5
    for row in rows:
        for name, value in row.items():
            data_type = types.get(name, {}).get("data_type")
            if value and data_type == "Date/Time":
                assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", value), (name, value)
            if value and data_type == "Decimal":
                assert re.fullmatch(r"-?\d+\.\d+", value), (name, value)
            if value and data_type == "JSON":
                assert isinstance(json.loads(value), dict)
        assert row["BillingAccountId"] == "000123456789"
        assert row["SubAccountId"] == "001122334455"
    usage = next(row for row in rows if row["SkuPriceId"] == "SKU-VM-4-CD")
    assert usage["BilledCost"] == "0.0000000000"
    assert usage["ListCost"] == "1.5000000000"
    assert usage["ChargePeriodStart"] == "2024-01-01T00:00:00Z"
    assert usage["ChargeClass"] == ""
    assert json.loads(usage["Tags"]) == {"env": "prod", "example:createdBy": "alice"}
    storage = next(row for row in rows if row["SkuPriceId"] == "SKU-OBJ-STD")
    assert storage["ResourceId"] == "000042"
    assert storage["x_UsageType"] == "TimedStorage-ByteHrs (Zürich €)"


@pytest.mark.quick
def test_parquet_types(exported):
    _, export_dir = exported
    path = export_dir / "focus-1.2" / "billing_period=2024-01" / "part-00000.parquet"
    schema = pq.read_schema(path)
    assert schema.field("BilledCost").type == pa.decimal128(38, 10)
    assert schema.field("BillingPeriodStart").type == pa.timestamp("us", tz="UTC")
    assert schema.field("BillingAccountId").type == pa.string()
    assert schema.field("Tags").type == pa.string()
    assert schema.field("x_UsageType").type == pa.string()
    parquet = pq.ParquetFile(path)
    index = parquet.schema_arrow.get_field_index("ChargePeriodEnd")
    logical = json.loads(parquet.schema.column(index).logical_type.to_json())
    assert logical["Type"] == "Timestamp" and logical["isAdjustedToUTC"] is True
    assert parquet.metadata.row_group(0).column(0).compression == "ZSTD"
    table = parquet.read()
    assert table.num_rows == 3
    assert set(table.column("BillingAccountId").to_pylist()) == {"000123456789"}
    kv = {key.decode(): value.decode() for key, value in parquet.schema_arrow.metadata.items()}
    metadata = json.loads((export_dir / "focus-1.2" / "metadata.json").read_text())
    assert kv["FocusVersion"] == "1.2"
    assert kv["SchemaId"] == metadata["Schema"]["SchemaId"]


@pytest.mark.quick
def test_metadata_follows_focus_metadata_rules(exported):
    _, export_dir = exported
    root = export_dir / "focus-1.2"
    metadata = json.loads((root / "metadata.json").read_text(encoding="utf-8"))
    schema = metadata["Schema"]
    assert metadata["DataGenerator"] == {"DataGenerator": "finops-focus"}
    assert re.fullmatch(
        r"[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}", schema["SchemaId"]
    )
    assert schema["FocusVersion"] == "1.2"
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", schema["CreationDate"])
    assert schema["DataGeneratorVersion"] == "0.3.1+focus.1.2"
    definitions = {item["ColumnName"]: item for item in schema["ColumnDefinition"]}
    header = next(csv.reader(SAMPLE_CSV.open(encoding="utf-8")))
    assert list(definitions) == header
    assert definitions["BilledCost"] == {
        "ColumnName": "BilledCost",
        "DataType": "DECIMAL",
        "NumericPrecision": 38,
        "NumberScale": 10,
    }
    assert definitions["ChargePeriodStart"]["DataType"] == "DATETIME"
    assert definitions["BillingAccountId"] == {
        "ColumnName": "BillingAccountId",
        "DataType": "STRING",
        "StringEncoding": "UTF-8",
    }
    assert definitions["Tags"]["DataType"] == "JSON"
    assert definitions["Tags"]["ProviderTagPrefixes"] == ["example:"]
    assert definitions["SkuPriceDetails"]["DataType"] == "JSON"
    for item in definitions.values():
        assert None not in item.values()

    report = metadata["x_ExportReport"]
    assert report["RowCount"] == 5
    assert report["RowsPerBillingPeriod"] == {"2024-01": 3, "2024-02": 2}
    assert len(report["FocusColumns"]) == 57
    assert report["CustomColumns"] == ["x_UsageType"]
    assert report["UnknownColumns"] == [] and report["MissingMandatoryColumns"] == []
    assert report["LatestChargePeriodEnd"] == "2024-03-01T00:00:00Z"
    assert report["DataFreshnessHours"] == 24.0
    assert report["ExportedAt"] == "2024-03-02T00:00:00Z"

    listed = {item["Path"]: item for item in report["Files"]}
    assert set(listed) == set(data_files(root))
    for relative, content in data_files(root).items():
        assert listed[relative]["Sha256"] == hashlib.sha256(content).hexdigest()
        assert listed[relative]["Bytes"] == len(content)


# --------------------------------------------------------------------------------------------
# Determinism and atomic publishing
# --------------------------------------------------------------------------------------------


@pytest.mark.quick
def test_reexport_is_byte_identical_whatever_the_insertion_order(exported, tmp_path):
    result, export_dir = exported
    reversed_db = tmp_path / "focus_sample.duckdb"
    relation = build_sample_db(reversed_db, reverse=True)
    later = datetime(2024, 4, 1, tzinfo=timezone.utc)
    again = run_export(reversed_db, relation, tmp_path / "exports", now=later)
    assert data_files(again.path) == data_files(result.path)
    assert again.metadata["Schema"]["SchemaId"] == result.metadata["Schema"]["SchemaId"]


@pytest.mark.quick
def test_reexport_in_place_keeps_schema_creation_date(sample_db, tmp_path):
    db, relation = sample_db
    first = run_export(db, relation, tmp_path)
    second = run_export(db, relation, tmp_path, now=datetime(2025, 1, 1, tzinfo=timezone.utc))
    assert second.metadata["Schema"]["CreationDate"] == first.metadata["Schema"]["CreationDate"]
    assert second.metadata["x_ExportReport"]["ExportedAt"] == "2025-01-01T00:00:00Z"
    assert [path.name for path in tmp_path.iterdir() if path.name.startswith(".focus-1.2.")] == [
        ".focus-1.2.lock"
    ]


@pytest.mark.quick
def test_failure_mid_export_leaves_previous_export_intact(sample_db, tmp_path, monkeypatch):
    db, relation = sample_db
    run_export(db, relation, tmp_path)
    root = tmp_path / "focus-1.2"
    before = {**data_files(root), "metadata.json": (root / "metadata.json").read_bytes()}

    real_write_period = focus_export._write_period
    calls = []

    def fail_on_second_period(*args, **kwargs):
        calls.append(args[3])
        if len(calls) == 2:
            raise RuntimeError("disk full (simulated)")
        return real_write_period(*args, **kwargs)

    monkeypatch.setattr(focus_export, "_write_period", fail_on_second_period)
    with pytest.raises(RuntimeError, match="simulated"):
        run_export(db, relation, tmp_path, now=datetime(2030, 1, 1, tzinfo=timezone.utc))

    assert calls == ["2024-01", "2024-02"]
    after = {**data_files(root), "metadata.json": (root / "metadata.json").read_bytes()}
    assert after == before
    leftovers = [path.name for path in tmp_path.iterdir() if path.name.startswith(".focus-1.2.")]
    assert leftovers == [".focus-1.2.lock"], "no partial folder left behind"


@pytest.mark.quick
def test_stale_folders_are_cleaned_and_an_interrupted_swap_is_undone(sample_db, tmp_path):
    db, relation = sample_db
    run_export(db, relation, tmp_path)
    root = tmp_path / "focus-1.2"
    metadata = (root / "metadata.json").read_bytes()
    # A killed export left its temp folder; a swap died between its two renames.
    (tmp_path / ".focus-1.2.tmp-99999-deadbeef" / "billing_period=2024-01").mkdir(parents=True)
    root.rename(tmp_path / ".focus-1.2.old-99999-deadbeef")

    focus_export.recover_and_clean(root)

    assert (root / "metadata.json").read_bytes() == metadata
    assert sorted(path.name for path in tmp_path.iterdir()) == [".focus-1.2.lock", "focus-1.2"]


# --------------------------------------------------------------------------------------------
# Type rules on a table that is not FOCUS-typed
# --------------------------------------------------------------------------------------------


@pytest.mark.quick
def test_type_normalization_for_loosely_typed_columns(tmp_path):
    db = tmp_path / "loose.duckdb"
    connection = duckdb.connect(str(db))
    connection.execute(
        """
        create table main.focus as select
            timestamp '2024-05-01 00:00:00' as BillingPeriodStart,
            timestamp '2024-05-01 13:14:15' as ChargePeriodEnd,
            12::decimal(18, 0) as PricingQuantity,
            1e-12::double as x_Ratio,
            123456789012::bigint as SubAccountId,
            {'env': 'prod'}::struct(env varchar) as Tags
        """
    )
    connection.close()
    result = focus_export.export(
        db, "loose.main.focus", "1.2", tmp_path / "out", ["csv", "parquet"],
        focus_columns=focus_columns(), now=NOW,
    )  # fmt: skip
    period = result.path / "billing_period=2024-05"
    (row,) = read_csv_rows(period / "part-00000.csv")
    assert row["ChargePeriodEnd"] == "2024-05-01T13:14:15Z"
    assert row["PricingQuantity"] == "12.0"
    assert row["x_Ratio"] == "0.000000000001000000"
    assert row["SubAccountId"] == "123456789012"
    assert json.loads(row["Tags"]) == {"env": "prod"}
    schema = pq.read_schema(period / "part-00000.parquet")
    assert schema.field("ChargePeriodEnd").type == pa.timestamp("us", tz="UTC")
    assert schema.field("SubAccountId").type == pa.string()
    assert schema.field("Tags").type == pa.string()
    definitions = {
        item["ColumnName"]: item for item in result.metadata["Schema"]["ColumnDefinition"]
    }
    assert definitions["Tags"]["ProviderTagPrefixes"] == []
    assert definitions["SubAccountId"]["DataType"] == "STRING"
    assert result.metadata["x_ExportReport"]["MissingMandatoryColumns"]


@pytest.mark.quick
@pytest.mark.parametrize(
    ("duckdb_type", "focus_type", "kind"),
    [
        ("DECIMAL(38,10)", "Decimal", "decimal"),
        ("TIMESTAMP WITH TIME ZONE", "Date/Time", "timestamptz"),
        ("TIMESTAMP_NS", "Date/Time", "timestamp"),
        ("VARCHAR", "JSON", "json"),
        ("MAP(VARCHAR, VARCHAR)", "JSON", "nested"),
        ("BIGINT", "String", "string"),
        ("BIGINT", None, "integer"),
        ("DOUBLE", None, "float"),
        ("VARCHAR", "String", "string"),
    ],
)
def test_classify(duckdb_type, focus_type, kind):
    assert focus_export.classify("SomeColumn", duckdb_type, focus_type).kind == kind


@pytest.mark.quick
def test_schema_id_changes_with_structure_only():
    columns = [{"ColumnName": "BilledCost", "DataType": "DECIMAL"}]
    same = focus_export.schema_id("1.2", list(columns))
    assert same == focus_export.schema_id("1.2", columns)
    assert same != focus_export.schema_id("1.3", columns)
    assert same != focus_export.schema_id(
        "1.2", [{"ColumnName": "BilledCost", "DataType": "STRING"}]
    )


@pytest.mark.quick
def test_parse_formats():
    assert focus_export.parse_formats("csv, parquet") == ["parquet", "csv"]
    with pytest.raises(focus_export.ExportError):
        focus_export.parse_formats("parquet,xlsx")


# --------------------------------------------------------------------------------------------
# Manifest and CLI
# --------------------------------------------------------------------------------------------


@pytest.mark.quick
def test_read_manifest_model(tmp_path):
    manifest = write_manifest(tmp_path / "manifest.json", "warehouse")
    model = focus_export.read_manifest_model(manifest)
    assert model.relation == "warehouse.main_focus.focus_cost_and_usage"
    assert model.focus_version == "1.2"
    assert model.provider_tag_prefixes == ("example:",)
    with pytest.raises(focus_export.ExportError, match="focus_version"):
        focus_export.read_manifest_model(write_manifest(tmp_path / "m2.json", "w", None))
    with pytest.raises(focus_export.ExportError, match="has no node"):
        focus_export.read_manifest_model(manifest, "model.finops_focus.other")
    with pytest.raises(focus_export.ExportError, match="no dbt manifest"):
        focus_export.read_manifest_model(tmp_path / "missing.json")


def make_project(root: Path, database: str) -> Path:
    """A folder with what focus_export's CLI reads from a dbt project."""
    (root / "seeds" / "focus").mkdir(parents=True)
    shutil.copyfile(FOCUS_COLUMNS_SEED, root / "seeds" / "focus" / "focus_columns.csv")
    (root / "dbt_project.yml").write_text('name: finops_focus\nversion: "0.3.1"\n')
    write_manifest(root / "target" / "manifest.json", database)
    return root


@pytest.mark.quick
def test_export_main(sample_db, tmp_path, caplog):
    caplog.set_level(logging.INFO)
    db, _ = sample_db
    project = make_project(tmp_path / "project", db.stem)
    argv = ["--project-dir", str(project), "--duckdb-path", str(db)]
    assert focus_export.main([*argv, "--export-dir", str(tmp_path / "out")]) == 0
    metadata = json.loads((tmp_path / "out" / "focus-1.2" / "metadata.json").read_text())
    assert metadata["Schema"]["DataGeneratorVersion"] == "0.3.1+focus.1.2"
    assert "[2/2] billing_period=2024-02: 2 rows" in caplog.text

    caplog.clear()
    missing = ["--project-dir", str(project), "--duckdb-path", str(tmp_path / "none.duckdb")]
    assert focus_export.main([*missing, "--export-dir", str(tmp_path / "out")]) == 2
    assert "DuckDB file not found" in caplog.text


# --------------------------------------------------------------------------------------------
# focus_run: pure helpers
# --------------------------------------------------------------------------------------------


def node_result(status: str, unique_id: str, failures: int | None = None, message: str = ""):
    return SimpleNamespace(
        status=status,
        node=SimpleNamespace(unique_id=unique_id),
        failures=failures,
        message=message,
    )


@pytest.mark.quick
def test_summarize_build_maps_results_to_exit_codes():
    def outcome(success, results=(), exception=None):
        return SimpleNamespace(
            success=success, exception=exception, result=SimpleNamespace(results=list(results))
        )

    ok = [node_result("success", "model.p.a"), node_result("pass", "test.p.t")]
    assert focus_run.summarize_build(outcome(True, ok)) == (0, [])
    code, lines = focus_run.summarize_build(
        outcome(False, [*ok, node_result("fail", "test.p.not_null_x", 3)])
    )
    assert (code, lines) == (1, ["dbt test failed: test.p.not_null_x: 3 failing rows"])
    code, lines = focus_run.summarize_build(
        outcome(False, [node_result("error", "model.p.b", message="Binder Error: x\nmore"),
                        node_result("fail", "test.p.t2", 1)])
    )  # fmt: skip
    assert code == 2 and lines[0] == "dbt error in model.p.b: Binder Error: x"
    header = "Runtime Error in model c (models/c.sql)\n  Conversion Error: bad cast"
    code, lines = focus_run.summarize_build(
        outcome(False, [node_result("error", "model.p.c", message=header)])
    )
    assert lines == ["dbt error in model.p.c: Conversion Error: bad cast"]
    corrupt = (
        "Runtime Error in model stg (models/stg.sql)\n  Invalid Input Error: No magic bytes "
        "found at end of file '/data/cur2/x.parquet'"
    )
    code, lines = focus_run.summarize_build(
        outcome(False, [node_result("error", "model.p.stg", message=corrupt)])
    )
    assert lines == ["cannot read /data/cur2/x.parquet: No magic bytes found at end of file"]
    # DuckDB's words for a file without read permission (seen running as an unprivileged user).
    denied = 'IO Error: Cannot open file "/data/cur2/x.parquet": Permission denied'
    assert focus_run.unreadable_file_line(denied) == (
        "cannot read /data/cur2/x.parquet: Cannot open file: Permission denied"
    )
    code, lines = focus_run.summarize_build(outcome(False, [node_result("fail", "test.p.one", 1)]))
    assert lines == ["dbt test failed: test.p.one: 1 failing row"]
    code, lines = focus_run.summarize_build(
        SimpleNamespace(success=False, exception=RuntimeError("profile not found"), result=None)
    )
    assert code == 2 and "profile not found" in lines[0]
    bare_header = RuntimeError("Runtime Error\n  The profile 'p' does not have a target named 'x'.")
    _, lines = focus_run.summarize_build(
        SimpleNamespace(success=False, exception=bare_header, result=None)
    )
    assert lines == ["dbt build could not run: The profile 'p' does not have a target named 'x'."]


@pytest.mark.quick
def test_source_paths_and_raw_file_check(tmp_path):
    location = "read_parquet('data/x/**/*.parquet', union_by_name = true, filename = true)"
    assert focus_run.source_paths(location) == ["data/x/**/*.parquet"]
    assert focus_run.source_paths("read_csv(['/a/b.csv', 'it''s.csv'], header = true)") == [
        "/a/b.csv",
        "it's.csv",
    ]
    assert focus_run.source_paths("") == []
    assert focus_run.source_path_variables("source.finops_focus.aws.cur_legacy_csv") == (
        "aws.cur_legacy_csv",
        "FOCUS_AWS_CUR_LEGACY_CSV_PATH",
    )
    (tmp_path / "data" / "x" / "BILLING_PERIOD=2025-01").mkdir(parents=True)
    manifest = {
        "sources": {
            "source.p.aws.cur2": {"config": {"enabled": True, "external_location": location}},
            "source.p.aws.s3": {
                "config": {"external_location": "read_parquet('s3://b/*.parquet')"}
            },
        }
    }
    with pytest.raises(focus_run.RunError) as raised:
        focus_run.check_raw_files(manifest, tmp_path)
    assert str(raised.value) == (
        "no raw billing files match data/x/**/*.parquet (source aws.cur2): "
        "set FOCUS_RAW_DATA_PATH or FOCUS_AWS_CUR2_PATH to where your exports are"
    )
    (tmp_path / "data" / "x" / "BILLING_PERIOD=2025-01" / "a.parquet").write_bytes(b"PAR1")
    focus_run.check_raw_files(manifest, tmp_path)


@pytest.mark.quick
def test_check_profile(tmp_path):
    (tmp_path / "profiles.yml").write_text(
        "finops_focus:\n  target: duckdb\n  outputs:\n    duckdb: {type: duckdb}\n"
    )
    focus_run.check_profile(tmp_path, "finops_focus", "duckdb")
    with pytest.raises(focus_run.RunError, match="has no target 'prod': use --target with one"):
        focus_run.check_profile(tmp_path, "finops_focus", "prod")
    with pytest.raises(focus_run.RunError, match="has no profile 'other'"):
        focus_run.check_profile(tmp_path, "other", "duckdb")


@pytest.mark.quick
def test_ensure_profiles(tmp_path, caplog):
    caplog.set_level(logging.INFO)
    project = tmp_path / "project"
    project.mkdir()
    (project / "dbt_project.yml").write_text("name: p\nprofile: finops_focus\n")
    (project / "profiles.example.yml").write_text("finops_focus: {target: duckdb}\n")
    home = tmp_path / "home"
    home.mkdir()

    # Nothing anywhere: the example is copied.
    assert focus_run.ensure_profiles(None, project, home) == project
    assert (project / "profiles.yml").read_text() == "finops_focus: {target: duckdb}\n"
    assert "copied" in caplog.text

    # ~/.dbt defines the profile and the project has none: use ~/.dbt.
    (project / "profiles.yml").unlink()
    (home / ".dbt").mkdir()
    (home / ".dbt" / "profiles.yml").write_text("finops_focus: {target: prod}\n")
    assert focus_run.ensure_profiles(None, project, home) == home / ".dbt"
    assert not (project / "profiles.yml").exists()

    # ~/.dbt lacks the profile: copy the example after all.
    (home / ".dbt" / "profiles.yml").write_text("other: {}\n")
    assert focus_run.ensure_profiles(None, project, home) == project

    # An explicit --profiles-dir with no profiles.yml gets the example.
    explicit = tmp_path / "explicit"
    assert focus_run.ensure_profiles(explicit, project, home) == explicit
    assert (explicit / "profiles.yml").is_file()


# --------------------------------------------------------------------------------------------
# focus_run: the whole pipeline on a tiny dbt project (dbt in-process, one invocation at a time)
# --------------------------------------------------------------------------------------------


def make_dbt_project(root: Path) -> Path:
    """A dbt project whose focus_cost_and_usage model is the sample, plus a toggled test."""
    types = focus_columns()
    header = next(csv.reader(SAMPLE_CSV.open(encoding="utf-8")))
    (root / "seeds" / "focus").mkdir(parents=True)
    (root / "models").mkdir()
    (root / "tests").mkdir()
    shutil.copyfile(FOCUS_COLUMNS_SEED, root / "seeds" / "focus" / "focus_columns.csv")
    shutil.copyfile(SAMPLE_CSV, root / "seeds" / "focus_sample.csv")
    seed_types = "\n".join(f"        {name}: varchar" for name in header)
    (root / "dbt_project.yml").write_text(
        'name: finops_focus\nversion: "0.3.1"\nconfig-version: 2\nprofile: finops_focus\n'
        "seeds:\n  finops_focus:\n    focus:\n      +enabled: false\n"
        f"    focus_sample:\n      +column_types:\n{seed_types}\n"
    )
    (root / "profiles.example.yml").write_text(
        "finops_focus:\n  target: duckdb\n  outputs:\n    duckdb:\n      type: duckdb\n"
        "      path: target/finops_focus.duckdb\n"
    )
    select = ",\n    ".join(
        f'cast("{name}" as {SQL_TYPES.get(types.get(name, {}).get("data_type"), "varchar")}) '
        f'as "{name}"'
        for name in header
    )
    (root / "models" / "focus_cost_and_usage.sql").write_text(
        "{{ config(materialized='table', meta={'focus_version': '1.2'}) }}\n"
        f"select\n    {select}\nfrom {{{{ ref('focus_sample') }}}}\n"
    )
    (root / "tests" / "assert_billed_cost_is_not_negative.sql").write_text(
        "select * from {{ ref('focus_cost_and_usage') }}\n"
        "where {{ var('strict_credits', false) }} and \"BilledCost\" < 0\n"
    )
    return root


def test_focus_run_builds_then_exports_and_stops_on_test_failure(tmp_path, caplog):
    project = make_dbt_project(tmp_path / "project")
    export_dir = tmp_path / "exports"
    argv = ["--project-dir", str(project), "--export-dir", str(export_dir)]

    assert focus_run.main(argv) == 0
    assert (project / "profiles.yml").is_file(), "profiles.example.yml was copied"
    metadata_path = export_dir / "focus-1.2" / "metadata.json"
    metadata = json.loads(metadata_path.read_text())
    assert metadata["x_ExportReport"]["RowCount"] == 5
    assert metadata["x_ExportReport"]["Relation"] == "finops_focus.main.focus_cost_and_usage"
    published = metadata_path.read_bytes()

    caplog.clear()
    assert focus_run.main([*argv, "--vars", "{strict_credits: true}"]) == 1
    assert (
        "focus_run: dbt test failed: test.finops_focus.assert_billed_cost_is_not_negative: "
        "1 failing row" in caplog.text
    )
    assert metadata_path.read_bytes() == published, "a failed build exports nothing"

    assert focus_run.main([*argv, "--skip-build", "--formats", "csv"]) == 0
    assert not list((export_dir / "focus-1.2").rglob("*.parquet"))
