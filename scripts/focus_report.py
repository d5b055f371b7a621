"""Write a static cost report (HTML, optionally PDF and a screenshot) from a built DuckDB file.

    python scripts/focus_report.py [--duckdb-path target/finops_focus.duckdb] \\
        [--out exports/report/finops_report.html] [--pdf report.pdf] [--screenshot report.png]

The page is one self-contained HTML file: no script, no font or style from the network, every
chart an inline SVG drawn here. Sections: executive summary (billed and effective cost per
billing currency and billing period, change against the previous period), spend trend (per
billing period and per day), top services, allocation coverage (share of cost carrying each
tag), commitment utilization and cost anomalies.

Where the figures come from: each section reads the FinOps mart that answers it
(models/marts/finops: finops_spend_monthly, finops_spend_daily) when the DuckDB file has it, and
otherwise computes the figure from focus_cost_and_usage; the page says which, per section:
spend (finops_spend_monthly, finops_spend_daily), allocation coverage
(finops_allocation_coverage_weekly), commitment utilization (finops_commitment_utilization) and
anomalies (finops_cost_anomalies).

--pdf and --screenshot render the page with headless Chromium (Debian's `chromium`; install it
with scripts/setup_chromium.sh): `--print-to-pdf` and `--screenshot`.

Exit codes: 0 written; 2 an error (no DuckDB file, no FOCUS table, Chromium missing or failing
when --pdf or --screenshot is asked for), reported as one line starting ``focus_report:``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import html
import logging
import math
import os
import shutil
import statistics
import struct
import subprocess
import sys
import tempfile
import time
import zlib
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

LOG = logging.getLogger("focus_report")

SCRIPTS_DIR = Path(__file__).resolve().parent
REPO_ROOT = SCRIPTS_DIR.parent
FOCUS_TABLE = "focus_cost_and_usage"
SPEND_MONTHLY = "finops_spend_monthly"
SPEND_DAILY = "finops_spend_daily"
ALLOCATION_COVERAGE = "finops_allocation_coverage_weekly"
COMMITMENT_UTILIZATION = "finops_commitment_utilization"
COST_ANOMALIES = "finops_cost_anomalies"
FOCUS_SOURCE = "computed from focus_cost_and_usage"
TOP_SERVICES = 10
TOP_TAG_KEYS = 8
# A day's usage cost of a service is an anomaly when it exceeds the mean of that service's other
# days by more than this many standard deviations and by at least ANOMALY_MIN_DELTA.
ANOMALY_SIGMAS = 3.0
ANOMALY_MIN_DELTA = Decimal("1")
ANOMALY_MIN_DAYS = 4
SCREEN_SIZE = (1280, 3600)
CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome")

COLOURS = {
    "billed": "#4c78a8",
    "effective": "#f58518",
    "used": "#54a24b",
    "unused": "#e45756",
    "bar": "#4c78a8",
    "anomaly": "#d62728",
}


class ReportError(Exception):
    """An error that stops the report (exit code 2), reported as one line."""


# --------------------------------------------------------------------------------------------
# Figures
# --------------------------------------------------------------------------------------------


@dataclass
class PeriodTotal:
    currency: str
    period: dt.date
    billed: Decimal
    effective: Decimal


@dataclass
class Commitment:
    currency: str
    commitment_id: str
    name: str
    commitment_type: str
    used: Decimal
    unused: Decimal

    @property
    def utilization(self) -> float | None:
        total = self.used + self.unused
        return float(self.used / total) if total > 0 else None


@dataclass
class Anomaly:
    currency: str
    day: dt.date
    service: str
    cost: Decimal
    baseline: Decimal | None
    direction: str = "up"


@dataclass
class Figures:
    """Everything the page shows, and where each section's figures came from."""

    row_count: int
    periods: list[PeriodTotal]
    daily: dict[str, list[tuple[dt.date, Decimal]]]
    services: dict[str, list[tuple[str, Decimal, Decimal]]]
    coverage: dict[str, list[tuple[str, Decimal, Decimal]]]
    commitments: list[Commitment]
    daily_usage: dict[str, dict[str, list[tuple[dt.date, Decimal]]]]
    anomalies: list[Anomaly] = field(default_factory=list)
    sources: dict[str, str] = field(default_factory=dict)


def connect(duckdb_path: Path) -> Any:
    import duckdb

    if not duckdb_path.is_file():
        raise ReportError(f"DuckDB file not found: {duckdb_path}: build the project first")
    return duckdb.connect(str(duckdb_path), read_only=True)


def find_relation(connection: Any, table: str) -> str | None:
    rows = connection.execute(
        "select table_schema from information_schema.tables where table_name = ? "
        "order by table_schema",
        [table],
    ).fetchall()
    return f'"{rows[0][0]}"."{table}"' if rows else None


def read_periods(connection: Any, focus: str, monthly: str | None) -> list[PeriodTotal]:
    if monthly:
        sql = f"""
            select billing_currency, cast(billing_period_start as date),
                sum(billed_cost), sum(effective_cost)
            from {monthly} group by all order by 1, 2"""
    else:
        sql = f"""
            select BillingCurrency, cast(BillingPeriodStart as date),
                sum(BilledCost), sum(EffectiveCost)
            from {focus} group by all order by 1, 2"""
    return [PeriodTotal(*row) for row in connection.execute(sql).fetchall()]


