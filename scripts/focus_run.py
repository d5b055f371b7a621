"""Build the FOCUS tables with dbt, then export them: the one command behind `make demo`.

    python scripts/focus_run.py [--target duckdb] [--vars '{raw_data_path: data/x}'] \\
                                [--select marts.focus+] [--skip-build] \\
                                [--export-dir exports] [--formats parquet,csv] [--pseudonymize] \\
                                [--report exports/report/finops_report.html]

Steps:
  1. profiles: use profiles.yml in --profiles-dir, else ~/.dbt/profiles.yml when it defines the
     project's profile, else copy profiles.example.yml to <profiles-dir>/profiles.yml; check that
     it defines the project's profile and the --target;
  2. `dbt parse`, then check that every enabled DuckDB source's path matches a file;
  3. `dbt build` (seeds, models, snapshots and tests in DAG order) through dbtRunner;
  4. scripts/focus_export.py unloads the FOCUS mart to <export-dir>/focus-<version>/;
  5. with --report, scripts/focus_report.py writes the HTML cost report from the DuckDB file.

dbt runs with the project folder as its working directory, so relative paths in profiles and
vars (the DuckDB file, raw_data_path) are read from there, as in `make demo`. dbt's target and
log folders follow DBT_TARGET_PATH and DBT_LOG_PATH when set.

Exit codes: 0 ok; 1 a dbt test failed (nothing is exported); 2 an error. Each problem is one
line on stderr starting ``focus_run:`` (README, "Errors and exit codes").
"""

from __future__ import annotations

import argparse
import gc
import glob
import importlib
import json
import logging
import os
import re
import shutil
import sys
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

LOG = logging.getLogger("focus_run")

SCRIPTS_DIR = Path(__file__).resolve().parent
REPO_ROOT = SCRIPTS_DIR.parent
DUCKDB_PATH_SQL = "select path from duckdb_databases() where database_name = current_database()"


class RunError(Exception):
    """An error that stops the run (exit code 2), reported as one line."""


RAW_DATA_ENV = "FOCUS_RAW_DATA_PATH"
# The first argument of read_parquet('…') / read_csv(['…', '…']) in a source's external_location.
_READER_PATHS = re.compile(r"^\s*\w+\(\s*(\[[^\]]*\]|'(?:[^']|'')*')", re.DOTALL)
_QUOTED = re.compile(r"'((?:[^']|'')*)'")


# --------------------------------------------------------------------------------------------
# Pure helpers
# --------------------------------------------------------------------------------------------


def project_profile_name(project_dir: Path) -> str:
    import yaml

    try:
        project = yaml.safe_load((project_dir / "dbt_project.yml").read_text(encoding="utf-8"))
    except FileNotFoundError as error:
        raise RunError(f"no dbt_project.yml in {project_dir}") from error
    return str((project or {}).get("profile") or "")


def _defines_profile(profiles_yml: Path, profile: str) -> bool:
    import yaml

    try:
        return profile in (yaml.safe_load(profiles_yml.read_text(encoding="utf-8")) or {})
    except (OSError, yaml.YAMLError, TypeError):
        return False


def ensure_profiles(profiles_dir: Path | None, project_dir: Path, home: Path | None = None) -> Path:
    """The folder to pass as --profiles-dir, copying profiles.example.yml there if needed."""
    directory = profiles_dir or project_dir
    if (directory / "profiles.yml").is_file():
        return directory
    home_profiles = (home or Path.home()) / ".dbt" / "profiles.yml"
    profile = project_profile_name(project_dir)
    if (
        profiles_dir is None
        and home_profiles.is_file()
        and _defines_profile(home_profiles, profile)
    ):
        LOG.info("using %s (profile %s)", home_profiles, profile)
        return home_profiles.parent
    example = project_dir / "profiles.example.yml"
    if not example.is_file():
        raise RunError(f"no profiles.yml in {directory} and no {example} to copy")
    directory.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(example, directory / "profiles.yml")
    LOG.info("no profiles.yml found: copied %s to %s", example, directory / "profiles.yml")
    return directory


def check_profile(profiles_dir: Path, profile: str, target: str) -> None:
    """One clear line when profiles.yml lacks the project's profile or the --target.

    A profiles.yml that YAML cannot read is left to dbt, which says why.
    """
    import yaml

    path = profiles_dir / "profiles.yml"
    try:
        profiles = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError):
        return
    if not isinstance(profiles, dict):
        return
    if profile not in profiles:
        raise RunError(
            f"{path} has no profile {profile!r}: add it (see profiles.example.yml) "
            "or pass --profiles-dir"
        )
    outputs = (profiles.get(profile) or {}).get("outputs") or {}
    if isinstance(outputs, dict) and target not in outputs:
        raise RunError(
            f"profile {profile!r} in {path} has no target {target!r}: "
            f"use --target with one of {', '.join(sorted(outputs))}"
        )


