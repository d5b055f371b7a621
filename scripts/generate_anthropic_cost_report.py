"""Generate realistic Anthropic Admin API cost and usage reports (JSON pages).

What the Anthropic Admin API returns, saved as the pages it returns, one file per page:

* ``<out>/anthropic/<organization>/cost_report/cost-<first day>-p<n>.json``:
  ``GET /v1/organizations/cost_report`` with ``bucket_width=1d`` and
  ``group_by[]=workspace_id&group_by[]=description``; each page is
  ``{"data": [bucket, ...], "has_more", "next_page"}``, each bucket
  ``{"starting_at", "ending_at", "results": [...]}`` (RFC 3339, UTC) and each result
  ``{"amount": "<decimal string in cents>", "currency": "USD", "cost_type", "description", "model",
  "service_tier", "token_type", "context_window", "workspace_id"}``. The amount is in the lowest
  unit of the currency: ``"123.45"`` USD is $1.2345.
* ``<out>/anthropic/<organization>/usage_report_messages/usage-<first day>-p<n>.json``:
  ``GET /v1/organizations/usage_report/messages`` with ``bucket_width=1d`` and
  ``group_by[]=workspace_id,model,service_tier,context_window``; results carry
  ``uncached_input_tokens``, ``cache_creation.ephemeral_1h_input_tokens`` /
  ``ephemeral_5m_input_tokens``, ``cache_read_input_tokens``, ``output_tokens`` and
  ``server_tool_use.web_search_requests``.
* ``<out>/anthropic/<organization>/workspaces/workspaces.json``:
  ``GET /v1/organizations/workspaces``.

Every cost type the cost report documents is generated: tokens (all five token types, standard and
batch tiers, both context windows), web search and code execution. The default workspace has
``workspace_id`` null. Prices are Anthropic's list prices (``PRICES``); batch costs half.

The committed fixture also carries what a real pull has (``--quirks``, on by default): a cost page
fetched twice (its buckets delivered again in a second file), usage on the last day whose cost
the report has not posted yet, and a cost type newer than the project's seed (``session_usage``).

Usage:
    python scripts/generate_anthropic_cost_report.py --rows 40 --out data/fixtures
    python scripts/generate_anthropic_cost_report.py --rows 20000 --out data/generated

Nothing runs on import; ``main(argv)`` returns 0 on success and 2 on bad arguments.
"""

from __future__ import annotations

import logging
import random
import sys
from collections.abc import Sequence
from datetime import datetime, timedelta
from decimal import Decimal
from pathlib import Path

SCRIPTS_DIR = Path(__file__).resolve().parent
if str(SCRIPTS_DIR) not in sys.path:  # api_pages.py, what both page generators share
    sys.path.insert(0, str(SCRIPTS_DIR))
from api_pages import month_days, run_generator, write_json  # noqa: E402

LOG = logging.getLogger("generate_anthropic_cost_report")

ORGANIZATION = "9a1c7e52-2f4b-4d0e-8a3b-acme00000001"
WORKSPACES = {
    None: None,  # the Default Workspace: workspace_id null in both reports
    "wrkspc_01AcmeResearch000000000": "Research",
    "wrkspc_01AcmeAgents0000000000": "Agents",
}
COST_PAGE_LIMIT = 7  # the cost report's default page size (buckets)
USAGE_PAGE_LIMIT = 31  # the most daily buckets the usage report returns per page

