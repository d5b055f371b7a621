"""Run the FinOps Foundation FOCUS validator on an export and gate on its results.

    python scripts/focus_conformance.py --export-dir exports/focus-1.2

Steps: merge the export's Parquet files into one temporary Parquet file (DuckDB); run
``focus-validator`` (version 2.2.1, in its own Python 3.12+ venv made by
``scripts/setup_validator.sh``) with the FOCUS version from ``metadata.json``; read its JUnit XML
(the validator exits 0 even when rules fail); subtract the rules excused in
``conformance/excused_rules.yml``; print one summary line and one line per failed rule.
With ``--by-provider`` the same is done again for each provider's slice of the export (rows of one
``x_Provider``), so a provider's rows conform on their own, not only diluted in the union.

Exit codes: 0 every executed rule passed or is excused; 1 a rule failed or errored;
2 the validator is missing or crashed, or the export or the excused-rules file is invalid.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import xml.etree.ElementTree as ElementTree
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

LOG = logging.getLogger("focus_conformance")

REPO_ROOT = Path(__file__).resolve().parent.parent
EXCUSED_KEYS = ("rule_id", "spec_text", "reason", "fixture", "spec_check")
EXCUSED_OPTIONAL_KEYS = ("upstream_issue",)
STATUSES = ("passed", "failed", "errored", "skipped")


class ConformanceError(Exception):
    """The gate could not run (exit code 2)."""


@dataclass(frozen=True)
class RuleResult:
    rule_id: str
    status: str  # passed | failed | errored | skipped
    check: str = ""
    message: str = ""


@dataclass(frozen=True)
class ExcusedRule:
    rule_id: str
    spec_text: str
    reason: str
    fixture: Path
    spec_check: str = ""  # SQL over table `fixture` returning the rows that break spec_text
    upstream_issue: str | None = None


@dataclass(frozen=True)
class RuleModel:
    """What the validator's requirements model says about each rule."""

    requirements: dict[str, str] = field(default_factory=dict)  # rule ID -> MustSatisfy
    children: dict[str, list[str]] = field(default_factory=dict)  # composite -> rules beneath


@dataclass
class Summary:
    focus_version: str
    results: list[RuleResult]
    excused: dict[str, ExcusedRule]
    model: RuleModel = field(default_factory=RuleModel)
    label: str = ""  # '' for the whole export, 'x_Provider=<key>' for a slice

    def __post_init__(self) -> None:
        self.excused_ids = derive_excused(self.results, self.excused, self.model.children)

    def is_excused(self, result: RuleResult) -> bool:
        return result.rule_id in self.excused_ids

    def count(self, status: str) -> int:
        return sum(
            1 for result in self.results if result.status == status and not self.is_excused(result)
        )

    @property
    def excused_count(self) -> int:
        return len(self.excused_ids)

    @property
    def blocking(self) -> list[RuleResult]:
        return [
            result
            for result in self.results
            if result.status in ("failed", "errored") and not self.is_excused(result)
        ]

    def line(self) -> str:
        scope = f" [{self.label}]" if self.label else ""
        return (
            f"conformance FOCUS {self.focus_version}{scope}: {len(self.results)} rules, "
            f"{self.count('passed')} passed, {self.count('failed')} failed, "
            f"{self.count('errored')} errored, {self.excused_count} excused, "
            f"{self.count('skipped')} skipped"
        )


# --------------------------------------------------------------------------------------------
# Pure helpers
# --------------------------------------------------------------------------------------------