def source_paths(external_location: str) -> list[str]:
    """The file paths or globs a dbt-duckdb external_location reads (first reader argument)."""
    match = _READER_PATHS.match(external_location or "")
    if not match:
        return []
    return [item.replace("''", "'") for item in _QUOTED.findall(match[1])]


def source_path_variables(source_unique_id: str) -> tuple[str, str]:
    """(source name, env var) for a source, by the project's naming: FOCUS_<SOURCE>_<TABLE>_PATH.

    ``source.finops_focus.aws.cur2`` -> (``aws.cur2``, ``FOCUS_AWS_CUR2_PATH``).
    """
    source, table = source_unique_id.split(".")[-2:]
    return f"{source}.{table}", f"FOCUS_{source}_{table}_PATH".upper()


def check_raw_files(manifest: dict, project_dir: Path) -> None:
    """Every enabled source with a local external_location must match at least one file.

    Without this, dbt-duckdb stops on the first staging view with a long IO error; the check
    names the path and the environment variables that set it.
    """
    for unique_id, source in sorted((manifest.get("sources") or {}).items()):
        config = source.get("config") or {}
        if config.get("enabled") is False:
            continue
        location = config.get("external_location") or (source.get("meta") or {}).get(
            "external_location"
        )
        for pattern in source_paths(location or ""):
            if "://" in pattern:  # object stores and URLs: DuckDB reads them, we cannot glob
                continue
            absolute = Path(pattern) if Path(pattern).is_absolute() else project_dir / pattern
            if any(Path(hit).is_file() for hit in glob.iglob(str(absolute), recursive=True)):
                continue
            name, variable = source_path_variables(unique_id)
            raise RunError(
                f"no raw billing files match {pattern} (source {name}): "
                f"set {RAW_DATA_ENV} or {variable} to where your exports are"
            )


def dbt_common_args(
    project_dir: Path, profiles_dir: Path, target: str, vars_text: str | None
) -> list[str]:
    args = ["--project-dir", str(project_dir), "--profiles-dir", str(profiles_dir)]
    args += ["--target", target]
    if vars_text:
        args += ["--vars", vars_text]
    return args


_ERROR_HEADER = re.compile(r"^[A-Z][A-Za-z ]*Error( in \w+ .*)?$")
_ERROR_CLASS = re.compile(r"^[A-Z][A-Za-z ]*Error:\s*")
# A path in a DuckDB error: '/data/x.parquet' or "/data/x.parquet" (also relative ones).
_QUOTED_PATH = re.compile(r"""['"]([^'"]*[/\\][^'"]*)['"]""")
_NO_FILES = "No files found that match the pattern"


def _first_line(text: object, limit: int = 300) -> str:
    """The line of a dbt message that says what went wrong.

    dbt starts node errors with a header ("Runtime Error in model x (path)", or a bare
    "Runtime Error"); the cause, for example "Conversion Error: …", is on the next line.
    """
    lines = [line.strip() for line in str(text or "").splitlines() if line.strip()]
    if len(lines) > 1 and _ERROR_HEADER.match(lines[0]):
        lines = lines[1:]
    line = lines[0] if lines else ""
    return line if len(line) <= limit else line[: limit - 1] + "…"


def unreadable_file_line(message: str) -> str | None:
    """'cannot read <file>: <why>' when a DuckDB error names a file it could not read.

    For example "Invalid Input Error: No magic bytes found at end of file '/d/x.parquet'" ->
    "cannot read /d/x.parquet: No magic bytes found at end of file".
    """
    cause = _first_line(message, limit=10_000)
    match = _QUOTED_PATH.search(cause)
    if not match:
        return None
    path = match[1]
    if _NO_FILES in cause:
        return (
            f"no raw billing files match {path}: set {RAW_DATA_ENV} or the source's "
            "FOCUS_*_PATH variable to where your exports are"
        )
    if not (cause.startswith(("IO Error", "Invalid Input Error")) or Path(path).exists()):
        return None
    why = _ERROR_CLASS.sub("", cause.replace(match[0], ""))
    why = re.sub(r"\s+:", ":", re.sub(r"\s+", " ", why)).strip(" :")
    return f"cannot read {Path(path).absolute()}: {why or 'unreadable'}"


