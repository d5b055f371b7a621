"""Independent reading of the AI spend raw pages (OpenAI costs/usage, Anthropic cost/usage reports).

Computes, from the JSON page files alone and with exact decimals (``json.loads`` with
``parse_float=Decimal``: the number text as sent, never a binary float), what the FOCUS build
must show per billing period (calendar month UTC): the raw cost, the cost that reaches FOCUS, the
cost quarantined and the tokens. It repeats the project's rules in plain Python, not its SQL:
a second delivery of the same result (same keys, another page file) counts once, the file whose
path sorts last winning; a cost result reaches FOCUS when the usage report has a positive
quantity for it (code execution: always, its quantity is derived from the cost). Used by
tests_py/test_ai_spend.py and to write the fixture READMEs' totals.
"""

from __future__ import annotations

import json
from collections import defaultdict
from datetime import datetime, timezone
from decimal import Decimal
from pathlib import Path

TOKEN_KINDS = {"input", "cached input", "output", "audio input", "audio output"}


def _pages(folder: Path) -> list[tuple[str, dict]]:
    return [
        (path.as_posix(), json.loads(path.read_text(encoding="utf-8"), parse_float=Decimal))
        for path in sorted(folder.rglob("*.json"))
    ]


def _month(moment: datetime) -> str:
    return f"{moment:%Y-%m}"


def _latest(rows: list[tuple[str, tuple, dict]]) -> dict[tuple, dict]:
    """Deduplicate by key: the row from the file whose path sorts last wins."""
    kept: dict[tuple, tuple[str, dict]] = {}
    for path, key, row in rows:
        if key not in kept or path > kept[key][0]:
            kept[key] = (path, row)
    return {key: row for key, (_, row) in kept.items()}


def openai_expected(raw: Path) -> dict[str, dict[str, Decimal]]:
    """Per billing period: raw_cost, focus_cost, quarantined_cost, tokens, raw_rows, focus_rows."""
    out: dict[str, dict[str, Decimal]] = defaultdict(lambda: defaultdict(Decimal))
    for organization in sorted((raw / "openai").iterdir()):
        costs = []
        for path, page in _pages(organization / "costs"):
            for bucket in page["data"]:
                start = datetime.fromtimestamp(bucket["start_time"], tz=timezone.utc)
                for result in bucket["results"]:
                    key = (start, result.get("project_id"), result.get("line_item"))
                    costs.append((path, key, result))
                    out[_month(start)]["raw_cost"] += Decimal(result["amount"]["value"])
                    out[_month(start)]["raw_rows"] += 1
        usage = []
        for path, page in _pages(organization / "usage"):
            for bucket in page["data"]:
                start = datetime.fromtimestamp(bucket["start_time"], tz=timezone.utc)
                for result in bucket["results"]:
                    endpoint = result["object"].split(".")[2]
                    key = (
                        endpoint, start, result.get("project_id"), result.get("model"),
                        result.get("api_key_id"), result.get("user_id"), result.get("batch"),
                    )  # fmt: skip
                    usage.append((path, key, result))
        quantities: dict[tuple, int] = defaultdict(int)
        for (endpoint, start, project, model, *_), result in _latest(usage).items():
            per_kind = {}
            if endpoint == "completions":
                cached = result.get("input_cached_tokens") or 0
                audio_in = result.get("input_audio_tokens") or 0
                audio_out = result.get("output_audio_tokens") or 0
                per_kind = {
                    "input": result["input_tokens"] - cached - audio_in,
                    "cached input": cached,
                    "output": result["output_tokens"] - audio_out,
                    "audio input": audio_in,
                    "audio output": audio_out,
                }
            elif endpoint in ("embeddings", "moderations"):
                per_kind = {"input": result["input_tokens"]}
            elif endpoint == "images":
                per_kind = {"images": result["images"]}
            elif endpoint == "audio_speeches":
                per_kind = {"characters": result["characters"]}
            elif endpoint == "audio_transcriptions":
                per_kind = {"seconds": result["seconds"]}
            elif endpoint == "code_interpreter_sessions":
                per_kind = {"code interpreter sessions": result["num_sessions"]}
            for kind, quantity in per_kind.items():
                quantities[(start, project, model, kind)] += quantity
                if kind in TOKEN_KINDS:
                    out[_month(start)]["tokens"] += quantity
        for (start, project, line_item), result in _latest(costs).items():
            model, _, kind = line_item.rpartition(", ")
            if quantities.get((start, project, model or None, kind), 0) > 0:
                out[_month(start)]["focus_cost"] += Decimal(result["amount"]["value"])
                out[_month(start)]["focus_rows"] += 1
    for figures in out.values():
        figures["quarantined_cost"] = figures["raw_cost"] - figures["focus_cost"]
    return {month: dict(figures) for month, figures in sorted(out.items())}


