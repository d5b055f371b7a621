"""AI spend (OpenAI, Anthropic): the committed fixture built with AWS, checked against raw pages.

One build of data/fixtures with both AI providers switched on (the session build leaves them off,
as the project does by default) serves every test here: money per billing period to the cent and
rows against an independent reading of the JSON pages (tests_py/ai_spend_raw.py), tokens against
the usage reports, the union export through the FinOps Foundation validator, and the float
amounts read exactly. The generators are checked for determinism, and a copy of the fixture with
the bad input the APIs really send is checked to reach the quarantine with its reason.
"""

from __future__ import annotations

import importlib
import json
import re
import shutil
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import duckdb
import pytest
from ai_spend_raw import anthropic_expected, openai_expected
from conftest import (
    FIXTURE_DATA,
    MART,
    REPO_ROOT,
    build_focus_scope,
    build_project,
    mart_as_table,
    run_dbt,
)

SCRIPTS = REPO_ROOT / "scripts"
if str(SCRIPTS) not in sys.path:
    sys.path.insert(0, str(SCRIPTS))

AI_VARS = {"openai_enabled": True, "anthropic_enabled": True}
EXPECTED = {"openai": openai_expected, "anthropic": anthropic_expected}
CENT = Decimal("0.01")


@pytest.fixture(scope="module")
def ai_build(tmp_path_factory):
    build = build_project(tmp_path_factory.mktemp("ai_build"), FIXTURE_DATA, AI_VARS)
    assert build.result.returncode == 0, build.result.output[-4000:]
    return build


def per_period(build, sql: str) -> dict[str, tuple]:
    return {row[0]: tuple(row[1:]) for row in build.query(sql)}


@pytest.mark.parametrize("provider", ["openai", "anthropic"])
def test_costs_reconcile_with_the_raw_pages_to_the_cent(ai_build, provider, report_figure):
    expected = EXPECTED[provider](FIXTURE_DATA)
    focus = per_period(
        ai_build,
        f"""select strftime(BillingPeriodStart, '%Y-%m'), sum(BilledCost),
                sum(x_MergedLineItemCount)
            from {MART} where x_Provider = '{provider}' group by 1""",
    )
    quarantined = per_period(
        ai_build,
        f"""select strftime(billing_period_start_at, '%Y-%m'), sum(unblended_cost), count(*)
            from main_focus.focus_quarantined_line_items where provider = '{provider}'
            group by 1""",
    )
    assert sorted(focus) == sorted(expected) == ["2025-01", "2025-02"]
    for month, figures in expected.items():
        billed, source_rows = focus[month]
        held, held_rows = quarantined.get(month, (Decimal(0), 0))
        # FOCUS gets exactly the deduplicated cost results that have a usage quantity ...
        assert billed.quantize(CENT) == figures["focus_cost"].quantize(CENT)
        assert billed == figures["focus_cost"]  # exact, not only to the cent
        assert source_rows == figures["focus_rows"]
        # ... and the rest of the raw cost is in the quarantine: raw = FOCUS + quarantined
        assert (billed + held).quantize(CENT) == figures["raw_cost"].quantize(CENT)
        assert source_rows + held_rows == figures["raw_rows"]
        report_figure(
            f"{provider} {month}: raw {figures['raw_cost']:.2f} USD ({figures['raw_rows']} rows)"
            f" = FOCUS {billed:.2f} + quarantined {held:.2f} ({held_rows} rows)"
        )


@pytest.mark.parametrize("provider", ["openai", "anthropic"])
def test_tokens_reconcile_with_the_usage_reports(ai_build, provider, report_figure):
    expected = EXPECTED[provider](FIXTURE_DATA)
    tokens = per_period(
        ai_build,
        f"""select strftime(BillingPeriodStart, '%Y-%m'), sum(x_TokenCount)
            from {MART} where x_Provider = '{provider}' group by 1""",
    )
    for month, figures in expected.items():
        assert tokens[month][0] == figures["tokens"], month
        report_figure(f"{provider} {month}: {figures['tokens']} tokens in usage = in FOCUS")