def parse_junit(xml_text: str | bytes) -> list[RuleResult]:
    """Rule results from focus-validator's ``--output-type unittest`` XML.

    Each ``<testcase name="<RuleId> :: <Check>">`` holds a ``<failure>``, ``<error>`` or
    ``<skipped>`` child, or none when the rule passed. A rule is reported once.
    """
    try:
        root = ElementTree.fromstring(xml_text)
    except ElementTree.ParseError as error:
        raise ConformanceError(f"validator output is not valid XML: {error}") from error
    results: dict[str, RuleResult] = {}
    for testcase in root.iter("testcase"):
        rule_id, _, check = (testcase.get("name") or "").partition(" :: ")
        rule_id = rule_id.strip()
        if not rule_id:
            continue
        status, message = "passed", ""
        for tag, name in (("failure", "failed"), ("error", "errored"), ("skipped", "skipped")):
            child = testcase.find(tag)
            if child is not None:
                status, message = name, (child.get("message") or child.text or "").strip()
                break
        check = "" if check.strip() in ("", "None") else check.strip()
        results[rule_id] = RuleResult(rule_id, status, check, message)
    declared = root.get("tests")
    if declared and declared.isdigit() and int(declared) != len(results):
        LOG.warning("validator XML declares %s rules but lists %d", declared, len(results))
    return [results[rule_id] for rule_id in sorted(results)]


def load_excused(path: Path) -> dict[str, ExcusedRule]:
    """Read conformance/excused_rules.yml; reject entries without every required field.

    ``fixture`` is a path relative to the YAML file's folder and must exist.
    """
    import yaml

    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError as error:
        raise ConformanceError(f"excused-rules file not found: {path}") from error
    except yaml.YAMLError as error:
        raise ConformanceError(f"{path} is not valid YAML: {error}") from error
    if data is None:
        data = []
    if not isinstance(data, list):
        raise ConformanceError(f"{path} must be a YAML list of entries (use [] for none)")
    excused: dict[str, ExcusedRule] = {}
    for index, entry in enumerate(data, start=1):
        where = f"{path} entry {index}"
        if not isinstance(entry, dict):
            raise ConformanceError(f"{where} must be a mapping with {', '.join(EXCUSED_KEYS)}")
        missing = [
            key
            for key in EXCUSED_KEYS
            if not isinstance(entry.get(key), str) or not entry[key].strip()
        ]
        if missing:
            raise ConformanceError(f"{where} lacks {', '.join(missing)}")
        unknown = sorted(set(entry) - set(EXCUSED_KEYS) - set(EXCUSED_OPTIONAL_KEYS))
        if unknown:
            raise ConformanceError(f"{where} has unknown keys {', '.join(unknown)}")
        rule_id = entry["rule_id"].strip()
        if rule_id in excused:
            raise ConformanceError(f"{where}: {rule_id} is excused twice")
        fixture = (path.parent / entry["fixture"].strip()).resolve()
        if not fixture.is_file():
            raise ConformanceError(f"{where} ({rule_id}): fixture {fixture} does not exist")
        excused[rule_id] = ExcusedRule(
            rule_id,
            entry["spec_text"].strip(),
            entry["reason"].strip(),
            fixture,
            entry["spec_check"].strip(),
            entry.get("upstream_issue"),
        )
    return excused


def read_export_metadata(export_dir: Path) -> tuple[str, list[Path]]:
    """FocusVersion and the Parquet files of an export folder."""
    metadata_path = export_dir / "metadata.json"
    try:
        metadata = json.loads(metadata_path.read_text(encoding="utf-8"))
        focus_version = str(metadata["Schema"]["FocusVersion"])
    except FileNotFoundError as error:
        raise ConformanceError(f"no metadata.json in {export_dir}: run the export first") from error
    except (ValueError, KeyError, TypeError) as error:
        raise ConformanceError(f"{metadata_path} has no Schema.FocusVersion: {error}") from error
    listed = (metadata.get("x_ExportReport") or {}).get("Files") or []
    files = [export_dir / item["Path"] for item in listed if item.get("Format") == "parquet"]
    if not listed:
        files = sorted(export_dir.glob("billing_period=*/*.parquet"))
    missing = [str(path) for path in files if not path.is_file()]
    if missing:
        raise ConformanceError(f"files listed in {metadata_path} are missing: {missing}")
    if not files:
        raise ConformanceError(f"no Parquet files in {export_dir}")
    return focus_version, files