_OBJECT_STORE_ERROR = re.compile(
    r"(?P<url>(?:s3|az|azure|abfss|gs|gcs)://[^'\"\s]+).*?"
    r"(?P<code>HTTP 403|HTTP 404|AuthorizationFailure|AuthorizationPermissionMismatch"
    r"|ContainerNotFound|BlobNotFound|NoSuchBucket|AccessDenied)",
)
_OBJECT_STORE_HINTS = {
    "s3": "set AWS_PROFILE or AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY (and AWS_REGION); the "
    "identity needs s3:ListBucket and s3:GetObject on the export's prefix",
    "az": "set AZURE_STORAGE_CONNECTION_STRING (account key or a SAS with read and list) or "
    "AZURE_STORAGE_ACCOUNT with an Azure login; the identity needs Storage Blob Data Reader",
}


def object_store_line(message: str) -> str | None:
    """One line with the fix when DuckDB could not read an s3:// or az:// path."""
    match = _OBJECT_STORE_ERROR.search(str(message or ""))
    if not match:
        return None
    url, code = match["url"], match["code"]
    scheme = "s3" if url.startswith("s3://") else "az"
    if code in ("HTTP 404", "ContainerNotFound", "BlobNotFound", "NoSuchBucket"):
        what = "not found (check the bucket or container and the path variable)"
    else:
        what = "access denied: the credentials were refused or do not allow reading it"
        if scheme == "s3":
            what += " (S3 also answers 403 for a bucket that does not exist)"
    return f"cannot read {url}: {what}; {_OBJECT_STORE_HINTS[scheme]}"


def summarize_build(result: Any) -> tuple[int, list[str]]:
    """Exit code and one line per problem for a dbtRunnerResult of `dbt build`.

    2 when dbt could not run or a node errored (a model, seed or a test's own SQL), 1 when
    tests failed and nothing errored, else 0.
    """
    if result.exception is not None:
        detail = _first_line(result.exception) or repr(result.exception)
        return 2, [f"dbt build could not run: {detail}"]
    node_results = getattr(result.result, "results", None) or []
    errors: list[str] = []
    failures: list[str] = []
    for node_result in node_results:
        status = str(getattr(node_result.status, "value", node_result.status))
        unique_id = getattr(getattr(node_result, "node", None), "unique_id", "?")
        full_message = str(getattr(node_result, "message", "") or "")
        message = _first_line(full_message)
        if status in ("error", "runtime error"):
            unreadable = object_store_line(full_message) or unreadable_file_line(full_message)
            errors.append(unreadable or f"dbt error in {unique_id}: {message or 'failed'}")
        elif status == "fail":
            count = getattr(node_result, "failures", None)
            rows = f"{count} failing row{'' if count == 1 else 's'}" if count else ""
            failures.append(f"dbt test failed: {unique_id}: {rows or message or 'failed'}")
    if errors:
        return 2, errors + failures
    if failures:
        return 1, failures
    if not result.success:
        return 2, ["dbt build failed without reporting a node error"]
    return 0, []


# --------------------------------------------------------------------------------------------
# dbt and the export
# --------------------------------------------------------------------------------------------


@contextmanager
def working_directory(path: Path) -> Iterator[None]:
    previous = Path.cwd()
    os.chdir(path)
    try:
        yield
    finally:
        os.chdir(previous)


def release_duckdb() -> None:
    """Let go of the DuckDB file that dbt-duckdb keeps open (and locked) in this process.

    After an invocation dbt-duckdb holds its database until the process ends, so nothing else
    can open the file (duckdb/dbt-duckdb#616). Dropping its environment, as its maintainer
    suggests there, closes the database.
    """
    try:
        from dbt.adapters.duckdb import DuckDBConnectionManager
    except ImportError:  # dbt-duckdb not installed: nothing to release
        return
    DuckDBConnectionManager.close_all_connections()
    gc.collect()


def invoke_dbt(args: list[str]) -> Any:
    """One dbt invocation (never two at once: dbt keeps global state per process)."""
    from dbt.cli.main import dbtRunner

    LOG.info("dbt %s", " ".join(args))
    try:
        return dbtRunner().invoke(args)
    finally:
        release_duckdb()