def read_daily(connection: Any, focus: str, daily: str | None) -> dict:
    if daily:
        sql = f"""
            select billing_currency, cast(charge_date as date), sum(effective_cost)
            from {daily} group by all order by 1, 2"""
    else:
        sql = f"""
            select BillingCurrency, cast(ChargePeriodStart as date), sum(EffectiveCost)
            from {focus} group by all order by 1, 2"""
    series: dict[str, list[tuple[dt.date, Decimal]]] = defaultdict(list)
    for currency, day, cost in connection.execute(sql).fetchall():
        series[currency].append((day, cost))
    return dict(series)


def read_services(connection: Any, focus: str, monthly: str | None) -> dict:
    if monthly:
        sql = f"""
            select billing_currency, service_name, sum(effective_cost), sum(billed_cost)
            from {monthly} group by all order by 1, 3 desc, 2"""
    else:
        sql = f"""
            select BillingCurrency, ServiceName, sum(EffectiveCost), sum(BilledCost)
            from {focus} group by all order by 1, 3 desc, 2"""
    services: dict[str, list[tuple[str, Decimal, Decimal]]] = defaultdict(list)
    for currency, service, effective, billed in connection.execute(sql).fetchall():
        services[currency].append((service or "(no service)", effective, billed))
    return dict(services)


def read_coverage(connection: Any, focus: str, mart: str | None = None) -> dict:
    """Per currency and key: effective cost allocated by the key, and the cost it is a share of.

    From the mart: its allocation keys over all weeks (allocated and total effective cost).
    Without it: every tag key, and any tag, over the positive effective cost.
    """
    if mart:
        sql = f"""
            select billing_currency, allocation_key, sum(allocated_effective_cost),
                sum(total_effective_cost)
            from {mart} group by all order by 1, 3 desc, 2"""
        coverage_rows = connection.execute(sql).fetchall()
        result: dict[str, list[tuple[str, Decimal, Decimal]]] = defaultdict(list)
        for currency, key, allocated, total in coverage_rows:
            result[currency].append((key, allocated, total))
        return dict(result)
    sql = f"""
        with charges as (
            select BillingCurrency, EffectiveCost, Tags from {focus} where EffectiveCost > 0
        ),
        tag_keys as (
            select distinct unnest(json_keys(Tags)) as tag_key
            from charges where Tags is not null
        ),
        any_tag as (
            select BillingCurrency, '(any tag)' as tag_key,
                sum(case when Tags is not null and Tags <> '{{}}' then EffectiveCost else 0 end),
                sum(EffectiveCost)
            from charges group by all
        ),
        per_key as (
            select charges.BillingCurrency, tag_keys.tag_key,
                sum(case
                    when json_extract_string(charges.Tags, '$."' || tag_keys.tag_key || '"')
                        is not null then charges.EffectiveCost
                    else 0
                end),
                sum(charges.EffectiveCost)
            from charges cross join tag_keys group by all
        )
        select * from any_tag union all select * from per_key order by 1, 3 desc, 2"""
    coverage: dict[str, list[tuple[str, Decimal, Decimal]]] = defaultdict(list)
    for currency, tag_key, tagged, total in connection.execute(sql).fetchall():
        coverage[currency].append((tag_key, tagged, total))
    return dict(coverage)


def read_commitments(connection: Any, focus: str, mart: str | None = None) -> list[Commitment]:
    if mart:
        sql = f"""
            select billing_currency, commitment_discount_id,
                coalesce(max(commitment_discount_name), commitment_discount_id),
                coalesce(max(commitment_discount_type), ''),
                sum(used_effective_cost), sum(unused_effective_cost)
            from {mart}
            group by billing_currency, commitment_discount_id
            order by 1, 2"""
        return [Commitment(*row) for row in connection.execute(sql).fetchall()]
    sql = f"""
        select BillingCurrency, CommitmentDiscountId,
            coalesce(max(CommitmentDiscountName), CommitmentDiscountId),
            coalesce(max(CommitmentDiscountType), ''),
            coalesce(sum(EffectiveCost) filter (where CommitmentDiscountStatus = 'Used'), 0),
            coalesce(sum(EffectiveCost) filter (where CommitmentDiscountStatus = 'Unused'), 0)
        from {focus}
        where CommitmentDiscountId is not null and CommitmentDiscountStatus is not null
        group by BillingCurrency, CommitmentDiscountId
        order by 1, 2"""
    return [Commitment(*row) for row in connection.execute(sql).fetchall()]


def read_daily_usage(connection: Any, focus: str) -> dict:
    """Per currency and service: each day's usage cost (no fees, no unused commitment)."""
    sql = f"""
        select BillingCurrency, ServiceName, cast(ChargePeriodStart as date), sum(EffectiveCost)
        from {focus}
        where ChargeCategory = 'Usage' and ChargeFrequency = 'Usage-Based'
            and (CommitmentDiscountStatus is null or CommitmentDiscountStatus <> 'Unused')
        group by all order by 1, 2, 3"""
    usage: dict[str, dict[str, list[tuple[dt.date, Decimal]]]] = defaultdict(
        lambda: defaultdict(list)
    )
    for currency, service, day, cost in connection.execute(sql).fetchall():
        usage[currency][service or "(no service)"].append((day, cost))
    return {currency: dict(services) for currency, services in usage.items()}


