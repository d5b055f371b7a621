"""The cost report as a person sees it: rendered by headless Chromium, with the right figures.

scripts/focus_report.py runs on the session's fixture build and writes the page, its PDF and a
screenshot. Chromium then loads the page again (--dump-dom): its visible text must hold the
totals that this test computes from the raw fixture (data/fixtures/aws/_generated.json), every
chart must carry marks with data, and the screenshot must not be blank. Commitment figures are
the fixture README's hand-computed amounts.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import zlib
from decimal import Decimal
from html.parser import HTMLParser
from pathlib import Path

import pytest
from conftest import FIXTURE_DATA, REPO_ROOT

sys.path.insert(0, str(REPO_ROOT / "scripts"))
import focus_report  # noqa: E402

SECTIONS = [
    "Executive summary",
    "Spend trend",
    "Top services",
    "Allocation coverage",
    "Commitment utilization",
    "Anomalies",
]
CHARTS = [
    "trend-periods-USD",
    "trend-daily-USD",
    "services-USD",
    "coverage-USD",
    "commitments",
    "anomalies-USD",
]
# Fixture README, "Line items": the RI covers rows 3, 4 and 31 (1.20 each) and leaves 34.80 (row 2)
# + 32.40 (row 30) unused; the Savings Plan covers 1.44 + 0.60 + 1.44 + 1.44 (rows 6-8, 32) and
# leaves 0.36 + 0.96 + 0.96 unused (rows 12, 13, 34).
COMMITMENTS = {"Reserved Instance": ("3.60", "67.20"), "Savings Plan": ("4.92", "2.28")}


class PageReader(HTMLParser):
    """The visible text of a page and its charts' marks (data-chart -> data-values)."""

    def __init__(self) -> None:
        super().__init__()
        self.text: list[str] = []
        self.charts: dict[str, list[float]] = {}
        self._hidden = 0
        self._chart: str | None = None

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag in {"style", "script", "title"}:
            self._hidden += 1
        if tag == "svg" and "data-chart" in attributes:
            self._chart = attributes["data-chart"]
            self.charts[self._chart] = []
        if self._chart and "data-value" in attributes and "mark" in attributes.get("class", ""):
            self.charts[self._chart].append(float(attributes["data-value"]))

    def handle_endtag(self, tag):
        if tag in {"style", "script", "title"}:
            self._hidden -= 1
        if tag == "svg":
            self._chart = None

    def handle_data(self, data):
        if not self._hidden and data.strip():
            self.text.append(data.strip())


def read_page(dom: str) -> PageReader:
    reader = PageReader()
    reader.feed(dom)
    return reader


def raw_totals() -> dict[str, tuple[Decimal, Decimal]]:
    """Per billing month: (Σ unblended, Σ amortized), the generator's record of the raw files."""
    months = json.loads((FIXTURE_DATA / "aws" / "_generated.json").read_text())["months"]
    return {
        month: (Decimal(data["unblended_cost"]), Decimal(data["amortized_cost"]))
        for month, data in sorted(months.items())
    }


@pytest.fixture(scope="module")
def chromium():
    """Headless Chromium, installed by scripts/setup_chromium.sh when missing."""
    if focus_report.find_chromium() is None:
        setup = subprocess.run(
            ["bash", str(REPO_ROOT / "scripts" / "setup_chromium.sh")],
            capture_output=True, text=True, check=False, timeout=900,
        )  # fmt: skip
        if focus_report.find_chromium() is None:
            reason = (setup.stderr.strip().splitlines() or ["no output"])[-1]
            pytest.skip(f"chromium cannot be installed here: {reason}")
    return focus_report.find_chromium()


@pytest.fixture(scope="module")
def report(fixture_build, chromium, tmp_path_factory):
    """The report of the fixture (HTML, PDF, PNG) written by the script, as a user runs it."""
    work = tmp_path_factory.mktemp("report")
    paths = {"html": work / "report.html", "pdf": work / "report.pdf", "png": work / "report.png"}
    completed = subprocess.run(
        [sys.executable, str(REPO_ROOT / "scripts" / "focus_report.py"),
         "--duckdb-path", str(fixture_build.duckdb_path), "--out", str(paths["html"]),
         "--pdf", str(paths["pdf"]), "--screenshot", str(paths["png"])],
        cwd=REPO_ROOT, capture_output=True, text=True, check=False, timeout=600,
        env={**os.environ, "FOCUS_CHROMIUM": chromium},
    )  # fmt: skip
    assert completed.returncode == 0, completed.stderr[-3000:]
    return paths