def test_every_charge_type_reaches_focus(ai_build):
    rows = ai_build.query(
        f"""select x_Provider, ServiceName, ServiceSubcategory, PricingUnit, x_TokenType,
                count(*)
            from {MART} where x_Provider <> 'aws' and x_RowOrigin = 'source'
            group by all order by all"""
    )
    seen = {(provider, unit, token_type) for provider, _, _, unit, token_type, _ in rows}
    for token_type in ("input", "cached_input", "output", "audio_input", "audio_output"):
        assert ("openai", "Tokens", token_type) in seen
    for unit in ("Images", "Characters", "Seconds", "Sessions"):
        assert ("openai", unit, None) in seen
    for token_type in (
        "uncached_input_tokens",
        "output_tokens",
        "cache_read_input_tokens",
        "cache_creation.ephemeral_5m_input_tokens",
        "cache_creation.ephemeral_1h_input_tokens",
    ):
        assert ("anthropic", "Tokens", token_type) in seen
    assert ("anthropic", "Requests", None) in seen  # web search
    assert ("anthropic", "Hours", None) in seen  # code execution
    # every AI row is Usage, in the AI and Machine Learning category, with a quantity and a price
    bad = ai_build.query(
        f"""select count(*) from {MART} where x_Provider <> 'aws' and not (
                ChargeCategory = 'Usage' and ServiceCategory = 'AI and Machine Learning'
                and ConsumedQuantity > 0 and PricingQuantity = ConsumedQuantity
                and ListUnitPrice is not null and BillingCurrency = 'USD')"""
    )
    assert bad == [(0,)]


def test_openai_float_amounts_are_read_as_their_exact_text(ai_build):
    """The costs API writes amounts as JSON floats; the project must hold the number as written."""
    written = set()
    for path in sorted((FIXTURE_DATA / "openai").rglob("costs/*.json")):
        written.update(re.findall(r'"value": ([0-9.eE+-]+)', path.read_text(encoding="utf-8")))
    read = ai_build.query(
        "select amount_value_text, amount from main_staging.stg_openai__cost_results"
    )
    assert {text for text, _ in read} == written
    for text, amount in read:
        assert amount == Decimal(text).quantize(Decimal("1e-10")), text


def test_anthropic_cents_become_dollars_exactly(ai_build):
    rows = ai_build.query(
        "select amount_text, amount from main_intermediate.int_anthropic__costs_checked"
    )
    assert rows
    for text, amount in rows:
        assert amount == (Decimal(text) / 100).quantize(Decimal("1e-10")), text


@pytest.mark.conformance
def test_the_union_export_conforms(ai_build, tmp_path, report_figure):
    focus_export = importlib.import_module("focus_export")
    focus_conformance = importlib.import_module("focus_conformance")
    validator = REPO_ROOT / ".venv-validator"
    if not (validator / "bin" / "focus-validator").is_file():
        validator = Path("/work/main/.venv-validator")
    if not (validator / "bin" / "focus-validator").is_file():
        pytest.skip("validator venv not found: run `make validator`")
    export_dir = tmp_path / "exports"
    assert (
        focus_export.main(
            [
                "--manifest",
                str(ai_build.target_path / "manifest.json"),
                "--duckdb-path",
                str(ai_build.duckdb_path),
                "--export-dir",
                str(export_dir),
            ]  # fmt: skip
        )
        == 0
    )
    providers = ai_build.query(f"select distinct x_Provider from {MART} order by 1")
    assert providers == [("anthropic",), ("aws",), ("openai",)]
    summary = focus_conformance.check(
        export_dir / "focus-1.2",
        validator,
        REPO_ROOT / "conformance" / "excused_rules.yml",
        "ALL",
        tmp_path / "validator.xml",
    )
    report_figure(f"AWS + OpenAI + Anthropic export: {summary.line()}")
    assert summary.blocking == [], [item.rule_id for item in summary.blocking]
    assert summary.count("errored") == 0