def read_mart_anomalies(connection: Any, mart: str) -> tuple[dict, list[Anomaly]]:
    """The anomaly mart's daily usage cost (per currency, as one series) and its flagged days."""
    usage: dict[str, dict[str, list[tuple[dt.date, Decimal]]]] = defaultdict(dict)
    daily_sql = f"""
        select billing_currency, charge_date, sum(effective_cost)
        from {mart} group by all order by 1, 2"""
    for currency, day, cost in connection.execute(daily_sql).fetchall():
        usage[currency].setdefault("(all usage)", []).append((day, cost))
    flagged_sql = f"""
        select billing_currency, charge_date, service_name, effective_cost, baseline_mean,
            coalesce(anomaly_direction, 'up')
        from {mart} where is_anomaly order by 2, 4 desc"""
    anomalies = [Anomaly(*row) for row in connection.execute(flagged_sql).fetchall()]
    return dict(usage), anomalies


def find_anomalies(daily_usage: dict) -> list[Anomaly]:
    """Days whose usage cost of a service stands out from that service's other days."""
    anomalies = []
    for currency, services in daily_usage.items():
        for service, days in services.items():
            if len(days) < ANOMALY_MIN_DAYS:
                continue
            for index, (day, cost) in enumerate(days):
                others = [
                    float(value) for position, (_, value) in enumerate(days) if position != index
                ]
                mean = statistics.fmean(others)
                spread = statistics.pstdev(others)
                delta = float(cost) - mean
                if delta >= float(ANOMALY_MIN_DELTA) and delta > ANOMALY_SIGMAS * spread:
                    baseline = Decimal(str(round(mean, 2)))
                    anomalies.append(Anomaly(currency, day, service, cost, baseline))
    return sorted(anomalies, key=lambda anomaly: (anomaly.day, -anomaly.cost))


def read_figures(duckdb_path: Path) -> Figures:
    with connect(duckdb_path) as connection:
        focus = find_relation(connection, FOCUS_TABLE)
        if not focus:
            raise ReportError(f"no table {FOCUS_TABLE} in {duckdb_path}: build the project first")
        marts = {
            name: find_relation(connection, name)
            for name in (
                SPEND_MONTHLY,
                SPEND_DAILY,
                ALLOCATION_COVERAGE,
                COMMITMENT_UTILIZATION,
                COST_ANOMALIES,
            )
        }
        monthly, daily = marts[SPEND_MONTHLY], marts[SPEND_DAILY]
        [(row_count,)] = connection.execute(f"select count(*) from {focus}").fetchall()
        if marts[COST_ANOMALIES]:
            daily_usage, anomalies = read_mart_anomalies(connection, marts[COST_ANOMALIES])
        else:
            daily_usage = read_daily_usage(connection, focus)
            anomalies = find_anomalies(daily_usage)
        figures = Figures(
            row_count=row_count,
            periods=read_periods(connection, focus, monthly),
            daily=read_daily(connection, focus, daily),
            services=read_services(connection, focus, monthly),
            coverage=read_coverage(connection, focus, marts[ALLOCATION_COVERAGE]),
            commitments=read_commitments(connection, focus, marts[COMMITMENT_UTILIZATION]),
            daily_usage=daily_usage,
            anomalies=anomalies,
        )

    def source(name: str | None) -> str:
        return f"read from the mart {name}" if name else FOCUS_SOURCE

    spend_monthly = source(monthly and SPEND_MONTHLY)
    figures.sources = {
        "summary": spend_monthly,
        "trend": f"{spend_monthly}; days {source(daily and SPEND_DAILY)}",
        "services": spend_monthly,
        "coverage": source(marts[ALLOCATION_COVERAGE] and ALLOCATION_COVERAGE),
        "commitments": source(marts[COMMITMENT_UTILIZATION] and COMMITMENT_UTILIZATION),
        "anomalies": source(marts[COST_ANOMALIES] and COST_ANOMALIES),
    }
    return figures


# --------------------------------------------------------------------------------------------
# Formatting and charts (pure)
# --------------------------------------------------------------------------------------------


def money(value: Decimal | float | None, currency: str = "") -> str:
    """1234.5 -> '1,234.50' (with ' USD' when a currency is given); None -> '–'."""
    if value is None:
        return "–"
    text = f"{Decimal(str(value)).quantize(Decimal('0.01')):,}"
    return f"{text} {currency}".strip()


def percent(value: float | None, signed: bool = False) -> str:
    if value is None:
        return "–"
    return f"{value * 100:+.1f} %" if signed else f"{value * 100:.1f} %"


def change(current: Decimal, previous: Decimal | None) -> float | None:
    """Relative change from previous to current; None without a previous value or from 0."""
    if previous is None or previous == 0:
        return None
    return float((current - previous) / abs(previous))


def period_label(period: dt.date) -> str:
    return period.strftime("%Y-%m")


def shorten(label: str, limit: int = 36) -> str:
    return label if len(label) <= limit else label[: limit - 1] + "…"


def fill_days(points: Sequence[tuple[dt.date, Decimal]]) -> list[tuple[dt.date, Decimal]]:
    """Every day from the first to the last, 0 on days without a charge."""
    if not points:
        return []
    by_day: dict[dt.date, Decimal] = defaultdict(Decimal)
    for day, value in points:
        by_day[day] += value
    first, last = min(by_day), max(by_day)
    return [
        (
            first + dt.timedelta(days=offset),
            by_day.get(first + dt.timedelta(days=offset), Decimal(0)),
        )
        for offset in range((last - first).days + 1)
    ]


def esc(value: object) -> str:
    return html.escape(str(value), quote=True)


def _nice_max(value: float) -> float:
    if value <= 0:
        return 1.0
    magnitude = 10 ** math.floor(math.log10(value))
    for step in (1, 2, 2.5, 5, 10):
        if value <= step * magnitude:
            return step * magnitude
    return 10 * magnitude