def test_page_shows_the_raw_totals_when_chromium_renders_it(report, report_figure):
    page = read_page(focus_report.dump_dom(report["html"]))
    text = " ".join(page.text)
    for section in SECTIONS:
        assert section in page.text, f"no section {section!r}"
    totals = raw_totals()
    for month, (billed, effective) in totals.items():
        assert re.search(rf"{month}\s+{billed:,.2f}\s", text), (month, billed)
        assert f"{effective:,.2f}" in text, (month, effective)
    (first, (billed_1, effective_1)), (last, (billed_2, effective_2)) = totals.items()
    billed_change = (billed_2 - billed_1) / billed_1 * 100
    effective_change = (effective_2 - effective_1) / effective_1 * 100
    assert f"{billed_change:+.1f} % vs {first}" in text
    assert f"{effective_change:+.1f} % vs {first}" in text
    assert f"{billed_2:,.2f} USD" in text and f"{effective_2:,.2f} USD" in text
    all_billed = sum(billed for billed, _ in totals.values())
    all_effective = sum(effective for _, effective in totals.values())
    assert f"All periods {all_billed:,.2f}" in text and f"{all_effective:,.2f}" in text
    for kind, (used, unused) in COMMITMENTS.items():
        assert re.search(rf"{kind} \w+ {used} {unused}", text), (kind, used, unused)
    report_figure(
        f"cost report: billed {billed_1:,.2f} / {billed_2:,.2f} USD, effective "
        f"{effective_1:,.2f} / {effective_2:,.2f} USD ({first}, {last}) shown in Chromium"
    )


def test_every_chart_has_marks_with_the_data(report):
    page = read_page(focus_report.dump_dom(report["html"]))
    for chart in CHARTS:
        assert page.charts.get(chart), f"chart {chart} is missing or has no marks"
        assert any(value != 0 for value in page.charts[chart]), chart
    totals = raw_totals()
    expected_columns = [float(value) for pair in totals.values() for value in pair]
    assert sorted(page.charts["trend-periods-USD"]) == pytest.approx(sorted(expected_columns))
    all_effective = float(sum(effective for _, effective in totals.values()))
    assert sum(page.charts["services-USD"]) == pytest.approx(all_effective)
    assert sum(page.charts["trend-daily-USD"]) == pytest.approx(all_effective)


def test_screenshot_and_pdf_are_not_blank(report, report_figure):
    png = report["png"].read_bytes()
    width, height, _ = focus_report.png_pixels(png)
    assert (width, height) == focus_report.SCREEN_SIZE
    ink, colours = focus_report.png_ink_share(png)
    assert ink > 0.02, f"screenshot nearly blank: {ink:.1%} of pixels are not white"
    assert colours > 20, f"screenshot has only {colours} colours"
    pdf = report["pdf"].read_bytes()
    assert pdf.startswith(b"%PDF") and len(pdf) > 10_000
    report_figure(f"report screenshot {width}x{height}: {ink:.1%} inked, {colours} colours")


# --------------------------------------------------------------------------------------------
# Pure helpers
# --------------------------------------------------------------------------------------------


def tiny_png(rows: list[bytes], width: int, filter_type: int = 0) -> bytes:
    """An RGB PNG with every row stored with one filter type (0 none, 1 sub)."""
    raw = b""
    for row in rows:
        if filter_type == 1:
            row = bytes(
                (row[index] - (row[index - 3] if index >= 3 else 0)) & 0xFF
                for index in range(len(row))
            )
        raw += bytes([filter_type]) + row

    def chunk(kind: bytes, body: bytes) -> bytes:
        crc = zlib.crc32(kind + body) & 0xFFFFFFFF
        return len(body).to_bytes(4, "big") + kind + body + crc.to_bytes(4, "big")

    header = width.to_bytes(4, "big") + len(rows).to_bytes(4, "big") + bytes([8, 2, 0, 0, 0])
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(raw))
        + chunk(b"IEND", b"")
    )


@pytest.mark.quick
@pytest.mark.parametrize("filter_type", [0, 1])
def test_png_decoder_reads_pixels(filter_type):
    rows = [bytes([255, 255, 255, 10, 20, 30]), bytes([0, 0, 0, 200, 100, 50])]
    width, height, decoded = focus_report.png_pixels(tiny_png(rows, 2, filter_type))
    assert (width, height, decoded) == (2, 2, rows)
    white = tiny_png([bytes([255] * 12)] * 4, 4)
    assert focus_report.png_ink_share(white, step=1) == (0.0, 1)
    assert focus_report.png_ink_share(tiny_png(rows, 2), step=1)[0] == 0.75


