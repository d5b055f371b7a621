"""Generate realistic OpenAI organization cost and usage API responses (JSON pages).

What the OpenAI Admin API returns, saved as the pages it returns, one file per page:

* ``<out>/openai/<organization>/costs/costs-<first day>-p<n>.json``: ``GET /v1/organization/costs``
  with ``bucket_width=1d`` and ``group_by=project_id,line_item``; each page is
  ``{"object": "page", "data": [bucket, ...], "has_more", "next_page"}`` and each bucket
  ``{"object": "bucket", "start_time", "end_time", "results": [...]}`` with results
  ``{"object": "organization.costs.result", "amount": {"value": <float>, "currency": "usd"},
  "line_item": "<model>, <kind>", "project_id"}``.
* ``<out>/openai/<organization>/usage/<endpoint>/usage-<first day>-p<n>.json``:
  ``GET /v1/organization/usage/<endpoint>`` with ``group_by=project_id,model`` for the endpoints
  ``completions``, ``embeddings``, ``images``, ``audio_speeches``, ``audio_transcriptions`` and
  ``code_interpreter_sessions`` (results ``organization.usage.<endpoint>.result``).
* ``<out>/openai/<organization>/projects/projects.json``: ``GET /v1/organization/projects``.

Every charge type the usage endpoints report is generated: text input, cached input and output
tokens, audio input and output tokens, embedding tokens, images, text-to-speech characters,
transcription seconds and code interpreter sessions. Costs are list price x quantity (prices in
``PRICES``), written as JSON floats the way the API writes them (so a value can carry binary noise,
e.g. ``0.30000000000000004``).

The committed fixture also carries the irregularities a real pull has (``--quirks``, on by default):
a cost page fetched twice (its buckets delivered again in a second file), usage without a cost
row (a free project quota), and one cost row whose usage was never pulled.

Usage:
    python scripts/generate_openai_costs.py --rows 40 --out data/fixtures
    python scripts/generate_openai_costs.py --rows 20000 --months 2025-01,2025-02 \
        --out data/generated

Nothing runs on import; ``main(argv)`` returns 0 on success and 2 on bad arguments.
"""

from __future__ import annotations

import logging
import random
import sys
from collections.abc import Sequence
from datetime import datetime, timedelta, timezone
from decimal import Decimal
from pathlib import Path

SCRIPTS_DIR = Path(__file__).resolve().parent
if str(SCRIPTS_DIR) not in sys.path:  # api_pages.py, what both page generators share
    sys.path.insert(0, str(SCRIPTS_DIR))
from api_pages import month_days, run_generator, write_json  # noqa: E402

LOG = logging.getLogger("generate_openai_costs")

ORGANIZATION = "org-acmeAI0000000000000001"
PROJECTS = {
    "proj_acmeChatbot00000001": "Support chatbot",
    "proj_acmeSearch000000002": "Semantic search",
    "proj_acmeMedia0000000003": "Media studio",
}
COST_PAGE_LIMIT = 7  # buckets per cost page (the API's default limit)
USAGE_PAGE_LIMIT = 31  # buckets per usage page (the most the usage endpoints allow for 1d)

# List prices in USD per unit (OpenAI pricing page, 2025): (endpoint, model, kind) -> price.
# kind is the text after the comma in the cost line item, and the usage quantity it takes.
PRICES = {
    ("completions", "gpt-4o-2024-08-06", "input"): Decimal("0.0000025"),
    ("completions", "gpt-4o-2024-08-06", "cached input"): Decimal("0.00000125"),
    ("completions", "gpt-4o-2024-08-06", "output"): Decimal("0.00001"),
    ("completions", "gpt-4o-mini-2024-07-18", "input"): Decimal("0.00000015"),
    ("completions", "gpt-4o-mini-2024-07-18", "cached input"): Decimal("0.000000075"),
    ("completions", "gpt-4o-mini-2024-07-18", "output"): Decimal("0.0000006"),
    ("completions", "gpt-4o-audio-preview-2024-12-17", "input"): Decimal("0.0000025"),
    ("completions", "gpt-4o-audio-preview-2024-12-17", "output"): Decimal("0.00001"),
    ("completions", "gpt-4o-audio-preview-2024-12-17", "audio input"): Decimal("0.00004"),
    ("completions", "gpt-4o-audio-preview-2024-12-17", "audio output"): Decimal("0.00008"),
    ("embeddings", "text-embedding-3-small", "input"): Decimal("0.00000002"),
    ("images", "dall-e-3", "images"): Decimal("0.04"),
    ("audio_speeches", "tts-1", "characters"): Decimal("0.000015"),
    ("audio_transcriptions", "whisper-1", "seconds"): Decimal("0.0001"),
    ("code_interpreter_sessions", None, "sessions"): Decimal("0.03"),
}
# Typical daily quantity per project for each kind (the generator draws around these).
TYPICAL = {
    "input": 2_000_000,
    "cached input": 600_000,
    "output": 400_000,
    "audio input": 30_000,
    "audio output": 20_000,
    "images": 40,
    "characters": 120_000,
    "seconds": 9_000,
    "sessions": 25,
}


