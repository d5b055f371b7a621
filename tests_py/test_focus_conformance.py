"""Tests for scripts/focus_conformance.py.

Quick tests parse a JUnit sample shaped like focus-validator 2.2.1's output and check the
excused-rules loader. The conformance test runs the real validator on the exported sample
(tests_py/fixtures/focus_1_2_sample.csv); it is skipped when the validator venv is absent
(`make validator` creates .venv-validator; FOCUS_VALIDATOR_VENV points elsewhere).
"""

from __future__ import annotations

import importlib
import logging
import os
import subprocess
import sys
import time
from datetime import datetime, timezone
from pathlib import Path

import duckdb
import pytest

REPO_ROOT = Path(__file__).resolve().parent.parent
SCRIPTS = REPO_ROOT / "scripts"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
JUNIT_SAMPLE = FIXTURES / "focus_validator_junit_sample.xml"

if str(SCRIPTS) not in sys.path:
    sys.path.insert(0, str(SCRIPTS))
conformance = importlib.import_module("focus_conformance")
focus_export = importlib.import_module("focus_export")
sys.path.insert(0, str(Path(__file__).resolve().parent))
from test_focus_export import build_sample_db, focus_columns  # noqa: E402

VALIDATOR_VENV = Path(os.environ.get("FOCUS_VALIDATOR_VENV", REPO_ROOT / ".venv-validator"))

# focus-validator 2.2.1 fails these three rules with --applicability-criteria ALL whatever the
# data (see conformance/README.md): an inverted condition, a dropped condition, no condition.
KNOWN_FALSE_FAILURES = {
    "CapacityReservationStatus-C-004-C",
    "CommitmentDiscountStatus-C-004-C",
    "InvoiceId-C-004-C",
}
CHILDREN = {
    "CommitmentDiscountStatus-C-000-C": [
        "CommitmentDiscountStatus-C-001-M",
        "CommitmentDiscountStatus-C-002-C",
    ],
    "CommitmentDiscountStatus-C-002-C": [
        "CommitmentDiscountStatus-C-003-C",
        "CommitmentDiscountStatus-C-004-C",
    ],
}


def excused_entry(rule: str, fixture: str = "proof.csv", **overrides) -> dict:
    """An excused-rules entry; an override of None leaves that key out."""
    entry = {
        "rule_id": rule,
        "spec_text": (
            "CommitmentDiscountStatus MUST NOT be null when CommitmentDiscountId is not null."
        ),
        "reason": "The validator inverts the condition; the fixture has such rows and passes.",
        "fixture": fixture,
        "spec_check": "select * from fixture where false",
    }
    entry.update(overrides)
    return {key: value for key, value in entry.items() if value is not None}


def write_excused(folder: Path, entries: list[dict]) -> Path:
    import yaml

    (folder / "proof.csv").write_text("ChargeCategory\r\nUsage\r\n", encoding="utf-8")
    path = folder / "excused_rules.yml"
    path.write_text(yaml.safe_dump(entries, sort_keys=False), encoding="utf-8")
    return path


# --------------------------------------------------------------------------------------------
# JUnit parsing and the summary
# --------------------------------------------------------------------------------------------


@pytest.mark.quick
def test_parse_junit_sample():
    results = {item.rule_id: item for item in conformance.parse_junit(JUNIT_SAMPLE.read_bytes())}
    assert len(results) == 8
    assert results["AvailabilityZone-C-001-M"].status == "passed"
    assert results["AvailabilityZone-C-001-M"].check == "Type"
    assert results["AvailabilityZone-C-003-C"].status == "skipped"
    assert results["InvoiceId-C-004-C"].status == "failed"
    assert results["InvoiceId-C-004-C"].message == "Nullability check for InvoiceId"
    errored = results["SkuPriceDetails-C-004-C"]
    assert errored.status == "errored" and errored.check == ""
    assert 'column "SkuPriceDetails" not found' in errored.message