@pytest.mark.quick
@pytest.mark.parametrize(
    "script", ["generate_openai_costs.py", "generate_anthropic_cost_report.py"]
)
def test_generators_are_deterministic(script, tmp_path):
    def run(out: Path, seed: int) -> dict[str, bytes]:
        command = [sys.executable, str(SCRIPTS / script), "--rows", "300", "--seed", str(seed)]
        subprocess.run([*command, "--out", str(out)], check=True, capture_output=True)
        return {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*.json"))}

    first, again, other = run(tmp_path / "a", 7), run(tmp_path / "b", 7), run(tmp_path / "c", 8)
    assert first == again
    assert first != other
    assert any("refetch" in name for name in first)  # a page delivered twice


@pytest.mark.quick
def test_generated_data_reconciles_in_python(tmp_path):
    """The generators' quirks leave raw = FOCUS + quarantined; the no-quirk data has none held."""
    for script in ("generate_openai_costs.py", "generate_anthropic_cost_report.py"):
        command = [sys.executable, str(SCRIPTS / script), "--rows", "200", "--no-quirks"]
        subprocess.run([*command, "--out", str(tmp_path)], check=True, capture_output=True)
    for expected in (openai_expected(tmp_path), anthropic_expected(tmp_path)):
        assert sorted(expected) == ["2025-01", "2025-02"]
        for figures in expected.values():
            assert figures["quarantined_cost"] == 0
            assert figures["raw_rows"] == figures["focus_rows"] > 0


def test_bad_input_is_quarantined_with_its_reason(ai_build):
    """What the APIs really send that the project cannot map reaches the quarantine with its
    reason, never FOCUS and never nowhere: a cost page delivered twice, a cost result whose usage
    was never pulled, a cost type newer than the seed (the fixture has one of each)."""
    rows = ai_build.query(
        """select provider, quarantine_reason, count(*)
        from main_focus.focus_quarantined_line_items
        where provider <> 'aws' group by all order by all"""
    )
    assert rows == [
        ("anthropic", "duplicate delivery: the cost result was read from another page file", 9),
        ("anthropic", "unknown cost type session_usage / (none)", 1),
        ("openai", "duplicate delivery: the cost result was read from another page file", 7),
        (
            "openai",
            "no usage quantity: the usage report has none for this day, project, model and kind",
            1,
        ),
    ]


# A later pull of the second January cost page (saved under the date it was taken, so it sorts
# after every page it overlaps) with its first result restated at twice the amount.
REPULLS = {
    "openai": ("costs", "costs-2025-01-08-p2.json", "costs-2025-01-31-repull.json"),
    "anthropic": ("cost_report", "cost-2025-01-08-p2.json", "cost-2025-01-31-repull.json"),
}


def repull(raw: Path, provider: str) -> Decimal:
    """Write the later pull; return the restated result's amount in the currency's major unit."""
    folder, first, later = REPULLS[provider]
    path = next((raw / provider).glob(f"*/{folder}/{first}"))
    page = json.loads(path.read_text(encoding="utf-8"))
    result = next(result for bucket in page["data"] for result in bucket["results"])
    if provider == "openai":  # amount.value: a JSON number in dollars
        result["amount"]["value"] *= 2
        restated = Decimal(repr(result["amount"]["value"]))
    else:  # amount: a decimal string in cents
        result["amount"] = str(Decimal(result["amount"]) * 2)
        restated = Decimal(result["amount"]) / 100
    (path.parent / later).write_text(json.dumps(page), encoding="utf-8")
    return restated


def raw_duplicates(raw: Path, provider: str) -> int:
    """Cost results whose key (bucket, every field but the amount) a file read later repeats."""
    folder = REPULLS[provider][0]
    keys = []
    for path in sorted((raw / provider).glob(f"*/{folder}/*.json")):
        for bucket in json.loads(path.read_text(encoding="utf-8"))["data"]:
            start = bucket.get("start_time", bucket.get("starting_at"))
            for result in bucket["results"]:
                fields = {k: v for k, v in result.items() if k not in ("amount", "currency")}
                keys.append((path.parent.parent.name, start, json.dumps(fields, sort_keys=True)))
    return len(keys) - len(set(keys))


def test_a_later_pull_replaces_the_overlapping_results(tmp_path, report_figure):
    """Overlapping API pulls: the fixture plus a later pull of a January page with one amount
    restated. Each result is counted once, from the later pull, per the raw pages read in Python;
    the earlier copies are in the quarantine as duplicates; raw = FOCUS + quarantined."""
    raw = tmp_path / "raw"
    for provider in REPULLS:
        shutil.copytree(FIXTURE_DATA / provider, raw / provider)
    restated = {provider: repull(raw, provider) for provider in REPULLS}
    build = build_focus_scope(
        tmp_path / "build",
        raw,
        {**AI_VARS, "aws_enabled": False},
        ["tests/openai", "tests/anthropic"],
    )
    assert build.result.returncode == 0, build.result.output[-4000:]
    for provider in REPULLS:
        expected = EXPECTED[provider](raw)
        focus = per_period(
            build,
            f"""select strftime(BillingPeriodStart, '%Y-%m'), sum(BilledCost),
                    sum(x_MergedLineItemCount)
                from {MART} where x_Provider = '{provider}' group by 1""",
        )
        for month, figures in expected.items():
            assert focus[month] == (figures["focus_cost"], figures["focus_rows"]), month
        duplicates = build.query(
            f"""select count(*), sum(unblended_cost) filter (where source_file like '%-repull.json')
                from main_focus.focus_quarantined_line_items
                where provider = '{provider}' and is_duplicate"""
        )
        assert duplicates == [(raw_duplicates(raw, provider), None)]  # no copy of the later pull
        assert build.query(
            f"""select count(*) from {MART} where x_Provider = '{provider}'
                and x_SourceFile like '%-repull.json' and BilledCost = {restated[provider]}"""
        ) == [(1,)]
        report_figure(
            f"{provider} later pull: {duplicates[0][0]} earlier copies held, restated"
            f" {restated[provider]} from the later pull"
        )


def test_reconciliation_tests_fail_on_bad_data(ai_build, tmp_path):
    """The four AI reconciliation tests pass on the build (it ran them) and fail when a cent or
    a token goes missing: one damaged copy of the database, one `dbt test` run."""
    damaged = tmp_path / "damaged.duckdb"
    shutil.copyfile(ai_build.duckdb_path, damaged)
    with duckdb.connect(str(damaged)) as connection:
        mart_as_table(connection)
        for statement in (
            # a cent lost: one OpenAI row with a cost less (the fixture has a zero-cost row too)
            f"""delete from {MART} where x_Provider = 'openai' and x_SourceLineItemId =
                (select min(x_SourceLineItemId) from {MART}
                    where x_Provider = 'openai' and BilledCost <> 0)""",
            # a cent made up: an Anthropic amount one cent higher
            f"""update {MART} set BilledCost = BilledCost + 0.01 where x_Provider = 'anthropic'
                and x_SourceLineItemId = (select min(x_SourceLineItemId) from {MART}
                    where x_Provider = 'anthropic')""",
            # a token counted twice
            f"""update {MART} set x_TokenCount = x_TokenCount + 1
                where x_TokenCount is not null and x_Provider in ('openai', 'anthropic')""",
        ):
            connection.execute(statement)
    tests = [
        "assert_openai_billed_cost_reconciles_with_raw",
        "assert_anthropic_billed_cost_reconciles_with_raw",
        "assert_openai_tokens_reconcile_with_usage",
        "assert_anthropic_tokens_reconcile_with_usage",
    ]
    result = run_dbt(
        ["test", "--select", *tests],
        duckdb_path=damaged,
        raw_path=FIXTURE_DATA,
        work_dir=tmp_path,
        dbt_vars=AI_VARS,
    )
    assert result.returncode == 1, result.output[-3000:]
    for test in tests:
        assert re.search(rf"FAIL \d+ {test}", result.output), test