def build(common: list[str], select: str | None, full_refresh: bool = False) -> int:
    started = time.monotonic()
    args = ["build", *common]
    if select:
        args += ["--select", select]
    if full_refresh:
        args += ["--full-refresh"]
    code, lines = summarize_build(invoke_dbt(args))
    for line in lines:
        LOG.error("focus_run: %s", line)
    outcome = {0: "ok", 1: "tests failed", 2: "error"}[code]
    LOG.info("dbt build: %s (%.1fs)", outcome, time.monotonic() - started)
    return code


def parse(common: list[str], manifest_path: Path, project_dir: Path) -> None:
    """`dbt parse`, then check the raw files the enabled sources read (DuckDB targets)."""
    result = invoke_dbt(["parse", *common, "--log-level", "none"])
    if result.exception is not None or not result.success:
        detail = _first_line(result.exception) if result.exception else "see logs/dbt.log"
        raise RunError(f"dbt parse failed: {detail}")
    try:
        manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return  # the build will say what is wrong
    if (manifest.get("metadata") or {}).get("adapter_type") == "duckdb":
        check_raw_files(manifest, project_dir)


def target_path(project_dir: Path) -> Path:
    """dbt's target folder: DBT_TARGET_PATH when set, else <project>/target."""
    return project_dir / os.environ.get("DBT_TARGET_PATH", "target")


def adapter_type(manifest_path: Path) -> str | None:
    try:
        manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return (manifest.get("metadata") or {}).get("adapter_type")


def duckdb_path_from_dbt(common: list[str]) -> Path:
    """Ask dbt, through the target's own connection, where its DuckDB file is."""
    result = invoke_dbt(["show", *common, "--inline", DUCKDB_PATH_SQL, "--log-level", "none"])
    try:
        path = result.result.results[0].agate_table.rows[0][0]
    except (AttributeError, IndexError, TypeError) as error:
        detail = _first_line(result.exception) if result.exception else "no result"
        raise RunError(f"could not read the DuckDB path from dbt: {detail}") from error
    if not path:
        raise RunError("the dbt target is an in-memory DuckDB: nothing to export")
    return Path(path).resolve()


def focus_export_module() -> Any:
    """scripts/focus_export.py, imported on first use (this file does nothing on import)."""
    if str(SCRIPTS_DIR) not in sys.path:
        sys.path.insert(0, str(SCRIPTS_DIR))
    return importlib.import_module("focus_export")


def run_export(
    project_dir: Path,
    duckdb_path: Path,
    export_dir: Path,
    formats: str,
    manifest_path: Path | None = None,
    pseudonymize_key: bytes | None = None,
) -> int:
    focus_export = focus_export_module()
    try:
        focus_export.export_from_project(
            project_dir,
            duckdb_path,
            export_dir,
            formats,
            manifest_path=manifest_path,
            pseudonymize_key=pseudonymize_key,
        )
    except focus_export.ExportError as error:
        LOG.error("focus_run: export failed: %s", error)
        return 2
    return 0


# --------------------------------------------------------------------------------------------
# CLI
# --------------------------------------------------------------------------------------------


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--project-dir", type=Path, default=REPO_ROOT)
    parser.add_argument(
        "--profiles-dir",
        type=Path,
        default=None,
        help="default: the project folder (or ~/.dbt when only it has the profile)",
    )
    parser.add_argument("--target", default="duckdb")
    parser.add_argument("--vars", help="YAML or JSON passed to dbt --vars")
    parser.add_argument("--select", help="dbt --select for the build (default: everything)")
    parser.add_argument("--skip-build", action="store_true", help="only export")
    parser.add_argument("--export-dir", type=Path, default=Path("exports"))
    parser.add_argument("--formats", default="parquet,csv")
    # FOCUS versions (issue 7, DECISIONLOG D-912).
    parser.add_argument(
        "--focus-versions",
        help="comma-separated FOCUS versions to build and export in this run, one folder each "
        "(e.g. 1.2,1.4); default: the project's focus_version only",
    )
    focus_export_module().add_pseudonymize_argument(parser)
    # The cost report (scripts/focus_report.py): written after a successful export.
    parser.add_argument("--report", type=Path, help="also write the HTML cost report to this file")
    return parser


def configure_logging() -> None:
    logging.basicConfig(
        level=logging.INFO, format="%(asctime)s %(levelname)s %(message)s", datefmt="%H:%M:%S"
    )
    LOG.setLevel(logging.INFO)
    logging.getLogger("focus_export").setLevel(logging.INFO)


# --- FOCUS versions (issue 7, DECISIONLOG D-912) --------------------------------------------
# The models whose columns follow var focus_version: the FOCUS mart and what is built on it (the
# other FOCUS datasets, the FinOps marts). Everything upstream is the same for every version.
VERSION_DEPENDENT_SELECT = "focus_cost_and_usage+"