def _parquet_source(files: Sequence[Path]) -> str:
    file_list = "[" + ", ".join("'" + str(path).replace("'", "''") + "'" for path in files) + "]"
    # hive_partitioning=false: the billing_period=… folder must not become a column.
    return f"read_parquet({file_list}, hive_partitioning = false)"


def merge_parquet(files: Sequence[Path], target: Path, provider: str | None = None) -> int:
    """Concatenate the export's Parquet files (one provider's rows only when given) into one
    file; return its row count."""
    import duckdb

    source = _parquet_source(files)
    where = "" if provider is None else " where x_Provider = $provider"
    parameters = {} if provider is None else {"provider": provider}
    connection = duckdb.connect(":memory:")
    try:
        connection.execute(
            f"copy (select * from {source}{where}) to "
            f"'{str(target).replace(chr(39), chr(39) * 2)}' (format parquet, compression zstd)",
            parameters,
        )
        return connection.execute(f"select count(*) from {source}{where}", parameters).fetchone()[0]
    finally:
        connection.close()


def export_providers(files: Sequence[Path]) -> list[str]:
    """The x_Provider values of an export, sorted."""
    import duckdb

    connection = duckdb.connect(":memory:")
    try:
        rows = connection.execute(
            f"select distinct x_Provider from {_parquet_source(files)} order by 1"
        ).fetchall()
    except duckdb.Error as error:
        raise ConformanceError(f"cannot slice the export by x_Provider: {error}") from error
    finally:
        connection.close()
    return [row[0] for row in rows if row[0] is not None]


def derive_excused(
    results: Sequence[RuleResult],
    excused: dict[str, ExcusedRule],
    children: dict[str, list[str]],
) -> set[str]:
    """Failed or errored rules that are excused.

    A rule is excused when it is listed, or when it is a composite whose failed rules beneath it
    are all excused (a composite fails whenever a rule beneath it does, so excusing the leaf
    alone would never clear the gate).
    """
    failed = {result.rule_id for result in results if result.status in ("failed", "errored")}
    excused_ids = failed & set(excused)
    changed = True
    while changed:
        changed = False
        for rule_id in sorted(failed - excused_ids):
            failed_beneath = [child for child in children.get(rule_id, []) if child in failed]
            if failed_beneath and all(child in excused_ids for child in failed_beneath):
                excused_ids.add(rule_id)
                changed = True
    return excused_ids


def _referenced_rules(node: object) -> list[str]:
    found: list[str] = []
    if isinstance(node, dict):
        if node.get("CheckFunction") == "CheckModelRule" and node.get("ModelRuleId"):
            found.append(str(node["ModelRuleId"]))
        for value in node.values():
            found += _referenced_rules(value)
    elif isinstance(node, list):
        for item in node:
            found += _referenced_rules(item)
    return found


def parse_rule_model(model: dict) -> RuleModel:
    requirements: dict[str, str] = {}
    children: dict[str, list[str]] = {}
    for rule_id, rule in (model.get("ModelRules") or {}).items():
        criteria = rule.get("ValidationCriteria") or {}
        requirements[rule_id] = (criteria.get("MustSatisfy") or "").strip()
        beneath = _referenced_rules(criteria.get("Requirement"))
        if beneath:
            children[rule_id] = list(dict.fromkeys(beneath))
    return RuleModel(requirements, children)


def load_rule_model(site_packages: Path, focus_version: str) -> RuleModel:
    """The validator's bundled requirements model (rules/model-<version>*.json), if readable."""
    rules_dir = site_packages / "focus_validator" / "rules"
    models = sorted(rules_dir.glob(f"model-{focus_version}*.json"))
    if not models:
        return RuleModel()
    try:
        return parse_rule_model(json.loads(models[-1].read_text(encoding="utf-8")))
    except (OSError, ValueError, AttributeError):
        return RuleModel()