def svg_hbar_chart(
    chart: str,
    rows: Sequence[tuple[str, float, str]],
    colour: str = COLOURS["bar"],
    maximum: float | None = None,
    width: int = 760,
) -> str:
    """Horizontal bars: one (label, value, value text) per row; negative values drawn left."""
    if not rows:
        return ""
    bar_height, gap, label_width, value_width = 22, 8, 260, 190
    plot = width - label_width - value_width
    height = len(rows) * (bar_height + gap) + gap
    high = maximum if maximum is not None else max(max(value for _, value, _ in rows), 0.0)
    low = min(min(value for _, value, _ in rows), 0.0)
    span = (high - low) or 1.0
    zero = label_width + plot * (-low / span)
    parts = [
        f'<svg class="chart" data-chart="{esc(chart)}" role="img" width="{width}" '
        f'height="{height}" viewBox="0 0 {width} {height}" xmlns="http://www.w3.org/2000/svg">'
    ]
    for index, (label, value, text) in enumerate(rows):
        y = gap + index * (bar_height + gap)
        x0 = zero if value >= 0 else zero - plot * (-value / span)
        bar = max(plot * abs(value) / span, 1.0)
        parts.append(
            f'<text x="{label_width - 8}" y="{y + 15}" text-anchor="end" class="label">'
            f"{esc(shorten(label))}</text>"
            f'<rect class="mark" data-label="{esc(label)}" data-value="{value:.6g}" x="{x0:.1f}" '
            f'y="{y}" width="{bar:.1f}" height="{bar_height}" fill="{colour}"/>'
            f'<text x="{width - value_width + 6}" y="{y + 15}" class="value">{esc(text)}</text>'
        )
    parts.append(
        f'<line x1="{zero:.1f}" x2="{zero:.1f}" y1="0" y2="{height}" stroke="#888"/></svg>'
    )
    return "".join(parts)