def line_item(model: str | None, kind: str) -> str:
    """The cost line item: `<model>, <kind>`, or the kind alone for charges without a model."""
    if model is None:
        return "code interpreter sessions" if kind == "sessions" else kind
    return f"{model}, {kind}"


def as_float(value: Decimal) -> float:
    """The cost the API writes: a JSON float (nearest binary double of the exact amount)."""
    return float(value)


def projects_for(rows: int, days: int) -> dict[str, str]:
    """The three named projects, plus as many more as `rows` cost results need."""
    groups = len({(endpoint, model) for endpoint, model, _ in PRICES})
    needed = -(-(rows * 10 // 23) // max(1, days * groups))  # ceiling
    projects = dict(PROJECTS)
    for number in range(len(PROJECTS) + 1, needed + 1):
        projects[f"proj_acmeTeam{number:011d}"] = f"Team {number}"
    return projects


def draw_charges(
    rows: int, days: list[datetime], rng: random.Random, projects: dict[str, str]
) -> list[dict]:
    """About `rows` cost results: (day, project, endpoint, model, kind, quantity, cost)."""
    groups = sorted({(endpoint, model) for endpoint, model, _ in PRICES}, key=str)
    combos = [(project, endpoint, model) for project in projects for endpoint, model in groups]
    charges = []
    slots = [(day, combo) for day in days for combo in combos]
    picked = set(rng.sample(range(len(slots)), min(len(slots), max(1, rows * 10 // 23))))
    # every charge type at least once: a group never drawn gets one random day
    for group in groups:
        if not any(slots[index][1][1:] == group for index in picked):
            candidates = [i for i, slot in enumerate(slots) if slot[1][1:] == group]
            picked.add(rng.choice(candidates))
    picked = sorted(picked)
    for day, (project, endpoint, model) in (slots[index] for index in picked):
        kinds = [kind for (e, m, kind) in PRICES if e == endpoint and m == model]
        for kind in kinds:
            quantity = max(1, int(TYPICAL[kind] * rng.uniform(0.05, 1.5)))
            if kind == "cached input" and rng.random() < 0.3:
                continue  # no cache hit that day: no cached-input cost or usage
            price = PRICES[(endpoint, model, kind)]
            charges.append(
                {
                    "day": day,
                    "project": project,
                    "endpoint": endpoint,
                    "model": model,
                    "kind": kind,
                    "quantity": quantity,
                    "cost": price * quantity,
                }
            )
    return charges


def usage_result(endpoint: str, project: str, model: str | None, quantities: dict) -> dict:
    """One usage result of `endpoint` with the quantities of its kinds."""
    result: dict = {"object": f"organization.usage.{endpoint}.result"}
    if endpoint == "completions":
        cached = quantities.get("cached input", 0)
        audio_in = quantities.get("audio input", 0)
        audio_out = quantities.get("audio output", 0)
        result.update(
            {
                # input_tokens counts every input token: uncached text, cached and audio.
                "input_tokens": quantities.get("input", 0) + cached + audio_in,
                "output_tokens": quantities.get("output", 0) + audio_out,
                "input_cached_tokens": cached,
                "input_audio_tokens": audio_in,
                "output_audio_tokens": audio_out,
                "num_model_requests": max(1, quantities.get("output", 0) // 350),
                "batch": None,
            }
        )
    elif endpoint == "embeddings":
        result.update(
            {"input_tokens": quantities["input"], "num_model_requests": quantities["input"] // 900}
        )
    elif endpoint == "images":
        result.update(
            {
                "images": quantities["images"],
                "num_model_requests": quantities["images"],
                "size": None,
                "source": None,
            }
        )
    elif endpoint == "audio_speeches":
        result.update({"characters": quantities["characters"], "num_model_requests": 50})
    elif endpoint == "audio_transcriptions":
        result.update({"seconds": quantities["seconds"], "num_model_requests": 60})
    elif endpoint == "code_interpreter_sessions":
        result.update({"num_sessions": quantities["sessions"]})
    result["project_id"] = project
    if endpoint != "code_interpreter_sessions":
        result.update({"user_id": None, "api_key_id": None, "model": model})
    return result


def pages(buckets: list[dict], prefix: str, limit: int) -> list[tuple[str, dict]]:
    """Split daily buckets into API pages of `limit` buckets, named by their first day."""
    out = []
    chunks = [buckets[i : i + limit] for i in range(0, len(buckets), limit)]
    for number, chunk in enumerate(chunks, start=1):
        has_more = number < len(chunks)
        first_day = datetime.fromtimestamp(chunk[0]["start_time"], tz=timezone.utc)
        name = f"{prefix}-{first_day:%Y-%m-%d}-p{number}.json"
        out.append(
            (
                name,
                {
                    "object": "page",
                    "data": chunk,
                    "has_more": has_more,
                    "next_page": f"page_{prefix}_{number + 1:04d}" if has_more else None,
                },
            )
        )
    return out


def bucket(day: datetime, results: list[dict]) -> dict:
    start = int(day.timestamp())
    end = int((day + timedelta(days=1)).timestamp())
    return {"object": "bucket", "start_time": start, "end_time": end, "results": results}


def generate(rows: int, months: Sequence[str], seed: int, out: Path, quirks: bool) -> dict:
    rng = random.Random(seed)
    days = month_days(months)
    projects = projects_for(rows, len(days))
    charges = draw_charges(rows, days, rng, projects)
    usage_only: list[dict] = []
    cost_only: list[dict] = []
    if quirks and charges:
        # A free quota: usage reported, no cost row (the costs API omits zero amounts), on the
        # last day the search project has no embeddings cost.
        taken = {(c["day"], c["project"], c["model"]) for c in charges}
        model = "text-embedding-3-small"
        free = next(
            (
                (day, project)
                for project in ["proj_acmeSearch000000002", *projects]
                for day in reversed(days)
                if (day, project, model) not in taken
            ),
            None,
        )
        if free:
            usage_only.append(
                {
                    "day": free[0],
                    "project": free[1],
                    "endpoint": "embeddings",
                    "model": model,
                    "kind": "input",
                    "quantity": 12_345,
                    "cost": Decimal(0),
                }
            )
        # A cost row whose usage was never pulled (the usage endpoint failed that day).
        cost_only.append(charges[2])

    root = out / "openai" / ORGANIZATION
    if root.exists():
        for path in sorted(root.rglob("*.json")):
            path.unlink()

    written: dict[str, int] = {}
    # costs
    cost_buckets = []
    for day in days:
        results = [
            {
                "object": "organization.costs.result",
                "amount": {"value": as_float(charge["cost"]), "currency": "usd"},
                "line_item": line_item(charge["model"], charge["kind"]),
                "project_id": charge["project"],
            }
            for charge in charges
            if charge["day"] == day
        ]
        cost_buckets.append(bucket(day, results))
    cost_pages = pages(cost_buckets, "costs", COST_PAGE_LIMIT)
    if quirks and any(b["results"] for b in cost_buckets[: 2 * COST_PAGE_LIMIT]):
        # Two days of the first two weeks fetched again by a later pull (overlapping windows):
        # the same buckets delivered in a second file.
        overlap = [b for b in cost_buckets[: 2 * COST_PAGE_LIMIT] if b["results"]][-2:]
        first_day = datetime.fromtimestamp(overlap[0]["start_time"], tz=timezone.utc)
        refetch = {"object": "page", "data": overlap, "has_more": False, "next_page": None}
        cost_pages.append((f"costs-{first_day:%Y-%m-%d}-refetch.json", refetch))
    for name, page in cost_pages:
        write_json(root / "costs" / name, page)
    written["costs"] = len(cost_pages)

    # usage, per endpoint
    usage_charges = [c for c in charges if not any(c is skip for skip in cost_only)] + usage_only
    endpoints = sorted({endpoint for endpoint, _, _ in PRICES})
    for endpoint in endpoints:
        endpoint_buckets = []
        for day in days:
            grouped: dict[tuple, dict] = {}
            for charge in usage_charges:
                if charge["day"] == day and charge["endpoint"] == endpoint:
                    key = (charge["project"], charge["model"])
                    grouped.setdefault(key, {})[charge["kind"]] = charge["quantity"]
            results = [
                usage_result(endpoint, project, model, quantities)
                for (project, model), quantities in sorted(grouped.items(), key=str)
            ]
            endpoint_buckets.append(bucket(day, results))
        endpoint_pages = pages(endpoint_buckets, "usage", USAGE_PAGE_LIMIT)
        for name, page in endpoint_pages:
            write_json(root / "usage" / endpoint / name, page)
        written[f"usage/{endpoint}"] = len(endpoint_pages)

    projects = {
        "object": "list",
        "data": [
            {
                "id": project,
                "object": "organization.project",
                "name": name,
                "created_at": 1704067200,
                "archived_at": None,
                "status": "active",
            }
            for project, name in projects.items()
        ],
        "first_id": next(iter(projects)),
        "last_id": list(projects)[-1],
        "has_more": False,
    }
    write_json(root / "projects" / "projects.json", projects)
    LOG.info("wrote %d cost results, pages %s, to %s", len(charges), written, root)
    return {"cost_results": len(charges), "pages": written}


def main(argv: Sequence[str] | None = None) -> int:
    return run_generator("generate_openai_costs", __doc__.split("\n\n")[0], generate, argv)


if __name__ == "__main__":
    sys.exit(main())
