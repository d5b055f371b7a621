"""Bad input gets one clear line and a documented exit code (README, "Errors and exit codes").

Every case runs the real script as a subprocess, the way a user does, and asserts the exact
ERROR line on stderr (without its time stamp), the exit code, and that no traceback is shown.
Exit codes: 0 ok, 1 a test or rule failed, 2 an error.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import FIXTURE_DATA, REPO_ROOT
from test_focus_export import build_sample_db, make_dbt_project, run_export

SCRIPTS = REPO_ROOT / "scripts"
ERROR_LINE = re.compile(r"^\d\d:\d\d:\d\d ERROR (.*)$")


@dataclass
class Outcome:
    returncode: int
    errors: list[str]  # the ERROR lines a user sees on stderr, time stamp removed
    stdout: str
    stderr: str


def clean_env(work: Path, **overrides: str) -> dict[str, str]:
    """The caller's environment without the project's variables, dbt's folders in ``work``."""
    env = {
        name: value for name, value in os.environ.items() if not name.startswith(("FOCUS_", "DBT_"))
    }
    env |= {
        "DBT_SEND_ANONYMOUS_USAGE_STATS": "false",
        "DBT_TARGET_PATH": str(work / "target"),
        "DBT_LOG_PATH": str(work / "logs"),
        "FOCUS_DUCKDB_PATH": str(work / "focus.duckdb"),
    }
    return env | overrides


def run_script(script: str, args: list[str], env: dict[str, str], cwd: Path = REPO_ROOT):
    completed = subprocess.run(
        [sys.executable, str(SCRIPTS / script), *args],
        cwd=cwd, env=env, capture_output=True, text=True, check=False, timeout=600,
    )  # fmt: skip
    errors = [
        match[1] for line in completed.stderr.splitlines() if (match := ERROR_LINE.match(line))
    ]
    outcome = Outcome(completed.returncode, errors, completed.stdout, completed.stderr)
    assert "Traceback" not in completed.stderr + completed.stdout, completed.stderr[-3000:]
    return outcome


@pytest.fixture
def profiles_dir(tmp_path) -> Path:
    """The example profile, copied where the test can see it (never into the project)."""
    directory = tmp_path / "profiles"
    directory.mkdir()
    shutil.copyfile(REPO_ROOT / "profiles.example.yml", directory / "profiles.yml")
    return directory


def focus_run(tmp_path: Path, profiles_dir: Path, *args: str, **env: str) -> Outcome:
    argv = ["--profiles-dir", str(profiles_dir), "--export-dir", str(tmp_path / "exports"), *args]
    return run_script("focus_run.py", argv, clean_env(tmp_path, **env))


# --------------------------------------------------------------------------------------------
# focus_run.py
# --------------------------------------------------------------------------------------------


def test_missing_data_folder_names_the_variable_before_dbt_builds(tmp_path, profiles_dir):
    nowhere = tmp_path / "nowhere"
    outcome = focus_run(tmp_path, profiles_dir, FOCUS_RAW_DATA_PATH=str(nowhere))
    assert outcome.errors == [
        f"focus_run: no raw billing files match {nowhere}/aws/cur2/**/*.parquet "
        "(source aws.cur2): set FOCUS_RAW_DATA_PATH or FOCUS_AWS_CUR2_PATH to where your "
        "exports are"
    ]
    assert outcome.returncode == 2
    assert "INFO dbt build --" not in outcome.stderr, "dbt never built"
    assert not (tmp_path / "exports").exists()


def copy_fixture(tmp_path: Path) -> tuple[Path, Path]:
    """A copy of the committed fixture and its last CUR 2.0 Parquet file."""
    raw = tmp_path / "raw"
    shutil.copytree(FIXTURE_DATA, raw)
    return raw, sorted(raw.glob("aws/cur2/**/*.parquet"))[-1]


def test_corrupt_parquet_file_is_named_in_one_line(tmp_path, profiles_dir):
    raw, victim = copy_fixture(tmp_path)
    victim.write_bytes(victim.read_bytes()[:100])  # a download cut short
    outcome = focus_run(tmp_path, profiles_dir, FOCUS_RAW_DATA_PATH=str(raw))
    assert outcome.errors == [
        f"focus_run: cannot read {victim}: No magic bytes found at end of file"
    ]
    assert outcome.returncode == 2


@pytest.mark.skipif(
    not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root reads files without permission"
)
def test_file_without_read_permission_is_named_in_one_line(tmp_path, profiles_dir):
    raw, victim = copy_fixture(tmp_path)
    victim.chmod(0)
    try:
        outcome = focus_run(tmp_path, profiles_dir, FOCUS_RAW_DATA_PATH=str(raw))
    finally:
        victim.chmod(0o644)
    assert outcome.errors == [
        f"focus_run: cannot read {victim}: Cannot open file: Permission denied"
    ]
    assert outcome.returncode == 2