@pytest.mark.quick
def test_formatting_helpers():
    assert focus_report.money(Decimal("1234.5"), "USD") == "1,234.50 USD"
    assert focus_report.money(None) == "–"
    assert focus_report.change(Decimal(50), Decimal(100)) == -0.5
    assert focus_report.change(Decimal(50), Decimal(0)) is None
    assert focus_report.percent(-0.8312, signed=True) == "-83.1 %"
    import datetime as dt

    days = focus_report.fill_days([(dt.date(2025, 1, 3), Decimal(2)), (dt.date(2025, 1, 1), 1)])
    assert days == [
        (dt.date(2025, 1, 1), 1),
        (dt.date(2025, 1, 2), Decimal(0)),
        (dt.date(2025, 1, 3), Decimal(2)),
    ]


@pytest.mark.quick
def test_charts_draw_one_mark_per_value_and_nothing_without_data():
    svg = focus_report.svg_hbar_chart("x", [("a", 2.0, "2"), ("b", -1.0, "-1")])
    assert svg.count('class="mark"') == 2 and 'data-chart="x"' in svg
    assert focus_report.svg_hbar_chart("x", []) == ""
    assert focus_report.svg_columns("y", ["2025-01"], [("s", "#000", [3.0])]).count("<rect") == 1
    stacked = focus_report.svg_stacked_bars("z", [("c", 1.0, 3.0, "25 %")])
    assert stacked.count('class="mark"') == 2


@pytest.mark.quick
def test_anomaly_rule_flags_a_spike_and_not_a_steady_service():
    import datetime as dt

    start = dt.date(2025, 1, 1)
    steady = [(start + dt.timedelta(days=day), Decimal("10")) for day in range(6)]
    spiky = steady[:5] + [(start + dt.timedelta(days=5), Decimal("40"))]
    anomalies = focus_report.find_anomalies({"USD": {"steady": steady, "spiky": spiky}})
    assert [(anomaly.service, anomaly.day) for anomaly in anomalies] == [
        ("spiky", start + dt.timedelta(days=5))
    ]
    assert anomalies[0].baseline == Decimal("10.0")


def test_missing_duckdb_file_is_one_line_and_exit_2(tmp_path):
    completed = subprocess.run(
        [sys.executable, str(REPO_ROOT / "scripts" / "focus_report.py"),
         "--duckdb-path", str(tmp_path / "nosuch.duckdb"), "--out", str(tmp_path / "r.html")],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert completed.returncode == 2
    assert "focus_report: DuckDB file not found" in completed.stderr
    assert not Path(tmp_path / "r.html").exists()


def test_without_the_marts_the_report_computes_the_same_figures(fixture_build, tmp_path):
    """A DuckDB file with only the FOCUS table: every section falls back and says so."""
    import duckdb

    focus_only = tmp_path / "focus_only.duckdb"
    with duckdb.connect(str(focus_only)) as connection:
        connection.execute(f"attach '{fixture_build.duckdb_path}' as built (read_only)")
        connection.execute("create schema main_focus")
        connection.execute(
            "create table main_focus.focus_cost_and_usage as "
            "select * from built.main_focus.focus_cost_and_usage"
        )
    with_marts = focus_report.read_figures(fixture_build.duckdb_path)
    assert "mart" in with_marts.sources["summary"], "the fixture build should have the marts"
    fallback = focus_report.read_figures(focus_only)
    assert set(fallback.sources.values()) == {
        focus_report.FOCUS_SOURCE,
        f"{focus_report.FOCUS_SOURCE}; days {focus_report.FOCUS_SOURCE}",
    }
    assert fallback.periods == with_marts.periods
    assert fallback.services == with_marts.services

    def commitments(figures):
        return sorted(
            (item.commitment_type, item.used, item.unused) for item in figures.commitments
        )

    assert commitments(fallback) == commitments(with_marts)
    page = read_page(focus_report.render_html(fallback, "t", focus_report.dt.datetime(2025, 3, 1)))
    text = " ".join(page.text)
    assert text.count(f"Figures {focus_report.FOCUS_SOURCE}") == 6
    for kind, (used, unused) in COMMITMENTS.items():
        assert re.search(rf"{kind} \w+ {used} {unused}", text), (kind, used, unused)
    for chart in CHARTS:
        assert page.charts.get(chart), chart


def test_focus_run_report_option_writes_the_page(fixture_build, tmp_path):
    import focus_run

    args = focus_run.build_parser().parse_args(["--report", str(tmp_path / "r.html")])
    assert args.report == tmp_path / "r.html"
    assert focus_run.write_cost_report(fixture_build.duckdb_path, args.report) == 0
    assert "Executive summary" in read_page(args.report.read_text()).text
    assert focus_run.write_cost_report(tmp_path / "nosuch.duckdb", tmp_path / "x.html") == 2