def vars_with_version(vars_text: str | None, focus_version: str | None) -> str | None:
    """The --vars text with focus_version set (unchanged when no version is given)."""
    if focus_version is None:
        return vars_text
    import yaml

    values = yaml.safe_load(vars_text) if vars_text else None
    if values is None:
        values = {}
    if not isinstance(values, dict):
        raise RunError("--vars must be a YAML or JSON mapping to combine with --focus-versions")
    return json.dumps({**values, "focus_version": focus_version})


def run_versions(args: argparse.Namespace) -> int:
    """Build and export each FOCUS version of --focus-versions in turn, one folder each.

    The first version runs the whole build (args.select), every later one only the models that
    depend on the version; both rebuild those models (--full-refresh), since the mart's columns
    change with the version. The DuckDB file keeps the last version's tables.
    """
    versions = [version.strip() for version in args.focus_versions.split(",") if version.strip()]
    if not versions:
        raise RunError("--focus-versions names no version")
    for index, version in enumerate(versions):
        LOG.info("FOCUS %s (%d/%d)", version, index + 1, len(versions))
        version_args = argparse.Namespace(**vars(args))
        version_args.vars = vars_with_version(args.vars, version)
        version_args.focus_versions = None
        version_args.full_refresh = True
        if index > 0:
            version_args.select = VERSION_DEPENDENT_SELECT
            version_args.skip_parse = True
        if args.report and index < len(versions) - 1:
            version_args.report = None
        code = run(version_args)
        if code != 0:
            return code
    return 0


def run(args: argparse.Namespace) -> int:
    if getattr(args, "focus_versions", None):
        return run_versions(args)
    # User paths are read from the caller's folder; dbt then runs in the project folder.
    project_dir = args.project_dir.resolve()
    export_dir = args.export_dir.resolve()
    focus_export = focus_export_module()
    try:
        pseudonymize_key = focus_export.pseudonymize_key_from_env(args.pseudonymize)
    except focus_export.ExportError as error:
        raise RunError(str(error)) from error
    profiles_dir = ensure_profiles(
        args.profiles_dir.resolve() if args.profiles_dir else None, project_dir
    )
    check_profile(profiles_dir, project_profile_name(project_dir), args.target)
    common = dbt_common_args(project_dir, profiles_dir, args.target, args.vars)
    manifest_path = target_path(project_dir) / "manifest.json"
    with working_directory(project_dir):
        if args.skip_build:
            LOG.info("step 1/2: dbt build skipped (--skip-build)")
        else:
            LOG.info("step 1/2: dbt build (target %s)", args.target)
            if not getattr(args, "skip_parse", False):
                parse(common, manifest_path, project_dir)
            code = build(common, args.select, getattr(args, "full_refresh", False))
            if code != 0:
                LOG.info("not exporting: dbt build did not pass")
                return code
        LOG.info("step 2/2: export to %s", export_dir)
        adapter = adapter_type(manifest_path)
        if adapter not in (None, "duckdb"):
            LOG.warning(
                "export skipped: target %s is %s; the export reads DuckDB", args.target, adapter
            )
            return 0
        duckdb_path = duckdb_path_from_dbt(common)
    code = run_export(
        project_dir, duckdb_path, export_dir, args.formats, manifest_path, pseudonymize_key
    )
    if code == 0 and args.report:
        code = write_cost_report(duckdb_path, args.report.resolve())
    return code


def write_cost_report(duckdb_path: Path, out: Path) -> int:
    """scripts/focus_report.py's HTML page from the built DuckDB file (--report)."""
    if str(SCRIPTS_DIR) not in sys.path:
        sys.path.insert(0, str(SCRIPTS_DIR))
    focus_report = importlib.import_module("focus_report")
    LOG.info("cost report: %s", out)
    try:
        focus_report.write_report(duckdb_path, out)
    except focus_report.ReportError as error:
        LOG.error("focus_run: report failed: %s", error)
        return 2
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    configure_logging()
    started = time.monotonic()
    try:
        code = run(args)
    except RunError as error:
        LOG.error("focus_run: %s", error)
        return 2
    except Exception as error:  # noqa: BLE001 - one clear line, not a traceback
        LOG.error("focus_run: %s: %s", type(error).__name__, error)
        return 2
    if code == 0:
        LOG.info("done in %.1fs", time.monotonic() - started)
    return code


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