def svg_stacked_bars(
    chart: str, rows: Sequence[tuple[str, float, float, str]], width: int = 760
) -> str:
    """100 % bars split in two (used, unused), one per row, with a text on the right."""
    if not rows:
        return ""
    bar_height, gap, label_width, value_width = 22, 8, 260, 150
    plot = width - label_width - value_width
    height = len(rows) * (bar_height + gap) + gap
    parts = [
        f'<svg class="chart" data-chart="{esc(chart)}" role="img" width="{width}" '
        f'height="{height}" viewBox="0 0 {width} {height}" xmlns="http://www.w3.org/2000/svg">'
    ]
    for index, (label, used, unused, text) in enumerate(rows):
        y = gap + index * (bar_height + gap)
        total = (used + unused) or 1.0
        used_width = plot * max(used, 0.0) / total
        parts.append(
            f'<text x="{label_width - 8}" y="{y + 15}" text-anchor="end" class="label">'
            f"{esc(shorten(label))}</text>"
            f'<rect class="mark" data-label="{esc(label)} used" data-value="{used:.6g}" '
            f'x="{label_width}" y="{y}" width="{used_width:.1f}" height="{bar_height}" '
            f'fill="{COLOURS["used"]}"/>'
            f'<rect class="mark" data-label="{esc(label)} unused" data-value="{unused:.6g}" '
            f'x="{label_width + used_width:.1f}" y="{y}" width="{plot - used_width:.1f}" '
            f'height="{bar_height}" fill="{COLOURS["unused"]}"/>'
            f'<text x="{width - value_width + 6}" y="{y + 15}" class="value">{esc(text)}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


def svg_columns(
    chart: str,
    categories: Sequence[str],
    series: Sequence[tuple[str, str, Sequence[float]]],
    width: int = 760,
    height: int = 260,
) -> str:
    """Grouped columns: one group per category, one column per (name, colour, values)."""
    if not categories or not series:
        return ""
    left, bottom, top = 70, 30, 20
    plot_height = height - bottom - top
    high = _nice_max(max(max(values) for _, _, values in series))
    low = min(min(min(values) for _, _, values in series), 0.0)
    span = high - low
    zero = top + plot_height * high / span
    group = (width - left - 10) / len(categories)
    column = group * 0.7 / len(series)
    parts = [
        f'<svg class="chart" data-chart="{esc(chart)}" role="img" width="{width}" '
        f'height="{height}" viewBox="0 0 {width} {height}" xmlns="http://www.w3.org/2000/svg">',
        f'<text x="{left - 6}" y="{top + 4}" text-anchor="end" class="axis">{high:,.0f}</text>',
        f'<line x1="{left}" x2="{width - 10}" y1="{zero:.1f}" y2="{zero:.1f}" stroke="#888"/>',
    ]
    for index, category in enumerate(categories):
        x = left + index * group + group * 0.15
        for position, (name, colour, values) in enumerate(series):
            value = values[index]
            bar = plot_height * abs(value) / span
            y = zero - bar if value >= 0 else zero
            parts.append(
                f'<rect class="mark" data-label="{esc(category)} {esc(name)}" '
                f'data-value="{value:.6g}" x="{x + position * column:.1f}" y="{y:.1f}" '
                f'width="{column - 2:.1f}" height="{max(bar, 1.0):.1f}" fill="{colour}">'
                f"<title>{esc(category)} {esc(name)}: {value:,.2f}</title></rect>"
            )
        parts.append(
            f'<text x="{left + index * group + group / 2:.1f}" y="{height - 8}" '
            f'text-anchor="middle" class="axis">{esc(category)}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


def svg_line_chart(
    chart: str,
    points: Sequence[tuple[dt.date, float]],
    markers: Sequence[tuple[dt.date, float, str]] = (),
    colour: str = COLOURS["effective"],
    width: int = 760,
    height: int = 240,
) -> str:
    """A daily line (one point per day with cost) with optional marked days (anomalies)."""
    if not points:
        return ""
    left, bottom, top, right = 70, 30, 20, 15
    first, last = points[0][0], points[-1][0]
    days = max((last - first).days, 1)
    high = _nice_max(max(max(value for _, value in points), 0.0))
    low = min(min(value for _, value in points), 0.0)
    span = (high - low) or 1.0

    def position(day: dt.date, value: float) -> tuple[float, float]:
        x = left + (width - left - right) * (day - first).days / days
        y = top + (height - top - bottom) * (high - value) / span
        return x, y

    path = " ".join(
        f"{'M' if index == 0 else 'L'}{x:.1f},{y:.1f}"
        for index, (x, y) in enumerate(position(day, value) for day, value in points)
    )
    zero_y = position(first, 0.0)[1]
    parts = [
        f'<svg class="chart" data-chart="{esc(chart)}" role="img" width="{width}" '
        f'height="{height}" viewBox="0 0 {width} {height}" xmlns="http://www.w3.org/2000/svg">',
        f'<text x="{left - 6}" y="{top + 4}" text-anchor="end" class="axis">{high:,.0f}</text>',
        f'<line x1="{left}" x2="{width - right}" y1="{zero_y:.1f}" y2="{zero_y:.1f}" '
        f'stroke="#888"/>',
        f'<path class="line" d="{path}" fill="none" stroke="{colour}" stroke-width="2"/>',
        f'<text x="{left}" y="{height - 8}" class="axis">{first.isoformat()}</text>',
        f'<text x="{width - right}" y="{height - 8}" text-anchor="end" class="axis">'
        f"{last.isoformat()}</text>",
    ]
    for day, value in points:
        x, y = position(day, value)
        parts.append(
            f'<circle class="mark" data-label="{day.isoformat()}" data-value="{value:.6g}" '
            f'cx="{x:.1f}" cy="{y:.1f}" r="2.5" fill="{colour}"/>'
        )
    for day, value, label in markers:
        x, y = position(day, value)
        parts.append(
            f'<circle class="anomaly" data-label="{esc(label)}" data-value="{value:.6g}" '
            f'cx="{x:.1f}" cy="{y:.1f}" r="7" fill="none" stroke="{COLOURS["anomaly"]}" '
            f'stroke-width="2.5"><title>{esc(label)}</title></circle>'
        )
    parts.append("</svg>")
    return "".join(parts)


# --------------------------------------------------------------------------------------------
# The page
# --------------------------------------------------------------------------------------------

STYLE = """
body { font-family: 'DejaVu Sans', Arial, sans-serif; margin: 24px 40px; color: #222;
       max-width: 1180px; }
h1 { margin-bottom: 4px; } h2 { margin-top: 36px; border-bottom: 2px solid #4c78a8; }
.meta, .source { color: #666; font-size: 13px; }
.cards { display: flex; gap: 16px; flex-wrap: wrap; margin: 12px 0; }
.card { border: 1px solid #ccc; border-radius: 8px; padding: 12px 18px; min-width: 220px; }
.card .figure { font-size: 26px; font-weight: bold; }
.card .delta { font-size: 14px; color: #555; }
table { border-collapse: collapse; margin: 10px 0; font-size: 14px; }
th, td { border-bottom: 1px solid #ddd; padding: 4px 12px; text-align: right; }
th:first-child, td:first-child, td.text { text-align: left; }
svg.chart { display: block; margin: 8px 0; }
svg .label, svg .value, svg .axis { font-size: 12px; fill: #333; }
.legend span { display: inline-block; margin-right: 16px; font-size: 13px; }
.legend i { display: inline-block; width: 12px; height: 12px; margin-right: 4px; }
@media print { h2 { break-before: auto; } section { break-inside: avoid; } }
"""


def legend(*entries: tuple[str, str]) -> str:
    items = "".join(
        f'<span><i style="background:{colour}"></i>{esc(name)}</span>' for name, colour in entries
    )
    return f'<div class="legend">{items}</div>'


def source_note(figures: Figures, section: str) -> str:
    return f'<p class="source">Figures {esc(figures.sources.get(section, FOCUS_SOURCE))}.</p>'


def summary_section(figures: Figures) -> str:
    by_currency: dict[str, list[PeriodTotal]] = defaultdict(list)
    for total in figures.periods:
        by_currency[total.currency].append(total)
    cards, rows = [], []
    for currency, totals in sorted(by_currency.items()):
        latest = totals[-1]
        previous = totals[-2] if len(totals) > 1 else None
        for label, attribute in (("Billed cost", "billed"), ("Effective cost", "effective")):
            value = getattr(latest, attribute)
            before = getattr(previous, attribute) if previous else None
            delta = (
                f"{percent(change(value, before), signed=True)} vs "
                f"{period_label(previous.period)} ({money(before, currency)})"
                if previous
                else "no previous period"
            )
            cards.append(
                f'<div class="card"><div>{label}, {period_label(latest.period)}</div>'
                f'<div class="figure">{money(value, currency)}</div>'
                f'<div class="delta">{esc(delta)}</div></div>'
            )
        for index, total in enumerate(totals):
            before = totals[index - 1] if index else None
            billed_change = change(total.billed, before.billed if before else None)
            effective_change = change(total.effective, before.effective if before else None)
            rows.append(
                f"<tr><td>{esc(currency)}</td><td>{period_label(total.period)}</td>"
                f"<td>{money(total.billed)}</td><td>{percent(billed_change, True)}</td>"
                f"<td>{money(total.effective)}</td><td>{percent(effective_change, True)}</td></tr>"
            )
        all_billed = sum((total.billed for total in totals), Decimal(0))
        all_effective = sum((total.effective for total in totals), Decimal(0))
        rows.append(
            f"<tr><th>{esc(currency)}</th><th>All periods</th><th>{money(all_billed)}</th>"
            f"<th></th><th>{money(all_effective)}</th><th></th></tr>"
        )
    table = (
        "<table><tr><th>Currency</th><th>Billing period</th><th>Billed cost</th>"
        "<th>Change</th><th>Effective cost</th><th>Change</th></tr>" + "".join(rows) + "</table>"
    )
    return (
        '<section id="summary"><h2>Executive summary</h2>'
        f'<div class="cards">{"".join(cards)}</div>{table}'
        "<p>Billed cost is what the invoices charge (FOCUS BilledCost); effective cost spreads "
        "commitment purchases over the usage they cover (FOCUS EffectiveCost). Change is "
        "against the previous billing period.</p>"
        f"{source_note(figures, 'summary')}</section>"
    )


def trend_section(figures: Figures) -> str:
    parts = ['<section id="trend"><h2>Spend trend</h2>']
    by_currency: dict[str, list[PeriodTotal]] = defaultdict(list)
    for total in figures.periods:
        by_currency[total.currency].append(total)
    for currency, totals in sorted(by_currency.items()):
        parts.append(f"<h3>Per billing period ({esc(currency)})</h3>")
        parts.append(
            legend(("Billed cost", COLOURS["billed"]), ("Effective cost", COLOURS["effective"]))
        )
        parts.append(
            svg_columns(
                f"trend-periods-{currency}",
                [period_label(total.period) for total in totals],
                [
                    ("billed", COLOURS["billed"], [float(total.billed) for total in totals]),
                    (
                        "effective",
                        COLOURS["effective"],
                        [float(total.effective) for total in totals],
                    ),
                ],
            )
        )
        days = figures.daily.get(currency, [])
        parts.append(f"<h3>Effective cost per day ({esc(currency)})</h3>")
        parts.append(
            svg_line_chart(
                f"trend-daily-{currency}", [(day, float(cost)) for day, cost in fill_days(days)]
            )
        )
        parts.append(
            '<p class="source">A monthly charge (a fee, support, tax, unused commitment) falls on '
            "the first day of its charge period.</p>"
        )
    parts.append(source_note(figures, "trend") + "</section>")
    return "".join(parts)


def services_section(figures: Figures) -> str:
    parts = [f'<section id="services"><h2>Top services</h2><p>The {TOP_SERVICES} services with '
             "the highest effective cost over all billing periods.</p>"]  # fmt: skip
    for currency, services in sorted(figures.services.items()):
        top = services[:TOP_SERVICES]
        parts.append(f"<h3>{esc(currency)}</h3>")
        parts.append(
            svg_hbar_chart(
                f"services-{currency}",
                [
                    (name, float(effective), money(effective, currency))
                    for name, effective, _ in top
                ],
            )
        )
    parts.append(source_note(figures, "services") + "</section>")
    return "".join(parts)


def coverage_section(figures: Figures) -> str:
    if figures.sources.get("coverage", FOCUS_SOURCE) == FOCUS_SOURCE:
        what = (
            "Share of positive effective cost that carries each tag key (and any tag at all): "
            "the cost that tags can allocate."
        )
    else:
        what = (
            "Share of effective cost allocated by each allocation key over all weeks: allocated "
            "against all effective cost, credits included (DECISIONLOG D-703)."
        )
    parts = [f'<section id="coverage"><h2>Allocation coverage</h2><p>{what}</p>']
    for currency, keys in sorted(figures.coverage.items()):
        rows = []
        for key, tagged, total in keys[: TOP_TAG_KEYS + 1]:
            share = float(tagged / total) if total else 0.0
            rows.append((key, share * 100, f"{percent(share)} of {money(total, currency)}"))
        parts.append(f"<h3>{esc(currency)}</h3>")
        parts.append(svg_hbar_chart(f"coverage-{currency}", rows, maximum=100.0))
    if not figures.coverage:
        parts.append("<p>No positive cost to allocate.</p>")
    parts.append(source_note(figures, "coverage") + "</section>")
    return "".join(parts)


def commitments_section(figures: Figures) -> str:
    parts = [
        '<section id="commitments"><h2>Commitment utilization</h2><p>Per commitment discount '
        "(Savings Plan, reservation): the effective cost of the commitment that covered usage "
        "(used) against the part that went unused, over all billing periods.</p>",
        legend(("Used", COLOURS["used"]), ("Unused", COLOURS["unused"])),
    ]
    rows, table = [], []
    for commitment in figures.commitments:
        short_id = commitment.name.rsplit("/", 1)[-1][:8]
        label = f"{commitment.commitment_type} {short_id}".strip()
        text = f"{percent(commitment.utilization)} used"
        rows.append((label, float(commitment.used), float(commitment.unused), text))
        table.append(
            f'<tr><td class="text">{esc(label)}</td><td>{money(commitment.used)}</td>'
            f"<td>{money(commitment.unused)}</td><td>{percent(commitment.utilization)}</td>"
            f"<td>{esc(commitment.currency)}</td></tr>"
        )
    if rows:
        parts.append(svg_stacked_bars("commitments", rows))
        parts.append(
            "<table><tr><th>Commitment</th><th>Used</th><th>Unused</th><th>Utilization</th>"
            "<th>Currency</th></tr>" + "".join(table) + "</table>"
        )
    else:
        parts.append("<p>No commitment discount in the data.</p>")
    parts.append(source_note(figures, "commitments") + "</section>")
    return "".join(parts)


def anomalies_section(figures: Figures) -> str:
    if figures.sources.get("anomalies", FOCUS_SOURCE) == FOCUS_SOURCE:
        rule = (
            "Usage cost per service and day (no fees, no unused commitment). A day is an anomaly "
            "when its cost exceeds the mean of the service's other days by more than "
            f"{ANOMALY_SIGMAS:g} standard deviations and by at least {ANOMALY_MIN_DELTA} "
            f"(services with at least {ANOMALY_MIN_DAYS} days of usage)."
        )
    else:
        rule = (
            "Usage-based cost per day, each series (account, service, currency) against its "
            "trailing baseline, as the mart finops_cost_anomalies flags it (DECISIONLOG D-706)."
        )
    parts = [f'<section id="anomalies"><h2>Anomalies</h2><p>{rule} Flagged days are circled.</p>']
    for currency, services in sorted(figures.daily_usage.items()):
        totals: dict[dt.date, Decimal] = defaultdict(Decimal)
        for days in services.values():
            for day, cost in days:
                totals[day] += cost
        marks = [
            (anomaly.day, float(totals[anomaly.day]), f"{anomaly.day} {anomaly.service}")
            for anomaly in figures.anomalies
            if anomaly.currency == currency
        ]
        parts.append(f"<h3>Usage cost per day ({esc(currency)})</h3>")
        parts.append(
            svg_line_chart(
                f"anomalies-{currency}",
                [(day, float(cost)) for day, cost in fill_days(list(totals.items()))],
                marks,
                colour=COLOURS["billed"],
            )
        )
    if figures.anomalies:
        rows = "".join(
            f"<tr><td>{anomaly.day.isoformat()}</td><td class='text'>{esc(anomaly.service)}</td>"
            f"<td>{money(anomaly.cost, anomaly.currency)}</td>"
            f"<td>{money(anomaly.baseline, anomaly.currency)}</td><td>{esc(anomaly.direction)}</td>"
            "</tr>"
            for anomaly in figures.anomalies
        )
        parts.append(
            "<table><tr><th>Day</th><th>Service</th><th>Usage cost</th><th>Baseline</th>"
            f"<th>Direction</th></tr>{rows}</table>"
        )
    else:
        parts.append(f"<p><strong>No anomalies</strong> in {figures.row_count} charges.</p>")
    parts.append(source_note(figures, "anomalies") + "</section>")
    return "".join(parts)


def render_html(figures: Figures, title: str, generated_at: dt.datetime) -> str:
    periods = sorted({total.period for total in figures.periods})
    span = (
        f"billing periods {period_label(periods[0])} to {period_label(periods[-1])}"
        if periods
        else "no billing period"
    )
    body = "".join(
        [
            summary_section(figures),
            trend_section(figures),
            services_section(figures),
            coverage_section(figures),
            commitments_section(figures),
            anomalies_section(figures),
        ]
    )
    return (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
        f"<title>{esc(title)}</title><style>{STYLE}</style></head><body>"
        f"<h1>{esc(title)}</h1><p class='meta'>{figures.row_count} FOCUS charges, {span}. "
        f"Generated {generated_at.strftime('%Y-%m-%d %H:%M UTC')} by scripts/focus_report.py."
        f"</p>{body}</body></html>\n"
    )


def write_report(duckdb_path: Path, out: Path, title: str = "Cloud cost report") -> Figures:
    """Read the figures and write the HTML page; returns the figures."""
    figures = read_figures(duckdb_path)
    out.parent.mkdir(parents=True, exist_ok=True)
    page = render_html(figures, title, dt.datetime.now(dt.timezone.utc))
    out.write_text(page, encoding="utf-8")
    LOG.info("report written to %s (%d charges, %d anomalies)", out, figures.row_count,
             len(figures.anomalies))  # fmt: skip
    return figures


# --------------------------------------------------------------------------------------------
# Chromium: PDF, screenshot, DOM
# --------------------------------------------------------------------------------------------


def find_chromium() -> str | None:
    explicit = os.environ.get("FOCUS_CHROMIUM")
    if explicit:
        return explicit if shutil.which(explicit) else None
    for name in CHROMIUM_NAMES:
        path = shutil.which(name)
        if path:
            return path
    return None


def run_chromium(page: Path, *flags: str, timeout: int = 120) -> subprocess.CompletedProcess:
    """Headless Chromium on a local file, with a throw-away profile; raises when it fails."""
    chromium = find_chromium()
    if not chromium:
        raise ReportError(
            "chromium not found: install it with scripts/setup_chromium.sh (Debian's chromium)"
        )
    with tempfile.TemporaryDirectory(prefix="focus-report-chromium-") as profile:
        command = [
            chromium, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
            "--no-first-run", "--disable-extensions", f"--user-data-dir={profile}",
            *flags, page.resolve().as_uri(),
        ]  # fmt: skip
        try:
            completed = subprocess.run(
                command, capture_output=True, text=True, timeout=timeout, check=False
            )
        except subprocess.TimeoutExpired as error:
            raise ReportError(f"chromium did not finish in {timeout}s") from error
    if completed.returncode != 0:
        detail = (completed.stderr.strip().splitlines() or ["no output"])[-1]
        raise ReportError(f"chromium failed ({completed.returncode}): {detail}")
    return completed


def print_pdf(page: Path, pdf: Path) -> None:
    pdf.parent.mkdir(parents=True, exist_ok=True)
    run_chromium(page, f"--print-to-pdf={pdf.resolve()}", "--no-pdf-header-footer")
    if not pdf.is_file() or not pdf.read_bytes().startswith(b"%PDF"):
        raise ReportError(f"chromium wrote no PDF at {pdf}")
    LOG.info("PDF written to %s", pdf)


def screenshot(page: Path, png: Path, size: tuple[int, int] = SCREEN_SIZE) -> None:
    png.parent.mkdir(parents=True, exist_ok=True)
    run_chromium(page, f"--screenshot={png.resolve()}", f"--window-size={size[0]},{size[1]}")
    if not png.is_file():
        raise ReportError(f"chromium wrote no screenshot at {png}")
    LOG.info("screenshot written to %s", png)


def dump_dom(page: Path) -> str:
    """The page's DOM as Chromium serializes it after loading (what a person's browser has)."""
    return run_chromium(page, "--dump-dom").stdout


def png_pixels(data: bytes) -> tuple[int, int, list[bytes]]:
    """Decode an 8-bit, non-interlaced RGB or RGBA PNG: width, height and one bytes per row."""
    if not data.startswith(b"\x89PNG\r\n\x1a\n"):
        raise ValueError("not a PNG")
    position, chunks, header = 8, [], None
    while position < len(data):
        (length,) = struct.unpack(">I", data[position : position + 4])
        kind = data[position + 4 : position + 8]
        body = data[position + 8 : position + 8 + length]
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            chunks.append(body)
        position += 12 + length
    if header is None:
        raise ValueError("PNG without IHDR")
    width, height, depth, colour_type, _, _, interlace = header
    channels = {2: 3, 6: 4}.get(colour_type)
    if depth != 8 or channels is None or interlace:
        raise ValueError(f"unsupported PNG (depth {depth}, colour type {colour_type})")
    raw = zlib.decompress(b"".join(chunks))
    stride = width * channels
    rows, previous = [], bytearray(stride)
    for row_index in range(height):
        start = row_index * (stride + 1)
        kind, line = raw[start], bytearray(raw[start + 1 : start + 1 + stride])
        for index in range(stride):
            left = line[index - channels] if index >= channels else 0
            up = previous[index]
            up_left = previous[index - channels] if index >= channels else 0
            if kind == 1:
                line[index] = (line[index] + left) & 0xFF
            elif kind == 2:
                line[index] = (line[index] + up) & 0xFF
            elif kind == 3:
                line[index] = (line[index] + (left + up) // 2) & 0xFF
            elif kind == 4:
                estimate = left + up - up_left
                pa, pb, pc = abs(estimate - left), abs(estimate - up), abs(estimate - up_left)
                predictor = left if pa <= pb and pa <= pc else up if pb <= pc else up_left
                line[index] = (line[index] + predictor) & 0xFF
        rows.append(bytes(line if channels == 3 else _drop_alpha(line)))
        previous = line
    return width, height, rows


def _drop_alpha(line: bytearray) -> bytes:
    return bytes(value for index, value in enumerate(line) if index % 4 != 3)


def png_ink_share(data: bytes, step: int = 4) -> tuple[float, int]:
    """Share of sampled pixels that are not near-white, and how many distinct colours they have."""
    _, _, rows = png_pixels(data)
    inked, total, colours = 0, 0, set()
    for row in rows[::step]:
        for index in range(0, len(row) - 2, 3 * step):
            pixel = row[index : index + 3]
            total += 1
            colours.add(pixel)
            if min(pixel) < 235:
                inked += 1
    return (inked / total if total else 0.0), len(colours)


# --------------------------------------------------------------------------------------------
# CLI
# --------------------------------------------------------------------------------------------


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--duckdb-path",
        type=Path,
        default=Path(os.environ.get("FOCUS_DUCKDB_PATH", "target/finops_focus.duckdb")),
        help="the built DuckDB file (default: FOCUS_DUCKDB_PATH or target/finops_focus.duckdb)",
    )
    parser.add_argument("--out", type=Path, default=Path("exports/report/finops_report.html"))
    parser.add_argument("--pdf", type=Path, help="also print the page to this PDF (Chromium)")
    parser.add_argument("--screenshot", type=Path, help="also save a PNG screenshot (Chromium)")
    parser.add_argument("--title", default="Cloud cost report")
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
    try:
        write_report(args.duckdb_path, args.out, args.title)
        if args.pdf:
            print_pdf(args.out, args.pdf)
        if args.screenshot:
            screenshot(args.out, args.screenshot)
    except ReportError as error:
        LOG.error("focus_report: %s", error)
        return 2
    except Exception as error:  # noqa: BLE001 - one clear line, not a traceback
        LOG.error("focus_report: %s: %s", type(error).__name__, error)
        return 2
    LOG.info("done in %.1fs", time.monotonic() - started)
    return 0


if __name__ == "__main__":
    sys.exit(main())
