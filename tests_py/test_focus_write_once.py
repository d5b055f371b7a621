"""write-once (DECISIONLOG D-680..D-682): on DuckDB the FOCUS mart is written once, as one Parquet
file per billing period, and the Parquet-only export links those files.

The reference is the table-backed mart of D-019 (``focus_mart_parquet: false``, main's
materialization), built from the same DuckDB file: its export must hold the same rows as the
file-backed mart's export (EXCEPT ALL both ways), and, as both follow ``scripts/focus_export.py``'s
columns, order and options, the same bytes.
"""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

import duckdb
import pytest
from conftest import FIXTURE_DATA, MART, REPO_ROOT, Build, run_dbt

sys.path.insert(0, str(REPO_ROOT / "scripts"))

import focus_export  # noqa: E402


def parquet_files(export_dir: Path) -> dict[str, Path]:
    return {
        path.parent.name: path for path in sorted(export_dir.glob("focus-*/billing_period=*/*"))
    }


def test_the_export_of_the_file_backed_mart_equals_the_table_backed_one(
    fixture_build: Build, tmp_path: Path
) -> None:
    # The session build is file-backed: a view whose comment names the period files' folder.
    schema, name = MART.split(".")
    comment = fixture_build.query(
        f"select comment from duckdb_views() where schema_name = '{schema}' "
        f"and view_name = '{name}'"
    )
    assert comment and comment[0][0], "the mart is not a view with the period files' comment"
    folder = Path(json.loads(comment[0][0])["folder"])
    mart_files = sorted(folder.glob("billing_period=*/part-00000.parquet"))
    assert [path.parent.name for path in mart_files] == [
        "billing_period=2025-01",
        "billing_period=2025-02",
    ]

    # The same project with the table-backed mart of D-019, in a copy of the DuckDB file (the
    # same file name: DuckDB names the catalog after it).
    table_dir = tmp_path / "table"
    table_dir.mkdir()
    table_duckdb = table_dir / fixture_build.duckdb_path.name
    shutil.copyfile(fixture_build.duckdb_path, table_duckdb)
    result = run_dbt(
        ["run", "--select", "focus_cost_and_usage"],
        duckdb_path=table_duckdb,
        raw_path=FIXTURE_DATA,
        work_dir=table_dir,
        dbt_vars={"focus_mart_parquet": False},
    )
    assert result.returncode == 0, result.output[-4000:]
    with duckdb.connect(str(table_duckdb), read_only=True) as connection:
        kind = connection.execute(
            "select table_type from information_schema.tables "
            "where table_schema = ? and table_name = ?",
            [schema, name],
        ).fetchone()
    assert kind == ("BASE TABLE",)

    exports = {}
    for label, duckdb_path, manifest in (
        ("files", fixture_build.duckdb_path, fixture_build.target_path / "manifest.json"),
        ("table", table_duckdb, table_dir / "target" / "manifest.json"),
    ):
        exports[label] = focus_export.export_from_project(
            REPO_ROOT,
            duckdb_path,
            tmp_path / f"export_{label}",
            "parquet",
            manifest_path=manifest,
        )
    files = parquet_files(tmp_path / "export_files")
    table = parquet_files(tmp_path / "export_table")
    assert sorted(files) == sorted(table) == ["billing_period=2025-01", "billing_period=2025-02"]

    # The file-backed export linked (or copied) the mart's files instead of writing them.
    for path in files.values():
        mart_file = folder / path.parent.name / path.name
        assert path.read_bytes() == mart_file.read_bytes()

    # Same rows, both ways, with duplicates counted (EXCEPT ALL).
    with duckdb.connect() as connection:
        connection.execute("set TimeZone = 'UTC'")
        for period in files:
            left = f"read_parquet('{files[period]}')"
            right = f"read_parquet('{table[period]}')"
            counts = connection.execute(
                f"select (select count(*) from {left}), (select count(*) from {right}), "
                f"(select count(*) from (select * from {left} except all select * from {right})),"
                f"(select count(*) from (select * from {right} except all select * from {left}))"
            ).fetchone()
            assert counts[0] == counts[1] > 0 and counts[2:] == (0, 0), (period, counts)

    # Same bytes, and metadata.json lists the same files with the same SHA-256.
    for period in files:
        assert files[period].read_bytes() == table[period].read_bytes(), period
    listed = {
        label: [
            (entry["Path"], entry["Rows"], entry["Sha256"])
            for entry in result.metadata["x_ExportReport"]["Files"]
        ]
        for label, result in exports.items()
    }
    assert listed["files"] == listed["table"]
    assert (
        exports["files"].metadata["Schema"]["SchemaId"]
        == (exports["table"].metadata["Schema"]["SchemaId"])
    )


@pytest.mark.quick
def test_the_mart_files_carry_the_export_metadata(fixture_build: Build) -> None:
    schema, name = MART.split(".")
    comment = fixture_build.query(
        f"select comment from duckdb_views() where schema_name = '{schema}' "
        f"and view_name = '{name}'"
    )
    folder = Path(json.loads(comment[0][0])["folder"])
    files = sorted(folder.glob("billing_period=*/part-00000.parquet"))
    with duckdb.connect() as connection:
        listing = "[" + ", ".join(f"'{path}'" for path in files) + "]"
        keys = connection.execute(
            f"select distinct decode(key), decode(value) from parquet_kv_metadata({listing}) "
            "order by 1"
        ).fetchall()
        compression = connection.execute(
            f"select distinct compression from parquet_metadata({listing})"
        ).fetchall()
    assert [key for key, _ in keys] == ["FocusVersion", "SchemaId"]
    assert dict(keys)["FocusVersion"] == "1.2"
    assert compression == [("ZSTD",)]