def result_line(result: RuleResult, summary: Summary) -> str:
    label = {"failed": "FAIL", "errored": "ERROR"}.get(result.status, result.status.upper())
    check = f" ({result.check})" if result.check else ""
    requirement = summary.model.requirements.get(result.rule_id, "").rstrip(":")
    failed = {item.rule_id for item in summary.blocking}
    beneath = [child for child in summary.model.children.get(result.rule_id, []) if child in failed]
    detail = requirement or result.message or "no message"
    if beneath:
        detail += f"; failing beneath: {', '.join(beneath)}"
    elif result.message and requirement and result.status == "errored":
        detail += f"; {result.message}"
    return f"{label} {result.rule_id}{check}: {detail}"


# --------------------------------------------------------------------------------------------
# Running the validator
# --------------------------------------------------------------------------------------------


def validator_paths(venv: Path) -> tuple[Path, Path]:
    """(focus-validator executable, the venv's site-packages root) or ConformanceError."""
    hint = "run `make validator` (scripts/setup_validator.sh) or pass --validator-venv"
    # Absolute, because the validator runs with its site-packages folder as working directory.
    venv = venv.absolute()
    executable = venv / "bin" / "focus-validator"
    python = venv / "bin" / "python"
    if not executable.is_file() or not python.is_file():
        raise ConformanceError(f"validator not found at {executable}: {hint}")
    probe = subprocess.run(
        [
            str(python),
            "-c",
            "import focus_validator, pathlib; "
            "print(pathlib.Path(focus_validator.__file__).resolve().parent.parent)",
        ],
        capture_output=True,
        text=True,
    )
    if probe.returncode != 0:
        last = (probe.stderr.strip().splitlines() or ["no output"])[-1]
        raise ConformanceError(f"validator venv {venv} is broken ({last}): {hint}")
    return executable, Path(probe.stdout.strip())


def run_validator(
    executable: Path,
    site_packages: Path,
    data_file: Path,
    focus_version: str,
    applicability_criteria: str,
    output: Path,
    timeout: float,
) -> None:
    command = [
        str(executable),
        "--data-file", str(data_file),
        "--validate-version", focus_version,
        "--block-download",
        "--output-type", "unittest",
        "--output-destination", str(output),
    ]  # fmt: skip
    if applicability_criteria:
        command += ["--applicability-criteria", applicability_criteria]
    LOG.info("running %s", " ".join(command))
    try:
        # cwd: the validator reads focus_validator/rules/currency_codes.csv relative to it.
        completed = subprocess.run(
            command, cwd=site_packages, capture_output=True, text=True, timeout=timeout
        )
    except subprocess.TimeoutExpired as error:
        raise ConformanceError(f"validator timed out after {timeout:.0f}s") from error
    except OSError as error:
        raise ConformanceError(f"validator could not start: {error}") from error
    if completed.returncode != 0 or not output.is_file():
        lines = (completed.stderr or completed.stdout or "").strip().splitlines()
        last = next((line for line in reversed(lines) if line.strip()), "no output")
        raise ConformanceError(f"validator crashed (exit {completed.returncode}): {last.strip()}")


def check(
    export_dir: Path,
    validator_venv: Path,
    excused_path: Path,
    applicability_criteria: str = "ALL",
    junit_output: Path | None = None,
    timeout: float = 3600,
    provider: str | None = None,
) -> Summary:
    """Validate the export, or one provider's slice of it."""
    excused = load_excused(excused_path)
    focus_version, files = read_export_metadata(export_dir)
    executable, site_packages = validator_paths(validator_venv)
    label = "" if provider is None else f"x_Provider={provider}"
    LOG.info(
        "applicability criteria: %s", applicability_criteria or "none (unconditional rules only)"
    )
    with tempfile.TemporaryDirectory(prefix="focus-conformance-") as work:
        merged = Path(work) / "focus.parquet"
        rows = merge_parquet(files, merged, provider)
        LOG.info(
            "validating %d rows%s from %d Parquet files",
            rows,
            f" of {label}" if label else "",
            len(files),
        )
        xml_path = Path(work) / "focus-validator.xml"
        started = time.monotonic()
        run_validator(
            executable,
            site_packages,
            merged,
            focus_version,
            applicability_criteria,
            xml_path,
            timeout,
        )
        LOG.info("validator finished in %.1fs", time.monotonic() - started)
        if junit_output is not None:
            junit_output.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(xml_path, junit_output)
        results = parse_junit(xml_path.read_bytes())
    if not results:
        raise ConformanceError("validator reported no rules")
    summary = Summary(
        focus_version, results, excused, load_rule_model(site_packages, focus_version), label
    )
    report(summary)
    return summary