def test_unknown_target(tmp_path, profiles_dir):
    outcome = focus_run(tmp_path, profiles_dir, "--target", "nosuch")
    assert outcome.errors == [
        f"focus_run: profile 'finops_focus' in {profiles_dir / 'profiles.yml'} has no target "
        "'nosuch': use --target with one of bigquery, bigquery_oauth, duckdb"
    ]
    assert outcome.returncode == 2


def test_profiles_yml_without_the_project_profile(tmp_path, profiles_dir):
    (profiles_dir / "profiles.yml").write_text(
        "someone_else:\n  target: dev\n  outputs:\n    dev: {type: duckdb}\n"
    )
    outcome = focus_run(tmp_path, profiles_dir)
    assert outcome.errors == [
        f"focus_run: {profiles_dir / 'profiles.yml'} has no profile 'finops_focus': add it "
        "(see profiles.example.yml) or pass --profiles-dir"
    ]
    assert outcome.returncode == 2


def test_failing_dbt_test_names_the_test_and_its_rows(tmp_path):
    project = make_dbt_project(tmp_path / "project")
    argv = ["--project-dir", str(project), "--export-dir", str(tmp_path / "exports")]
    env = clean_env(tmp_path)
    del env["DBT_TARGET_PATH"], env["DBT_LOG_PATH"], env["FOCUS_DUCKDB_PATH"]
    outcome = run_script("focus_run.py", [*argv, "--vars", "{strict_credits: true}"], env)
    assert outcome.errors == [
        "focus_run: dbt test failed: test.finops_focus.assert_billed_cost_is_not_negative: "
        "1 failing row"
    ]
    assert outcome.returncode == 1
    assert not (tmp_path / "exports").exists(), "a failed build exports nothing"


def test_pseudonymizing_without_a_key(tmp_path, profiles_dir):
    outcome = focus_run(tmp_path, profiles_dir, "--pseudonymize")
    assert outcome.errors == [
        "focus_run: pseudonymizing needs a key: set FOCUS_EXPORT_PSEUDONYMIZE_KEY "
        "(a secret; the same key gives the same pseudonyms)"
    ]
    assert outcome.returncode == 2


# --------------------------------------------------------------------------------------------
# focus_export.py and focus_conformance.py
# --------------------------------------------------------------------------------------------


@pytest.fixture
def sample_export(tmp_path) -> Path:
    db = tmp_path / "focus_sample.duckdb"
    result = run_export(db, build_sample_db(db), tmp_path / "exports")
    return result.path


def test_export_pseudonymize_switch_without_a_key(tmp_path):
    outcome = run_script(
        "focus_export.py",
        ["--duckdb-path", str(tmp_path / "none.duckdb"), "--export-dir", str(tmp_path)],
        clean_env(tmp_path, FOCUS_EXPORT_PSEUDONYMIZE="1"),
    )
    assert outcome.errors == [
        "export failed: pseudonymizing needs a key: set FOCUS_EXPORT_PSEUDONYMIZE_KEY "
        "(a secret; the same key gives the same pseudonyms)"
    ]
    assert outcome.returncode == 2


def test_export_of_a_missing_duckdb_file(tmp_path):
    missing = tmp_path / "none.duckdb"
    outcome = run_script(
        "focus_export.py",
        ["--duckdb-path", str(missing), "--export-dir", str(tmp_path / "exports")],
        clean_env(tmp_path),
    )
    assert outcome.errors == [f"export failed: DuckDB file not found: {missing}"]
    assert outcome.returncode == 2


def test_conformance_without_the_validator(tmp_path, sample_export):
    no_venv = tmp_path / "no-venv"
    outcome = run_script(
        "focus_conformance.py",
        ["--export-dir", str(sample_export), "--validator-venv", str(no_venv)],
        clean_env(tmp_path),
    )
    assert outcome.errors == [
        f"conformance check could not run: validator not found at "
        f"{no_venv / 'bin' / 'focus-validator'}: run `make validator` "
        "(scripts/setup_validator.sh) or pass --validator-venv"
    ]
    assert outcome.returncode == 2


def test_conformance_without_an_export(tmp_path):
    outcome = run_script(
        "focus_conformance.py",
        ["--export-dir", str(tmp_path / "nothing"), "--validator-venv", str(tmp_path)],
        clean_env(tmp_path),
    )
    assert outcome.errors == [
        f"conformance check could not run: no metadata.json in {tmp_path / 'nothing'}: "
        "run the export first"
    ]
    assert outcome.returncode == 2