@pytest.mark.quick
def test_parse_junit_rejects_garbage():
    with pytest.raises(conformance.ConformanceError, match="not valid XML"):
        conformance.parse_junit(b"<testsuites><oops")


@pytest.mark.quick
def test_summary_line_without_excuses():
    results = conformance.parse_junit(JUNIT_SAMPLE.read_bytes())
    summary = conformance.Summary("1.2", results, {}, conformance.RuleModel({}, CHILDREN))
    assert summary.line() == (
        "conformance FOCUS 1.2: 8 rules, 2 passed, 4 failed, 1 errored, 0 excused, 1 skipped"
    )
    assert len(summary.blocking) == 5


@pytest.mark.quick
def test_excusing_a_leaf_also_excuses_the_composites_above_it(tmp_path):
    results = conformance.parse_junit(JUNIT_SAMPLE.read_bytes())
    excused = conformance.load_excused(
        write_excused(tmp_path, [excused_entry("CommitmentDiscountStatus-C-004-C")])
    )
    summary = conformance.Summary("1.2", results, excused, conformance.RuleModel({}, CHILDREN))
    assert summary.excused_ids == {
        "CommitmentDiscountStatus-C-000-C",
        "CommitmentDiscountStatus-C-002-C",
        "CommitmentDiscountStatus-C-004-C",
    }
    assert summary.line() == (
        "conformance FOCUS 1.2: 8 rules, 2 passed, 1 failed, 1 errored, 3 excused, 1 skipped"
    )
    assert [item.rule_id for item in summary.blocking] == [
        "InvoiceId-C-004-C",
        "SkuPriceDetails-C-004-C",
    ]


@pytest.mark.quick
def test_a_composite_with_an_unexcused_failure_beneath_stays_failed():
    results = [
        conformance.RuleResult("A-000-C", "failed", "Composite"),
        conformance.RuleResult("A-001-M", "failed", "Type"),
        conformance.RuleResult("A-002-M", "failed", "Format"),
    ]
    excused = {"A-001-M": None}  # only the key matters to the derivation
    children = {"A-000-C": ["A-001-M", "A-002-M"]}
    assert conformance.derive_excused(results, excused, children) == {"A-001-M"}


@pytest.mark.quick
def test_parse_rule_model_reads_requirements_and_children():
    model = conformance.parse_rule_model(
        {
            "ModelRules": {
                "X-C-000-C": {
                    "ValidationCriteria": {
                        "MustSatisfy": "X adheres to:",
                        "Requirement": {
                            "CheckFunction": "AND",
                            "Items": [
                                {"CheckFunction": "CheckModelRule", "ModelRuleId": "X-C-001-M"},
                                {"CheckFunction": "OR", "Items": [
                                    {"CheckFunction": "CheckModelRule", "ModelRuleId": "X-C-002-M"},
                                ]},
                            ],
                        },
                    }
                },
                "X-C-001-M": {"ValidationCriteria": {"MustSatisfy": "X MUST be a String."}},
            }
        }
    )  # fmt: skip
    assert model.children == {"X-C-000-C": ["X-C-001-M", "X-C-002-M"]}
    assert model.requirements["X-C-001-M"] == "X MUST be a String."


# --------------------------------------------------------------------------------------------
# The excused-rules file
# --------------------------------------------------------------------------------------------


@pytest.mark.quick
def test_project_excused_rules_file_is_valid():
    path = REPO_ROOT / "conformance" / "excused_rules.yml"
    assert isinstance(conformance.load_excused(path), dict)


@pytest.mark.quick
def test_load_excused_accepts_complete_entries(tmp_path):
    path = write_excused(
        tmp_path,
        [excused_entry("InvoiceId-C-004-C", upstream_issue="https://example.invalid/1")],
    )
    (entry,) = conformance.load_excused(path).values()
    assert entry.rule_id == "InvoiceId-C-004-C"
    assert entry.fixture == (tmp_path / "proof.csv").resolve()
    assert entry.upstream_issue == "https://example.invalid/1"
    (tmp_path / "empty.yml").write_text("[]\n")
    assert conformance.load_excused(tmp_path / "empty.yml") == {}