TOKEN_TYPES = {
    # token_type: (description suffix, per-million price key)
    "uncached_input_tokens": ("Input Tokens", "input"),
    "output_tokens": ("Output Tokens", "output"),
    "cache_read_input_tokens": ("Cache Read", "cache_read"),
    "cache_creation.ephemeral_5m_input_tokens": ("Cache Write (5m)", "cache_5m"),
    "cache_creation.ephemeral_1h_input_tokens": ("Cache Write (1h)", "cache_1h"),
}
MODELS = {
    # model: (display name, USD per million tokens, long-context prices or None)
    "claude-sonnet-4-20250514": (
        "Claude Sonnet 4",
        {"input": "3", "output": "15", "cache_read": "0.30", "cache_5m": "3.75", "cache_1h": "6"},
        {
            "input": "6",
            "output": "22.50",
            "cache_read": "0.60",
            "cache_5m": "7.50",
            "cache_1h": "12",
        },
    ),
    "claude-opus-4-20250514": (
        "Claude Opus 4",
        {
            "input": "15",
            "output": "75",
            "cache_read": "1.50",
            "cache_5m": "18.75",
            "cache_1h": "30",
        },
        None,
    ),
    "claude-3-5-haiku-20241022": (
        "Claude Haiku 3.5",
        {"input": "0.80", "output": "4", "cache_read": "0.08", "cache_5m": "1", "cache_1h": "1.60"},
        None,
    ),
}
TYPICAL_TOKENS = {
    "uncached_input_tokens": 1_500_000,
    "output_tokens": 300_000,
    "cache_read_input_tokens": 2_000_000,
    "cache_creation.ephemeral_5m_input_tokens": 250_000,
    "cache_creation.ephemeral_1h_input_tokens": 80_000,
}
WEB_SEARCH_PRICE = Decimal("0.01")  # USD per search ($10 per 1,000)
CODE_EXECUTION_PRICE = Decimal("0.05")  # USD per container-hour