def check_by_provider(export_dir: Path, validator_venv: Path, **options: object) -> list[Summary]:
    """The whole export first, then each provider's slice of it."""
    summaries = [check(export_dir, validator_venv, **options)]
    _, files = read_export_metadata(export_dir)
    slice_options = {**options, "junit_output": None}  # the JUnit file is the whole export's
    for provider in export_providers(files):
        summaries.append(check(export_dir, validator_venv, provider=provider, **slice_options))
    LOG.info("summary of %d validator runs:", len(summaries))
    for summary in summaries:
        LOG.info("  %s", summary.line())
    return summaries


def report(summary: Summary) -> None:
    LOG.info(summary.line())
    for result in summary.blocking:
        LOG.error(result_line(result, summary))
    by_id = {result.rule_id: result for result in summary.results}
    for rule_id, entry in sorted(summary.excused.items()):
        result = by_id.get(rule_id)
        if result is not None and summary.is_excused(result):
            LOG.info("EXCUSED %s: %s", rule_id, entry.reason)
        elif result is not None and result.status == "passed":
            LOG.warning("excused rule %s now passes: remove it from the excused list", rule_id)
        else:
            status = result.status if result else "not reported"
            LOG.warning("excused rule %s was %s by the validator", rule_id, status)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--export-dir", type=Path, default=Path("exports/focus-1.2"))
    parser.add_argument(
        "--validator-venv",
        type=Path,
        default=Path(os.environ.get("FOCUS_VALIDATOR_VENV", ".venv-validator")),
        help="the validator venv (default: $FOCUS_VALIDATOR_VENV or .venv-validator)",
    )
    parser.add_argument(
        "--excused", type=Path, default=REPO_ROOT / "conformance" / "excused_rules.yml"
    )
    parser.add_argument(
        "--applicability-criteria",
        default="ALL",
        help="ALL, a comma-separated list of criteria, or '' for unconditional rules only",
    )
    parser.add_argument("--junit-output", type=Path, help="also keep the validator's JUnit XML")
    parser.add_argument("--timeout", type=float, default=3600, help="seconds (default 3600)")
    parser.add_argument(
        "--by-provider",
        action="store_true",
        help="also validate each provider's slice (rows of one x_Provider) on its own",
    )
    return parser


def configure_logging() -> None:
    logging.basicConfig(
        level=logging.INFO, format="%(asctime)s %(levelname)s %(message)s", datefmt="%H:%M:%S"
    )
    LOG.setLevel(logging.INFO)


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    configure_logging()
    criteria = re.sub(r"\s+", "", args.applicability_criteria or "")
    options = {
        "excused_path": args.excused,
        "applicability_criteria": criteria,
        "junit_output": args.junit_output,
        "timeout": args.timeout,
    }
    try:
        if args.by_provider:
            summaries = check_by_provider(args.export_dir, args.validator_venv, **options)
        else:
            summaries = [check(args.export_dir, args.validator_venv, **options)]
    except ConformanceError as error:
        LOG.error("conformance check could not run: %s", error)
        return 2
    except Exception as error:  # noqa: BLE001 - one clear line, not a traceback
        LOG.error("conformance check could not run: %s: %s", type(error).__name__, error)
        return 2
    return 1 if any(summary.blocking for summary in summaries) else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