@pytest.mark.quick
@pytest.mark.parametrize("missing", ["rule_id", "spec_text", "reason", "fixture", "spec_check"])
def test_load_excused_rejects_an_entry_without_a_required_field(tmp_path, missing):
    path = write_excused(tmp_path, [excused_entry("InvoiceId-C-004-C", **{missing: None})])
    with pytest.raises(conformance.ConformanceError, match=f"lacks {missing}"):
        conformance.load_excused(path)


@pytest.mark.quick
@pytest.mark.parametrize(
    ("entries", "message"),
    [
        ([excused_entry("R-1", fixture="nowhere.csv")], "does not exist"),
        ([excused_entry("R-1"), excused_entry("R-1")], "excused twice"),
        ([excused_entry("R-1", until="2027")], "unknown keys until"),
        ([excused_entry("R-1", reason="   ")], "lacks reason"),
        (["R-1"], "must be a mapping"),
        ({"R-1": "x"}, "must be a YAML list"),
    ],
)
def test_load_excused_rejects_bad_files(tmp_path, entries, message):
    path = write_excused(tmp_path, entries)
    with pytest.raises(conformance.ConformanceError, match=message):
        conformance.load_excused(path)


# --------------------------------------------------------------------------------------------
# Export handling and the CLI without a validator
# --------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def sample_export(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("conformance")
    db = folder / "focus_sample.duckdb"
    relation = build_sample_db(db)
    result = focus_export.export(
        db,
        relation,
        "1.2",
        folder / "exports",
        focus_columns=focus_columns(),
        provider_tag_prefixes=["example:"],
        now=datetime(2024, 3, 2, tzinfo=timezone.utc),
    )
    return result.path


@pytest.mark.quick
def test_merge_parquet_keeps_columns_and_drops_the_partition_folder(sample_export, tmp_path):
    version, files = conformance.read_export_metadata(sample_export)
    assert version == "1.2" and len(files) == 2
    merged = tmp_path / "merged.parquet"
    assert conformance.merge_parquet(files, merged) == 5
    columns = [row[0] for row in duckdb.sql(f"describe select * from '{merged}'").fetchall()]
    assert "billing_period" not in columns
    assert len(columns) == 58


@pytest.mark.quick
def test_provider_slices_split_the_export_without_losing_a_row(tmp_path):
    files = []
    for index, providers in enumerate([("aws", "aws", "gcp"), ("gcp", "openai")]):
        path = tmp_path / f"part{index}.parquet"
        values = ", ".join(f"('{provider}', {number})" for number, provider in enumerate(providers))
        duckdb.sql(
            f"copy (select * from (values {values}) as rows(x_Provider, BilledCost)) to '{path}'"
        )
        files.append(path)
    assert conformance.export_providers(files) == ["aws", "gcp", "openai"]
    counts = {
        provider: conformance.merge_parquet(files, tmp_path / f"{provider}.parquet", provider)
        for provider in conformance.export_providers(files)
    }
    assert counts == {"aws": 2, "gcp": 2, "openai": 1}
    sliced = duckdb.sql(f"select distinct x_Provider from '{tmp_path / 'gcp.parquet'}'").fetchall()
    assert sliced == [("gcp",)]
    assert conformance.merge_parquet(files, tmp_path / "all.parquet") == sum(counts.values())


@pytest.mark.quick
def test_missing_validator_is_one_clear_error(sample_export, tmp_path, caplog):
    caplog.set_level(logging.INFO)
    argv = [
        "--export-dir", str(sample_export),
        "--validator-venv", str(tmp_path / "no-venv"),
        "--excused", str(REPO_ROOT / "conformance" / "excused_rules.yml"),
    ]  # fmt: skip
    assert conformance.main(argv) == 2
    errors = [record.getMessage() for record in caplog.records if record.levelno >= logging.ERROR]
    assert len(errors) == 1
    assert f"validator not found at {tmp_path / 'no-venv' / 'bin' / 'focus-validator'}" in errors[0]
    assert "make validator" in errors[0]


