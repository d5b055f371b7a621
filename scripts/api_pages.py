"""What the OpenAI and Anthropic page generators share (generate_openai_costs.py,
generate_anthropic_cost_report.py): the days of the months asked for, writing one page file, and
their command line (--rows, --months, --seed, --out, --no-quirks, --log-level; exit code 2 on bad
arguments)."""

from __future__ import annotations

import argparse
import calendar
import json
import logging
import sys
from collections.abc import Callable, Sequence
from datetime import datetime, timezone
from pathlib import Path


def month_days(months: Sequence[str]) -> list[datetime]:
    """Every UTC day of the months, `YYYY-MM` each, in order."""
    days = []
    for month in months:
        year, number = (int(part) for part in month.split("-"))
        for day in range(1, calendar.monthrange(year, number)[1] + 1):
            days.append(datetime(year, number, day, tzinfo=timezone.utc))
    return days


def write_json(path: Path, payload: dict) -> None:
    """One page as the API returns it, indented, with a final newline."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(payload, indent=1) + "\n", encoding="utf-8")


def parse_args(description: str, argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--rows", type=int, default=1000, help="about this many cost results")
    parser.add_argument("--months", default="2025-01,2025-02", help="YYYY-MM,YYYY-MM,...")
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--out", type=Path, default=Path("data/generated"))
    parser.add_argument(
        "--no-quirks", dest="quirks", action="store_false", help="no refetched page, no gaps"
    )
    parser.add_argument("--log-level", default="INFO")
    return parser.parse_args(argv)


def run_generator(
    name: str,
    description: str,
    generate: Callable[[int, list[str], int, Path, bool], dict],
    argv: Sequence[str] | None,
) -> int:
    """A generator's `main`: checks the arguments (one line on stderr and 2 when they are bad),
    then calls generate(rows, months, seed, out, quirks)."""
    try:
        args = parse_args(description, argv)
        months = [month.strip() for month in args.months.split(",") if month.strip()]
        for month in months:
            datetime.strptime(month, "%Y-%m")
    except (SystemExit, ValueError) as error:
        print(f"{name}: bad arguments: {error}", file=sys.stderr)
        return 2
    logging.basicConfig(level=args.log_level, format="%(asctime)s %(levelname)s %(message)s")
    if args.rows < 1:
        logging.getLogger(name).error("--rows must be at least 1")
        return 2
    generate(args.rows, months, args.seed, args.out, args.quirks)
    return 0