ANTHROPIC_TOKEN_TYPES = {
    "uncached_input_tokens": ("uncached_input_tokens",),
    "output_tokens": ("output_tokens",),
    "cache_read_input_tokens": ("cache_read_input_tokens",),
    "cache_creation.ephemeral_5m_input_tokens": ("cache_creation", "ephemeral_5m_input_tokens"),
    "cache_creation.ephemeral_1h_input_tokens": ("cache_creation", "ephemeral_1h_input_tokens"),
}


def anthropic_expected(raw: Path) -> dict[str, dict[str, Decimal]]:
    """Per billing period: raw_cost, focus_cost, quarantined_cost, tokens, raw_rows, focus_rows."""
    out: dict[str, dict[str, Decimal]] = defaultdict(lambda: defaultdict(Decimal))
    for organization in sorted((raw / "anthropic").iterdir()):
        costs = []
        for path, page in _pages(organization / "cost_report"):
            for bucket in page["data"]:
                start = datetime.fromisoformat(bucket["starting_at"].replace("Z", "+00:00"))
                for result in bucket["results"]:
                    key = (start,) + tuple(
                        result.get(name)
                        for name in (
                            "workspace_id", "description", "cost_type", "model", "token_type",
                            "service_tier", "context_window", "inference_geo",
                        )
                    )  # fmt: skip
                    costs.append((path, key, result))
                    # the amount is a decimal string in cents of USD
                    out[_month(start)]["raw_cost"] += Decimal(result["amount"]) / 100
                    out[_month(start)]["raw_rows"] += 1
        usage = []
        for path, page in _pages(organization / "usage_report_messages"):
            for bucket in page["data"]:
                start = datetime.fromisoformat(bucket["starting_at"].replace("Z", "+00:00"))
                for result in bucket["results"]:
                    key = (start,) + tuple(
                        result.get(name)
                        for name in (
                            "workspace_id",
                            "api_key_id",
                            "model",
                            "service_tier",
                            "context_window",
                        )
                    )
                    usage.append((path, key, result))
        tokens: dict[tuple, int] = defaultdict(int)
        searches: dict[tuple, int] = defaultdict(int)
        for (start, workspace, _, model, tier, window), result in _latest(usage).items():
            for token_type, path in ANTHROPIC_TOKEN_TYPES.items():
                value = result
                for part in path:
                    value = value[part]
                tokens[(start, workspace, model, tier, window, token_type)] += value
                out[_month(start)]["tokens"] += value
            searches[(start, workspace)] += result["server_tool_use"]["web_search_requests"]
        for key, result in _latest(costs).items():
            start, workspace, _, cost_type, model, token_type, tier, window, _ = key
            if cost_type == "tokens":
                has_quantity = (
                    tokens.get((start, workspace, model, tier, window, token_type), 0) > 0
                )
            elif cost_type == "web_search":
                has_quantity = searches.get((start, workspace), 0) > 0
            elif cost_type == "code_execution":  # quantity = cost / USD 0.05 per hour
                has_quantity = Decimal(result["amount"]) > 0
            else:  # a cost type the project does not know: quarantined
                has_quantity = False
            if has_quantity:
                out[_month(start)]["focus_cost"] += Decimal(result["amount"]) / 100
                out[_month(start)]["focus_rows"] += 1
    for figures in out.values():
        figures["quarantined_cost"] = figures["raw_cost"] - figures["focus_cost"]
    return {month: dict(figures) for month, figures in sorted(out.items())}