def rfc3339(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def cents(usd: Decimal) -> str:
    """The report's amount: a decimal string in cents, without exponent or trailing zeros."""
    text = format((usd * 100).normalize(), "f")
    return text


def workspaces_for(rows: int, days: int) -> dict[str | None, str | None]:
    """The Default Workspace and two named ones, plus as many more as `rows` results need."""
    per_workspace = sum(3 if long else 2 for _, _, long in MODELS.values())  # tier x window
    needed = -(-(rows // 5) // max(1, days * per_workspace))  # ceiling
    workspaces = dict(WORKSPACES)
    for number in range(len(WORKSPACES) + 1, needed + 1):
        workspaces[f"wrkspc_01AcmeTeam{number:013d}"] = f"Team {number}"
    return workspaces


def draw(
    rows: int, days: list[datetime], rng: random.Random, workspaces: dict[str | None, str | None]
) -> list[dict]:
    """About `rows` cost results, each with the usage quantity behind it."""
    combos = []
    for workspace in workspaces:
        for model, (_, _, long_prices) in MODELS.items():
            for tier in ("standard", "batch"):
                combos.append((workspace, model, tier, "0-200k"))
                if long_prices and tier == "standard":
                    combos.append((workspace, model, tier, "200k-1M"))
    slots = [(day, combo) for day in days for combo in combos]
    picked = sorted(rng.sample(range(len(slots)), min(len(slots), max(1, rows // 5))))
    charges = []
    for day, (workspace, model, tier, window) in (slots[index] for index in picked):
        display, prices, long_prices = MODELS[model]
        price_list = long_prices if window == "200k-1M" else prices
        for token_type, (suffix, key) in TOKEN_TYPES.items():
            if token_type.endswith("1h_input_tokens") and rng.random() < 0.5:
                continue  # 1-hour cache writes only on some days
            tokens = max(1, int(TYPICAL_TOKENS[token_type] * rng.uniform(0.05, 1.5)))
            price = Decimal(price_list[key]) / 1_000_000
            if tier == "batch":
                price = price / 2
            charges.append(
                {
                    "day": day,
                    "workspace": workspace,
                    "cost_type": "tokens",
                    "model": model,
                    "service_tier": tier,
                    "context_window": window,
                    "token_type": token_type,
                    "description": f"{display} Usage - {suffix}",
                    "quantity": tokens,
                    "cost": price * tokens,
                }
            )
        if tier == "standard" and rng.random() < 0.6:
            searches = rng.randint(5, 400)
            charges.append(
                {
                    "day": day,
                    "workspace": workspace,
                    "cost_type": "web_search",
                    "model": model,  # whose requests searched (usage); the cost row has no model
                    "service_tier": tier,
                    "context_window": window,
                    "token_type": None,
                    "description": "Web Search Usage",
                    "quantity": searches,
                    "cost": WEB_SEARCH_PRICE * searches,
                }
            )
        if tier == "standard" and rng.random() < 0.2:
            hours = Decimal(rng.randint(1, 40)) / 4
            charges.append(
                {
                    "day": day,
                    "workspace": workspace,
                    "cost_type": "code_execution",
                    "model": None,
                    "service_tier": None,
                    "context_window": None,
                    "token_type": None,
                    "description": "Code Execution Usage",
                    "quantity": hours,
                    "cost": CODE_EXECUTION_PRICE * hours,
                }
            )
    if charges and not any(charge["cost_type"] == "code_execution" for charge in charges):
        # every cost type at least once
        first = charges[0]
        hours = Decimal(rng.randint(1, 40)) / 4
        charges.append(
            {
                "day": first["day"],
                "workspace": first["workspace"],
                "cost_type": "code_execution",
                "model": None,
                "service_tier": None,
                "context_window": None,
                "token_type": None,
                "description": "Code Execution Usage",
                "quantity": hours,
                "cost": CODE_EXECUTION_PRICE * hours,
            }
        )
    return charges


def cost_results(charges: list[dict]) -> list[dict]:
    """The cost report's results of one day: web search summed per workspace (it has no model)."""
    results: dict[tuple, dict] = {}
    for charge in charges:
        is_tokens = charge["cost_type"] == "tokens"
        key = (
            charge["workspace"] or "",
            charge["cost_type"],
            charge["description"],
            charge["model"] if is_tokens else "",
            charge["service_tier"] if is_tokens else "",
            charge["context_window"] if is_tokens else "",
            charge["token_type"] or "",
        )
        if key in results:
            results[key]["_usd"] += charge["cost"]
            continue
        results[key] = {
            "_usd": charge["cost"],
            "currency": "USD",
            "cost_type": charge["cost_type"],
            "description": charge["description"],
            "model": charge["model"] if is_tokens else None,
            "service_tier": charge["service_tier"] if is_tokens else None,
            "token_type": charge["token_type"],
            "context_window": charge["context_window"] if is_tokens else None,
            "workspace_id": charge["workspace"],
        }
    out = []
    for key in sorted(results):
        result = results[key]
        amount = cents(result.pop("_usd"))
        out.append({"amount": amount, **result})
    return out


def usage_results(charges: list[dict]) -> list[dict]:
    """The usage report's results of one day, per workspace, model, tier and context window."""
    grouped: dict[tuple, dict] = {}
    for charge in charges:
        if charge["cost_type"] == "code_execution":
            continue  # code execution is not in the usage report
        key = (
            charge["workspace"] or "",
            charge["model"],
            charge["service_tier"],
            charge["context_window"],
        )
        quantities = grouped.setdefault(key, {})
        name = charge["token_type"] or "web_search_requests"
        quantities[name] = quantities.get(name, 0) + charge["quantity"]
    out = []
    for (workspace, model, tier, window), quantities in sorted(grouped.items()):
        out.append(
            {
                "uncached_input_tokens": quantities.get("uncached_input_tokens", 0),
                "cache_creation": {
                    "ephemeral_1h_input_tokens": quantities.get(
                        "cache_creation.ephemeral_1h_input_tokens", 0
                    ),
                    "ephemeral_5m_input_tokens": quantities.get(
                        "cache_creation.ephemeral_5m_input_tokens", 0
                    ),
                },
                "cache_read_input_tokens": quantities.get("cache_read_input_tokens", 0),
                "output_tokens": quantities.get("output_tokens", 0),
                "server_tool_use": {
                    "web_search_requests": quantities.get("web_search_requests", 0)
                },
                "api_key_id": None,
                "workspace_id": workspace or None,
                "model": model,
                "service_tier": tier,
                "context_window": window,
            }
        )
    return out


def pages(buckets: list[dict], prefix: str, limit: int) -> list[tuple[str, dict]]:
    out = []
    chunks = [buckets[i : i + limit] for i in range(0, len(buckets), limit)]
    for number, chunk in enumerate(chunks, start=1):
        has_more = number < len(chunks)
        name = f"{prefix}-{chunk[0]['starting_at'][:10]}-p{number}.json"
        next_page = f"page_{prefix}_{number + 1:04d}" if has_more else None
        out.append((name, {"data": chunk, "has_more": has_more, "next_page": next_page}))
    return out


def generate(rows: int, months: Sequence[str], seed: int, out: Path, quirks: bool) -> dict:
    rng = random.Random(seed)
    days = month_days(months)
    workspaces = workspaces_for(rows, len(days))
    charges = draw(rows, days, rng, workspaces)
    unposted_day = days[-1] if quirks else None  # usage there, cost not posted yet

    root = out / "anthropic" / ORGANIZATION
    if root.exists():
        for path in sorted(root.rglob("*.json")):
            path.unlink()

    cost_buckets, usage_buckets = [], []
    for day in days:
        of_day = [charge for charge in charges if charge["day"] == day]
        window = {"starting_at": rfc3339(day), "ending_at": rfc3339(day + timedelta(days=1))}
        posted = [] if day == unposted_day else of_day
        results = cost_results(posted)
        if quirks and day == days[len(days) // 2]:
            # A cost type newer than the project's seed (a third-party client lists
            # `session_usage`, Managed Agents session runtime): it must reach the quarantine.
            results.append(
                {
                    "amount": "80",
                    "currency": "USD",
                    "cost_type": "session_usage",
                    "description": "Managed Agents Session Usage",
                    "model": None,
                    "service_tier": None,
                    "token_type": None,
                    "context_window": None,
                    "workspace_id": "wrkspc_01AcmeAgents0000000000",
                }
            )
        cost_buckets.append({**window, "results": results})
        usage_buckets.append({**window, "results": usage_results(of_day)})
    if quirks and not any(charge["day"] == unposted_day for charge in charges):
        # make sure the unposted day has usage
        usage_buckets[-1]["results"] = usage_results(
            [
                {
                    "day": unposted_day,
                    "workspace": "wrkspc_01AcmeAgents0000000000",
                    "cost_type": "tokens",
                    "model": "claude-3-5-haiku-20241022",
                    "service_tier": "standard",
                    "context_window": "0-200k",
                    "token_type": token_type,
                    "quantity": quantity,
                }
                for token_type, quantity in (
                    ("uncached_input_tokens", 48_213),
                    ("output_tokens", 9_377),
                )
            ]
        )

    written = {}
    cost_pages = pages(cost_buckets, "cost", COST_PAGE_LIMIT)
    if quirks:
        overlap = [b for b in cost_buckets[: 2 * COST_PAGE_LIMIT] if b["results"]][-2:]
        if overlap:
            refetch = {"data": overlap, "has_more": False, "next_page": None}
            cost_pages.append((f"cost-{overlap[0]['starting_at'][:10]}-refetch.json", refetch))
    for name, page in cost_pages:
        write_json(root / "cost_report" / name, page)
    written["cost_report"] = len(cost_pages)
    usage_pages = pages(usage_buckets, "usage", USAGE_PAGE_LIMIT)
    for name, page in usage_pages:
        write_json(root / "usage_report_messages" / name, page)
    written["usage_report_messages"] = len(usage_pages)

    ids = [workspace for workspace in workspaces if workspace]
    workspaces = {
        "data": [
            {
                "id": workspace,
                "type": "workspace",
                "name": workspaces[workspace],
                "created_at": "2024-06-01T00:00:00Z",
                "archived_at": None,
                "display_color": "#6C5BB9",
            }
            for workspace in ids
        ],
        "has_more": False,
        "first_id": ids[0],
        "last_id": ids[-1],
    }
    write_json(root / "workspaces" / "workspaces.json", workspaces)
    LOG.info("wrote %d charges, pages %s, to %s", len(charges), written, root)
    return {"charges": len(charges), "pages": written}


def main(argv: Sequence[str] | None = None) -> int:
    return run_generator("generate_anthropic_cost_report", __doc__.split("\n\n")[0], generate, argv)


if __name__ == "__main__":
    sys.exit(main())
