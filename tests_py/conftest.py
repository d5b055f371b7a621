"""Shared pytest helpers: run dbt on a chosen raw-data folder into a DuckDB file of its own.

Each dbt invocation runs as a subprocess with its own target and log folders, so a test's build
never shares state with another's; invocations run one at a time (pytest runs tests serially).
The committed fixture (data/fixtures) is built once per session.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parent.parent
FIXTURE_DATA = REPO_ROOT / "data" / "fixtures"
DBT = Path(sys.executable).parent / "dbt"
MART = "main_focus.focus_cost_and_usage"


def all_providers_vars() -> dict:
    """vars/all_providers.yml: every billing source switched on (the demo uses the same file)."""
    import yaml

    return yaml.safe_load((REPO_ROOT / "vars" / "all_providers.yml").read_text(encoding="utf-8"))


@dataclass
class DbtResult:
    returncode: int
    output: str


@dataclass
class Build:
    """A built project: its DuckDB file, the raw data it read and the dbt output."""

    duckdb_path: Path
    raw_path: Path
    target_path: Path
    result: DbtResult

    def query(self, sql: str) -> list[tuple]:
        import duckdb

        with duckdb.connect(str(self.duckdb_path), read_only=True) as connection:
            return connection.sql(sql).fetchall()


def mart_as_table(connection) -> None:
    """write-once (D-680): on DuckDB the mart is a view over Parquet files; a test that damages it
    in place (UPDATE, DELETE, ALTER) first turns it into a table of the same rows. A table is left
    as it is."""
    schema, name = MART.split(".")
    kind = connection.execute(
        "select table_type from information_schema.tables "
        "where table_schema = ? and table_name = ?",
        [schema, name],
    ).fetchone()
    if kind and kind[0] == "VIEW":
        connection.execute(f"create table {MART}__rows as select * from {MART}")
        connection.execute(f"drop view {MART}")
        connection.execute(f"alter table {MART}__rows rename to {name}")


def ensure_profiles() -> Path:
    """The tests use the project's example profile, copied to profiles.yml when absent."""
    profiles = REPO_ROOT / "profiles.yml"
    if not profiles.exists():
        shutil.copyfile(REPO_ROOT / "profiles.example.yml", profiles)
    return REPO_ROOT


def run_dbt(
    args: list[str],
    *,
    duckdb_path: Path,
    raw_path: Path,
    work_dir: Path,
    dbt_vars: dict | None = None,
    extra_env: dict | None = None,
) -> DbtResult:
    """Run one dbt command against `duckdb_path`, reading raw exports from `raw_path`."""
    ensure_profiles()
    env = {
        **os.environ,
        "FOCUS_DUCKDB_PATH": str(duckdb_path),
        "FOCUS_RAW_DATA_PATH": str(raw_path),
        "DBT_PROFILES_DIR": str(REPO_ROOT),
        "DBT_SEND_ANONYMOUS_USAGE_STATS": "false",
        **(extra_env or {}),
    }
    command = [
        str(DBT),
        *args,
        "--project-dir",
        str(REPO_ROOT),
        "--target-path",
        str(work_dir / "target"),
        "--log-path",
        str(work_dir / "logs"),
    ]
    if dbt_vars:
        command += ["--vars", json.dumps(dbt_vars)]
    completed = subprocess.run(
        command, cwd=REPO_ROOT, env=env, capture_output=True, text=True, check=False
    )
    return DbtResult(completed.returncode, completed.stdout + completed.stderr)


def build_project(
    work_dir: Path,
    raw_path: Path,
    dbt_vars: dict | None = None,
    select: str | list[str] | None = None,
    extra_args: tuple[str, ...] = (),
) -> Build:
    """`dbt build` of the raw data into work_dir/focus.duckdb; `select`: a selector or a list."""
    work_dir.mkdir(parents=True, exist_ok=True)
    duckdb_path = work_dir / "focus.duckdb"
    selectors = [select] if isinstance(select, str) else list(select or [])
    args = ["build"] + (["--select", *selectors] if selectors else []) + list(extra_args)
    result = run_dbt(
        args, duckdb_path=duckdb_path, raw_path=raw_path, work_dir=work_dir, dbt_vars=dbt_vars
    )
    return Build(duckdb_path, raw_path, work_dir / "target", result)


def build_focus_scope(
    work_dir: Path, raw_path: Path, dbt_vars: dict, test_paths: list[str]
) -> Build:
    """The two FOCUS marts and everything upstream, plus the singular tests under `test_paths`
    (e.g. `tests/oci`); the tests of models not built are left out (cautious selection)."""
    return build_project(
        work_dir,
        raw_path,
        dbt_vars,
        select=["+focus_cost_and_usage", "+focus_quarantined_line_items"]
        + [f"path:{path}" for path in test_paths],
        extra_args=("--indirect-selection", "cautious"),
    )


FIGURES: list[str] = []


@pytest.fixture
def report_figure():
    """Tests call this with a headline figure (a count, a validator summary) to show at the end."""
    return FIGURES.append


def pytest_terminal_summary(terminalreporter):
    """Print the figures tests reported, so CI's log shows them without -s."""
    if FIGURES:
        terminalreporter.section("figures")
        for line in FIGURES:
            terminalreporter.write_line(line)


@pytest.fixture(scope="session")
def fixture_build(tmp_path_factory) -> Build:
    """The committed AWS fixture (CUR 2.0 shape, the default build) built once for the session."""
    build = build_project(tmp_path_factory.mktemp("fixture_build"), FIXTURE_DATA)
    assert build.result.returncode == 0, build.result.output[-4000:]
    return build


@pytest.fixture(scope="session")
def all_providers_build(tmp_path_factory) -> Build:
    """The committed fixtures of every provider (vars/all_providers.yml) built once for the
    session: the build the demo runs, on the fixtures."""
    build = build_project(
        tmp_path_factory.mktemp("all_providers_build"), FIXTURE_DATA, dbt_vars=all_providers_vars()
    )
    assert build.result.returncode == 0, build.result.output[-4000:]
    return build