@pytest.mark.quick
def test_missing_export_is_one_clear_error(tmp_path, caplog):
    argv = ["--export-dir", str(tmp_path), "--validator-venv", str(tmp_path)]
    assert conformance.main(argv) == 2
    assert "no metadata.json" in caplog.text


# --------------------------------------------------------------------------------------------
# The real validator
# --------------------------------------------------------------------------------------------


@pytest.mark.conformance
def test_real_validator_on_the_sample_export(sample_export, tmp_path, caplog):
    if not (VALIDATOR_VENV / "bin" / "focus-validator").is_file():
        pytest.skip(
            f"validator venv not found at {VALIDATOR_VENV}: run `make validator` "
            "or set FOCUS_VALIDATOR_VENV"
        )
    caplog.set_level(logging.INFO)
    excused_path = write_excused(
        tmp_path,
        [
            excused_entry(rule_id, reason="focus-validator 2.2.1 fails this rule on any data.")
            for rule_id in sorted(KNOWN_FALSE_FAILURES)
        ],
    )
    junit = tmp_path / "validator.xml"
    started = time.monotonic()
    summary = conformance.check(sample_export, VALIDATOR_VENV, excused_path, "ALL", junit)
    elapsed = time.monotonic() - started
    logging.getLogger(__name__).info("validator run on 5 rows took %.1fs", elapsed)

    # The sample is conformant: with the validator's three bugs excused, nothing blocks.
    assert summary.blocking == [], [item.rule_id for item in summary.blocking]
    assert summary.count("passed") > 300
    assert "applicability criteria: ALL" in caplog.text
    assert summary.line() in caplog.text

    # Without excuses exactly those three rules (and the composites above them) fail.
    bare = conformance.Summary(summary.focus_version, summary.results, {}, summary.model)
    leaves = {item.rule_id for item in bare.blocking if item.rule_id not in summary.model.children}
    assert leaves == KNOWN_FALSE_FAILURES
    assert junit.is_file()


PROJECT_EXCUSES = conformance.load_excused(REPO_ROOT / "conformance" / "excused_rules.yml")


@pytest.mark.conformance
@pytest.mark.parametrize("rule_id", sorted(PROJECT_EXCUSES))
def test_every_excuse_is_proved_by_its_fixture(rule_id, tmp_path):
    """An excuse stands only while its fixture meets the spec text and the validator still fails
    the rule on it: fix the validator (or the data) and this test says the excuse must go."""
    if not (VALIDATOR_VENV / "bin" / "focus-validator").is_file():
        pytest.skip(f"validator venv not found at {VALIDATOR_VENV}: run `make validator`")
    excuse = PROJECT_EXCUSES[rule_id]

    with duckdb.connect() as connection:
        connection.execute(
            f"create table fixture as select * from read_csv('{excuse.fixture}', header = true)"
        )
        violations = connection.sql(excuse.spec_check).fetchall()
    assert violations == [], f"the fixture breaks the spec text itself: {violations}"

    executable, site_packages = conformance.validator_paths(VALIDATOR_VENV)
    output = tmp_path / "validator.xml"
    command = [
        str(executable), "--data-file", str(excuse.fixture), "--validate-version", "1.2",
        "--block-download", "--applicability-criteria", "ALL", "--filter-rules", rule_id,
        "--output-type", "unittest", "--output-destination", str(output),
    ]  # fmt: skip
    subprocess.run(command, cwd=site_packages, capture_output=True, check=True, timeout=600)
    statuses = {
        result.rule_id: result.status for result in conformance.parse_junit(output.read_bytes())
    }
    assert statuses.get(rule_id) == "failed", statuses
