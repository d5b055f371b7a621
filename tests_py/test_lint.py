"""The project's own style checks: sqlfluff (dbt templater) on the SQL, ruff on the Python."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import REPO_ROOT, ensure_profiles

BIN = Path(sys.executable).parent


def test_sql_lints_clean(tmp_path):
    ensure_profiles()
    env = {**os.environ, "FOCUS_DUCKDB_PATH": str(tmp_path / "lint.duckdb")}
    completed = subprocess.run(
        [str(BIN / "sqlfluff"), "lint", "models", "tests", "analyses", "--nofail",
         "--format", "github-annotation-native", "--processes", "0"],  # one process per CPU
        cwd=REPO_ROOT, env=env, capture_output=True, text=True, check=False,
    )  # fmt: skip
    violations = [line for line in completed.stdout.splitlines() if line.startswith("::")]
    assert violations == [], "\n".join(violations)
    assert completed.returncode == 0, completed.stderr[-2000:]


@pytest.mark.quick
def test_python_lints_clean():
    completed = subprocess.run(
        [str(BIN / "ruff"), "check", "scripts", "tests_py"],
        cwd=REPO_ROOT, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert completed.returncode == 0, completed.stdout
