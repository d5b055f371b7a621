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


MAPPED = ("main_intermediate", "int_aws__line_items_mapped")


def row_counts(connection, left: str, right: str) -> tuple[int, int, int, int]:
    """Rows of two relations and the rows only in each, duplicates counted (EXCEPT ALL)."""
    return connection.execute(
        f"select (select count(*) from {left}), (select count(*) from {right}), "
        f"(select count(*) from (select * from {left} except all select * from {right})), "
        f"(select count(*) from (select * from {right} except all select * from {left}))"
    ).fetchone()


def mapped_file_description(build: Build) -> dict:
    """The mapped step's view comment (focus_parquet_file): its file, rows and materialization."""
    schema, name = MAPPED
    comment = build.query(
        f"select comment from duckdb_views() where schema_name = '{schema}' "
        f"and view_name = '{name}'"
    )
    assert comment and comment[0][0], "the mapped step is not a view with its file's comment"
    return json.loads(comment[0][0])


def relation_kind(duckdb_path: Path, schema: str, name: str) -> str | None:
    with duckdb.connect(str(duckdb_path), read_only=True) as connection:
        kind = connection.execute(
            "select table_type from information_schema.tables "
            "where table_schema = ? and table_name = ?",
            [schema, name],
        ).fetchone()
    return kind[0] if kind else None


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
    assert relation_kind(table_duckdb, schema, name) == "BASE TABLE"

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
            counts = row_counts(
                connection,
                f"read_parquet('{files[period]}')",
                f"read_parquet('{table[period]}')",
            )
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


@pytest.mark.quick
def test_the_mapped_step_is_one_parquet_file_behind_a_view(fixture_build: Build) -> None:
    # D-687: on DuckDB int_aws__line_items_mapped is a view over one Parquet file.
    schema, name = MAPPED
    described = mapped_file_description(fixture_build)
    assert described["materialization"] == "focus_parquet_file"
    file = Path(described["file"])
    assert file.is_absolute() and file.is_file()
    assert file.parent.name == name and not list(file.parent.glob(".tmp-*"))

    # Every raw line item is in the file once (the quarantined ones too: D-670).
    raw, in_view = fixture_build.query(
        "select (select count(*) from main_intermediate.int_aws__line_items_unioned), "
        f"(select count(*) from {schema}.{name})"
    )[0]
    with duckdb.connect() as connection:
        in_file = connection.execute(f"select count(*) from read_parquet('{file}')").fetchone()[0]
    assert raw == in_view == in_file == described["rows"] > 0

    # Parquet keeps the types the readers rely on (costs to the tenth decimal place, naive UTC).
    types = dict(
        fixture_build.query(
            "select column_name, data_type from information_schema.columns "
            f"where table_schema = '{schema}' and table_name = '{name}'"
        )
    )
    assert types["billed_cost"] == "DECIMAL(38,10)"
    assert types["billing_period_start_at"] == "TIMESTAMP"
    assert types["is_quarantined"] == "BOOLEAN"


def test_the_mapped_file_is_replaced_whole_and_a_table_on_request(
    fixture_build: Build, tmp_path: Path
) -> None:
    schema, name = MAPPED
    work_dir = tmp_path / "copy"
    work_dir.mkdir()
    duckdb_path = work_dir / fixture_build.duckdb_path.name
    shutil.copyfile(fixture_build.duckdb_path, duckdb_path)
    # The copy's file goes beside the copy; a killed run's temporary file waits there.
    folder = work_dir / (duckdb_path.stem + ".focus_parquet") / name
    folder.mkdir(parents=True)
    (folder / ".tmp-killed-run.parquet").write_bytes(b"PAR1 half a file")
    # The same for the mart, killed during its first month: no period file yet.
    mart_folder = folder.parent / "focus_cost_and_usage"
    mart_folder.mkdir()
    (mart_folder / ".tmp-killed-run-2025-01.parquet").write_bytes(b"PAR1 half a file")

    result = run_dbt(
        ["run", "--select", f"{name} focus_cost_and_usage"],
        duckdb_path=duckdb_path,
        raw_path=FIXTURE_DATA,
        work_dir=work_dir,
    )
    assert result.returncode == 0, result.output[-4000:]
    assert sorted(path.name for path in folder.iterdir()) == ["part-00000.parquet"]
    assert sorted(path.name for path in mart_folder.iterdir()) == [
        "billing_period=2025-01",
        "billing_period=2025-02",
    ]
    assert relation_kind(duckdb_path, schema, name) == "VIEW"

    # Same rows as the session build's file, both ways (EXCEPT ALL: duplicates counted).
    original = mapped_file_description(fixture_build)["file"]
    new = folder / "part-00000.parquet"
    with duckdb.connect() as connection:
        counts = row_counts(connection, f"read_parquet('{original}')", f"read_parquet('{new}')")
    assert counts[2:] == (0, 0), counts

    # focus_mart_parquet: false gives back the table, with the same rows.
    result = run_dbt(
        ["run", "--select", name],
        duckdb_path=duckdb_path,
        raw_path=FIXTURE_DATA,
        work_dir=work_dir,
        dbt_vars={"focus_mart_parquet": False},
    )
    assert result.returncode == 0, result.output[-4000:]
    assert relation_kind(duckdb_path, schema, name) == "BASE TABLE"
    with duckdb.connect(str(duckdb_path), read_only=True) as connection:
        counts = row_counts(connection, f"{schema}.{name}", f"read_parquet('{new}')")
    assert counts[0] > 0 and counts[2:] == (0, 0), counts
