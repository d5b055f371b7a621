"""Generate a realistic Google Cloud detailed billing export (resource-level usage cost data).

The rows have the nesting of the BigQuery table ``gcp_billing_export_resource_v1_<ACCOUNT>``
(https://docs.cloud.google.com/billing/docs/how-to/export-data-bigquery-tables/detailed-usage):
``service``, ``sku``, ``project`` (with ``labels`` and ``ancestors``), ``labels``,
``system_labels``,
``location``, ``resource``, ``tags``, ``usage``, ``credits`` (an array), ``invoice``, ``cost_type``,
``adjustment_info``, ``price``, ``subscription``, ``cost_at_list``, ``transaction_type`` and
``seller_name``. Two shapes, one file per invoice month each, the same rows in both:

* ``ndjson``   newline-delimited JSON as ``bq extract --destination_format NEWLINE_DELIMITED_JSON``
  writes it (timestamps as ``2025-12-01 08:00:00 UTC``):
  ``<out>/gcp/billing_export_ndjson/invoice_month=202512/gcp_billing_export_resource_v1-000.json``
* ``invoices``  the team's invoice list (the export has no invoice number or account name):
  ``<out>/gcp/invoices/invoices.csv`` (billing_account_id, billing_account_name, invoice_month,
  invoice_id), one invoice per month.
* ``parquet``  Parquet with the same nesting (structs, lists of structs, UTC timestamps):
  ``<out>/gcp/billing_export_parquet/invoice_month=202512/gcp_billing_export_resource_v1-000.parquet``

Every charge type the export documents appears in every month: ``cost_type`` regular (usage,
commitment fees, Marketplace), tax, adjustment (one of them a usage correction of the previous
invoice month) and rounding_error; every credit type (COMMITTED_USAGE_DISCOUNT,
COMMITTED_USAGE_DISCOUNT_DOLLAR_BASE, SUSTAINED_USAGE_DISCOUNT, FREE_TIER, PROMOTION, DISCOUNT,
SUBSCRIPTION_BENEFIT, RESELLER_MARGIN, FEE_UTILIZATION_OFFSET). Invoice months follow US Pacific
time while usage times are UTC, so a usage hour of 2026-01-01T03:00Z belongs to invoice month
202512; the generator always writes one such boundary row. A later month also carries a late row
for an hour already exported (a second row, later ``export_time``) and a re-delivered file part
holding exact copies of two rows (true duplicates).

Money is exact: prices have at most 6 decimals and quantities at most 4, so
``cost = effective_price * usage.amount_in_pricing_units`` holds at ten decimal places.
``_generated.json`` gives, per invoice month, the row count and the totals (cost, credits by type,
cost + credits) computed with Python decimals from the rows written.

Usage:
    python scripts/generate_gcp_billing_export.py --rows 40 --out data/fixtures
    python scripts/generate_gcp_billing_export.py --rows 100000 --months 2025-12,2026-01 \
        --out data/generated

Nothing runs on import; ``main(argv)`` returns 0 on success and 2 on bad arguments.
"""

from __future__ import annotations

import argparse
import copy
import json
import logging
import random
import sys
from collections import defaultdict
from collections.abc import Sequence
from datetime import datetime, timedelta, timezone
from decimal import Decimal
from pathlib import Path
from zoneinfo import ZoneInfo

import pyarrow as pa
import pyarrow.parquet as pq

LOG = logging.getLogger("generate_gcp_billing_export")

PACIFIC = ZoneInfo("America/Los_Angeles")
BILLING_ACCOUNT = "01A2B3-C4D5E6-F7A8B9"
BILLING_ACCOUNT_NAME = "Acme Corp billing"
FILE_STEM = "gcp_billing_export_resource_v1"
DEFAULT_MONTHS = "2025-12,2026-01"

PROJECTS = [
    ("acme-prod", "104857600001", "Acme Production", {"env": "prod", "team": "platform"}),
    ("acme-dev", "104857600002", "Acme Development", {"env": "dev", "team": "platform"}),
    ("acme-data", "104857600003", "Acme Data", {"env": "prod", "team": "analytics"}),
]

# service id, description, sku id, sku description, usage unit, pricing unit, usage units per
# pricing unit, effective price per pricing unit, list price per pricing unit, credit types it
# earns (drawn per row), resource kind
SKUS = [
    (
        "6F81-5844-456A",
        "Compute Engine",
        "2E27-4F75-95CD",
        "N2 Instance Core running in Americas",
        "seconds",
        "hour",
        3600,
        "0.031611",
        "0.031611",
        ("SUSTAINED_USAGE_DISCOUNT", "COMMITTED_USAGE_DISCOUNT"),
        "instance",
    ),
    (
        "6F81-5844-456A",
        "Compute Engine",
        "5B01-D157-A097",
        "N2 Instance Ram running in Americas",
        "byte-seconds",
        "gibibyte hour",
        3600 * 1024**3,
        "0.004237",
        "0.004237",
        ("SUSTAINED_USAGE_DISCOUNT", "COMMITTED_USAGE_DISCOUNT"),
        "instance",
    ),
    (
        "6F81-5844-456A",
        "Compute Engine",
        "D973-5D65-BAB2",
        "Storage PD Capacity",
        "byte-seconds",
        "gibibyte month",
        2629800 * 1024**3,
        "0.040000",
        "0.040000",
        (),
        "disk",
    ),
    (
        "95FF-2EF5-5EA1",
        "Cloud Storage",
        "E5F0-6A5D-7BAD",
        "Standard Storage US Multi-region",
        "byte-seconds",
        "gibibyte month",
        2629800 * 1024**3,
        "0.026000",
        "0.026000",
        ("FREE_TIER",),
        "bucket",
    ),
    (
        "24E6-581D-38E5",
        "BigQuery",
        "3362-E469-6BEF",
        "Analysis",
        "bytes",
        "tebibyte",
        1024**4,
        "6.250000",
        "6.250000",
        ("FREE_TIER", "DISCOUNT"),
        None,
    ),
    (
        "9662-B51E-5089",
        "Cloud SQL",
        "9E26-8A95-6BD3",
        "Cloud SQL for PostgreSQL: Zonal - vCPU in Americas",
        "seconds",
        "hour",
        3600,
        "0.041300",
        "0.041300",
        ("COMMITTED_USAGE_DISCOUNT_DOLLAR_BASE",),
        "sql",
    ),
    (
        "152E-C115-5142",
        "Cloud Run",
        "8F5A-11A2-1D37",
        "CPU Allocation Time (tier 1)",
        "seconds",
        "vCPU-second",
        1,
        "0.000024",
        "0.000024",
        ("FREE_TIER",),
        "run",
    ),
    (
        "E505-1604-58F8",
        "Networking",
        "984A-1F7A-4E2A",
        "Network Internet Data Transfer Out from Americas to Americas",
        "bytes",
        "gibibyte",
        1024**3,
        "0.120000",
        "0.120000",
        ("PROMOTION",),
        None,
    ),
    (
        "5490-F7B7-8DF6",
        "Cloud Logging",
        "143F-A1B0-E0BE",
        "Log Storage cost",
        "bytes",
        "gibibyte",
        1024**3,
        "0.500000",
        "0.500000",
        ("FREE_TIER",),
        None,
    ),
    (
        "CCD8-9BF1-090E",
        "Kubernetes Engine",
        "B561-BFBD-1264",
        "Autopilot Pod mCPU Requests",
        "seconds",
        "hour",
        3600,
        "0.044500",
        "0.044500",
        ("PROMOTION", "RESELLER_MARGIN"),
        "cluster",
    ),
    (
        "C7E2-9256-1C43",
        "Vertex AI",
        "FE54-9D7D-6B3E",
        "Gemini 1.5 Flash Input Characters",
        "count",
        "count",
        1,
        "0.000019",
        "0.000019",
        ("SUBSCRIPTION_BENEFIT",),
        None,
    ),
]

CUD_FEES = [
    # service, sku id, sku description, pricing unit, price, commitment, credit on the fee row
    (
        "6F81-5844-456A",
        "Compute Engine",
        "F44C-8B2B-2A6D",
        "Commitment v1: N2 Cpu in Americas for 1 Year",
        "hour",
        "0.019915",
        "projects/acme-prod/regions/us-central1/commitments/cud-n2-1y",
        None,
    ),
    (
        "9662-B51E-5089",
        "Cloud SQL",
        "A0B1-C2D3-E4F5",
        "Commitment - dollar based v2: Cloud SQL for 1 year",
        "hour",
        "0.024780",
        "billingAccounts/01A2B3-C4D5E6-F7A8B9/commitments/cud-sql-1y",
        "FEE_UTILIZATION_OFFSET",
    ),
]

REGIONS = [
    ("us-central1", "US", ("us-central1-a", "us-central1-b")),
    ("us-east1", "US", ("us-east1-b", "us-east1-c")),
    ("europe-west1", "BE", ("europe-west1-b", "europe-west1-d")),
    ("asia-northeast1", "JP", ("asia-northeast1-a",)),
]

CREDIT_NAMES = {
    "SUSTAINED_USAGE_DISCOUNT": "Sustained Usage Discount",
    "COMMITTED_USAGE_DISCOUNT": "Committed use discount: N2 Cpu",
    "COMMITTED_USAGE_DISCOUNT_DOLLAR_BASE": "Committed use discount - dollar based: Cloud SQL",
    "FREE_TIER": "Free Tier",
    "PROMOTION": "Free trial credit",
    "DISCOUNT": "Spending based discount",
    "SUBSCRIPTION_BENEFIT": "Gemini subscription benefit",
    "RESELLER_MARGIN": "Reseller margin",
    "FEE_UTILIZATION_OFFSET": "Fee utilization offset",
}
CREDIT_SHARE = {  # share of the row's cost the credit takes back (negative amount)
    "SUSTAINED_USAGE_DISCOUNT": Decimal("0.20"),
    "COMMITTED_USAGE_DISCOUNT": Decimal("0.37"),
    "COMMITTED_USAGE_DISCOUNT_DOLLAR_BASE": Decimal("0.25"),
    "FREE_TIER": Decimal("1"),
    "PROMOTION": Decimal("0.50"),
    "DISCOUNT": Decimal("0.10"),
    "SUBSCRIPTION_BENEFIT": Decimal("1"),
    "RESELLER_MARGIN": Decimal("0.05"),
    "FEE_UTILIZATION_OFFSET": Decimal("0.80"),
}
CREDIT_IDS = {
    "COMMITTED_USAGE_DISCOUNT": "projects/acme-prod/regions/us-central1/commitments/cud-n2-1y",
    "COMMITTED_USAGE_DISCOUNT_DOLLAR_BASE": (
        "billingAccounts/01A2B3-C4D5E6-F7A8B9/commitments/cud-sql-1y"
    ),
}
MICRO = Decimal("0.000001")


def ts(moment: datetime) -> str:
    """A UTC timestamp as bq extract writes it to JSON."""
    return moment.astimezone(timezone.utc).strftime("%Y-%m-%d %H:%M:%S UTC")


def month_bounds_utc(month: str) -> tuple[datetime, datetime]:
    """An invoice month (YYYY-MM) as its UTC start and end: midnight US Pacific time."""
    year, number = (int(part) for part in month.split("-"))
    start = datetime(year, number, 1, tzinfo=PACIFIC)
    end = datetime(year + number // 12, number % 12 + 1, 1, tzinfo=PACIFIC)
    return start.astimezone(timezone.utc), end.astimezone(timezone.utc)


def credit(credit_type: str, amount: Decimal, credit_id: str | None = None) -> dict:
    return {
        "name": CREDIT_NAMES[credit_type],
        "amount": amount,
        "full_name": CREDIT_NAMES[credit_type] if credit_type != "FREE_TIER" else None,
        "id": credit_id or CREDIT_IDS.get(credit_type) or f"{credit_type.lower()}-0001",
        "type": credit_type,
    }


class Generator:
    def __init__(self, seed: int) -> None:
        self.random = random.Random(seed)

    def base_row(self, month: str, start: datetime, hours: int, project: tuple) -> dict:
        project_id, number, name, project_labels = project
        export_time = start + timedelta(hours=hours + self.random.randint(2, 20))
        return {
            "billing_account_id": BILLING_ACCOUNT,
            "service": None,
            "sku": None,
            "usage_start_time": start,
            "usage_end_time": start + timedelta(hours=hours),
            "project": {
                "id": project_id,
                "number": number,
                "name": name,
                "labels": [{"key": k, "value": v} for k, v in sorted(project_labels.items())],
                "ancestry_numbers": f"/518400000001/{number}/",
                "ancestors": [
                    {"resource_name": f"projects/{number}", "display_name": name},
                    {"resource_name": "organizations/518400000001", "display_name": "acme.example"},
                ],
            },
            "labels": [],
            "system_labels": [],
            "location": None,
            "resource": None,
            "tags": [],
            "transaction_type": "GOOGLE",
            "seller_name": None,
            "export_time": export_time,
            "cost": Decimal(0),
            "currency": "USD",
            "currency_conversion_rate": Decimal(1),
            "usage": None,
            "credits": [],
            "invoice": {"month": month.replace("-", ""), "publisher_type": "GOOGLE"},
            "cost_type": "regular",
            "adjustment_info": None,
            "price": None,
            "cost_at_list": None,
            "subscription": None,
        }

    def random_hour(self, month: str) -> datetime:
        start, end = month_bounds_utc(month)
        hours = int((end - start).total_seconds() // 3600)
        return start + timedelta(hours=self.random.randrange(hours - 1))

    def usage_row(self, month: str, start: datetime | None = None, sku_index: int | None = None):
        rng = self.random
        sku = SKUS[rng.randrange(len(SKUS)) if sku_index is None else sku_index]
        (
            service_id,
            service,
            sku_id,
            sku_desc,
            unit,
            pricing_unit,
            per_unit,
            price,
            list_price,
            credit_types,
            kind,
        ) = sku
        project = rng.choice(PROJECTS)
        row = self.base_row(month, start or self.random_hour(month), 1, project)
        region, country, zones = rng.choice(REGIONS)
        zone = rng.choice(zones) if kind in ("instance", "disk", "sql") else None
        quantity = Decimal(rng.randint(1, 400_000)) / Decimal(10_000)  # pricing units, 4 dp
        cost = Decimal(price) * quantity
        row.update(
            service={"id": service_id, "description": service},
            sku={"id": sku_id, "description": sku_desc},
            location={
                "location": zone or region,
                "country": country,
                "region": region,
                "zone": zone,
            },
            usage={
                "amount": quantity * per_unit,
                "unit": unit,
                "amount_in_pricing_units": quantity,
                "pricing_unit": pricing_unit,
            },
            price={
                "effective_price": Decimal(price),
                "tier_start_amount": Decimal(0),
                "unit": pricing_unit,
                "pricing_unit_quantity": Decimal(1),
            },
            cost=cost,
            cost_at_list=Decimal(list_price) * quantity,
            labels=[{"key": "app", "value": rng.choice(["web", "etl", "api"])}]
            + ([{"key": "env", "value": "staging"}] if rng.random() < 0.2 else []),
        )
        if kind is not None:
            name = f"{kind}-{rng.randint(1, 9):02d}"
            row["resource"] = {
                "name": name,
                "global_name": f"//{service.lower().replace(' ', '')}.googleapis.com/projects/"
                f"{project[0]}/zones/{zone or region}/{kind}s/{name}",
            }
        if kind == "instance":
            row["system_labels"] = [
                {"key": "compute.googleapis.com/machine_spec", "value": "n2-standard-4"},
                {"key": "compute.googleapis.com/cores", "value": "4"},
            ]
        if service == "Kubernetes Engine" and rng.random() < 0.5:
            row["tags"] = [
                {
                    "key": "cost-center",
                    "value": "cc-42",
                    "inherited": True,
                    "namespace": "518400000001",
                }
            ]
        for credit_type in credit_types:
            if rng.random() < 0.6:
                amount = -(cost * CREDIT_SHARE[credit_type]).quantize(MICRO)
                if amount:
                    row["credits"].append(credit(credit_type, amount))
        return row

    def marketplace_row(self, month: str) -> dict:
        row = self.usage_row(month, sku_index=0)
        quantity = Decimal(self.random.randint(1, 300))
        row.update(
            service={
                "id": "A1E8-BE35-7EBC",
                "description": "Elastic Cloud (Elasticsearch Service)",
            },
            sku={"id": "0C2E-6E4C-5A7B", "description": "Elastic Cloud usage units"},
            usage={
                "amount": quantity,
                "unit": "count",
                "amount_in_pricing_units": quantity,
                "pricing_unit": "count",
            },
            price={
                "effective_price": Decimal("0.010000"),
                "tier_start_amount": Decimal(0),
                "unit": "count",
                "pricing_unit_quantity": Decimal(1),
            },
            cost=Decimal("0.01") * quantity,
            cost_at_list=Decimal("0.01") * quantity,
            transaction_type="THIRD_PARTY_RESELLER",
            seller_name="Elasticsearch B.V.",
            credits=[],
            resource=None,
            system_labels=[],
        )
        row["invoice"]["publisher_type"] = "PARTNER"
        return row

    def cud_fee_rows(self, month: str) -> list[dict]:
        """Commitment fees: one row per commitment and day of the invoice month."""
        rows = []
        start, end = month_bounds_utc(month)
        day = start
        while day < end:
            for (
                service_id,
                service,
                sku_id,
                sku_desc,
                unit,
                price,
                commitment,
                fee_credit,
            ) in CUD_FEES:
                row = self.base_row(month, day, 24, PROJECTS[0])
                quantity = Decimal(24)
                cost = Decimal(price) * quantity
                row.update(
                    service={"id": service_id, "description": service},
                    sku={"id": sku_id, "description": sku_desc},
                    location={
                        "location": "us-central1",
                        "country": "US",
                        "region": "us-central1",
                        "zone": None,
                    },
                    usage={
                        "amount": quantity * 3600,
                        "unit": "seconds",
                        "amount_in_pricing_units": quantity,
                        "pricing_unit": unit,
                    },
                    price={
                        "effective_price": Decimal(price),
                        "tier_start_amount": Decimal(0),
                        "unit": unit,
                        "pricing_unit_quantity": Decimal(1),
                    },
                    cost=cost,
                    cost_at_list=cost,
                    subscription={"instance_id": commitment},
                )
                if fee_credit:
                    row["credits"] = [
                        credit(
                            fee_credit,
                            -(cost * CREDIT_SHARE[fee_credit]).quantize(MICRO),
                            commitment,
                        )
                    ]
                rows.append(row)
            day += timedelta(days=7)  # weekly rows keep the fixture small
        return rows

    def month_end_rows(self, month: str, previous: str | None) -> list[dict]:
        """Tax per project, a goodwill adjustment, a usage correction, a rounding error."""
        start, end = month_bounds_utc(month)
        rows = []
        for project in PROJECTS:
            row = self.base_row(month, start, int((end - start).total_seconds() // 3600), project)
            row.update(
                service={"id": "6F81-5844-456A", "description": "Compute Engine"},
                sku={"id": "F67F-9E9C-1E5B", "description": "Sales tax"},
                cost_type="tax",
                cost=Decimal(self.random.randint(100, 5000)) / 100,
                export_time=end + timedelta(hours=30),
            )
            rows.append(row)
        goodwill = self.base_row(month, start, 24, PROJECTS[1])
        goodwill.update(
            service={"id": "24E6-581D-38E5", "description": "BigQuery"},
            sku={"id": "3362-E469-6BEF", "description": "Analysis"},
            cost_type="adjustment",
            cost=Decimal("-12.500000"),
            adjustment_info={
                "id": f"adj-goodwill-{month}",
                "description": "Goodwill credit",
                "mode": "MANUAL_ADJUSTMENT",
                "type": "GOODWILL",
            },
        )
        rows.append(goodwill)
        if previous:
            prev_start, _ = month_bounds_utc(previous)
            correction = self.base_row(month, prev_start + timedelta(days=3), 24, PROJECTS[0])
            correction.update(
                service={"id": "6F81-5844-456A", "description": "Compute Engine"},
                sku={"id": "2E27-4F75-95CD", "description": "N2 Instance Core running in Americas"},
                cost_type="adjustment",
                cost=Decimal("-3.141592"),
                export_time=start + timedelta(days=2),
                adjustment_info={
                    "id": f"adj-usage-{previous}",
                    "description": "Usage correction: N2 cores over-reported",
                    "mode": "PARTIAL_CORRECTION",
                    "type": "USAGE_CORRECTION",
                },
            )
            rows.append(correction)
        rounding = self.base_row(
            month, start, int((end - start).total_seconds() // 3600), PROJECTS[0]
        )
        rounding.update(
            service={"id": "6F81-5844-456A", "description": "Compute Engine"},
            sku={"id": "E9A0-6C54-7D2F", "description": "Rounding error"},
            cost_type="rounding_error",
            cost=Decimal("0.000012"),
            export_time=end + timedelta(hours=30),
        )
        rows.append(rounding)
        return rows

    def month_rows(self, month: str, previous: str | None, usage_rows: int) -> list[dict]:
        rows = [self.usage_row(month) for _ in range(usage_rows)]
        # every credit type at least once a month
        for index, sku in enumerate(SKUS):
            for credit_type in sku[9]:
                row = self.usage_row(month, sku_index=index)
                cost = row["cost"]
                row["credits"] = [
                    credit(credit_type, -(cost * CREDIT_SHARE[credit_type]).quantize(MICRO))
                ]
                rows.append(row)
        rows.append(self.marketplace_row(month))
        rows += self.cud_fee_rows(month)
        rows += self.month_end_rows(month, previous)
        # the last usage hour of the month in US Pacific time is already the next UTC day
        _, end = month_bounds_utc(month)
        boundary = self.usage_row(month, start=end - timedelta(hours=5), sku_index=0)
        rows.append(boundary)
        # a late row for an hour already exported: a second charge, exported later
        # (same identifying columns as the first row, a quarter of its usage and cost, no credits)
        late = copy.deepcopy(rows[0])
        late["export_time"] = rows[0]["export_time"] + timedelta(days=2)
        quarter = Decimal("0.25")
        late["usage"]["amount"] *= quarter
        late["usage"]["amount_in_pricing_units"] *= quarter
        late["cost"] *= quarter
        late["cost_at_list"] *= quarter
        late["credits"] = []
        rows.append(late)
        return rows


def arrow_schema() -> pa.Schema:
    text = pa.string()
    key_value = pa.list_(pa.struct([("key", text), ("value", text)]))
    money = pa.float64()
    when = pa.timestamp("us", tz="UTC")
    return pa.schema(
        [
            ("billing_account_id", text),
            ("service", pa.struct([("id", text), ("description", text)])),
            ("sku", pa.struct([("id", text), ("description", text)])),
            ("usage_start_time", when),
            ("usage_end_time", when),
            (
                "project",
                pa.struct(
                    [
                        ("id", text),
                        ("number", text),
                        ("name", text),
                        ("labels", key_value),
                        ("ancestry_numbers", text),
                        (
                            "ancestors",
                            pa.list_(pa.struct([("resource_name", text), ("display_name", text)])),
                        ),
                    ]
                ),
            ),
            ("labels", key_value),
            ("system_labels", key_value),
            (
                "location",
                pa.struct(
                    [("location", text), ("country", text), ("region", text), ("zone", text)]
                ),
            ),
            ("resource", pa.struct([("name", text), ("global_name", text)])),
            (
                "tags",
                pa.list_(
                    pa.struct(
                        [
                            ("key", text),
                            ("value", text),
                            ("inherited", pa.bool_()),
                            ("namespace", text),
                        ]
                    )
                ),
            ),
            ("transaction_type", text),
            ("seller_name", text),
            ("export_time", when),
            ("cost", money),
            ("currency", text),
            ("currency_conversion_rate", money),
            (
                "usage",
                pa.struct(
                    [
                        ("amount", money),
                        ("unit", text),
                        ("amount_in_pricing_units", money),
                        ("pricing_unit", text),
                    ]
                ),
            ),
            (
                "credits",
                pa.list_(
                    pa.struct(
                        [
                            ("name", text),
                            ("amount", money),
                            ("full_name", text),
                            ("id", text),
                            ("type", text),
                        ]
                    )
                ),
            ),
            ("invoice", pa.struct([("month", text), ("publisher_type", text)])),
            ("cost_type", text),
            (
                "adjustment_info",
                pa.struct([("id", text), ("description", text), ("mode", text), ("type", text)]),
            ),
            (
                "price",
                pa.struct(
                    [
                        ("effective_price", money),
                        ("tier_start_amount", money),
                        ("unit", text),
                        ("pricing_unit_quantity", money),
                    ]
                ),
            ),
            ("cost_at_list", money),
            ("subscription", pa.struct([("instance_id", text)])),
        ]
    )


def plain(value):
    """Decimals as JSON numbers (floats), datetimes as bq extract text; recursively."""
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, datetime):
        return ts(value)
    if isinstance(value, dict):
        return {key: plain(item) for key, item in value.items()}
    if isinstance(value, list):
        return [plain(item) for item in value]
    return value


def arrow_value(value):
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, datetime):
        return value.astimezone(timezone.utc)
    if isinstance(value, dict):
        return {key: arrow_value(item) for key, item in value.items()}
    if isinstance(value, list):
        return [arrow_value(item) for item in value]
    return value


def write_part(out: Path, month: str, part: str, rows: list[dict]) -> None:
    folder = f"invoice_month={month.replace('-', '')}"
    ndjson = out / "gcp" / "billing_export_ndjson" / folder / f"{FILE_STEM}-{part}.json"
    parquet = out / "gcp" / "billing_export_parquet" / folder / f"{FILE_STEM}-{part}.parquet"
    ndjson.parent.mkdir(parents=True, exist_ok=True)
    parquet.parent.mkdir(parents=True, exist_ok=True)
    with ndjson.open("w", encoding="utf-8", newline="\n") as handle:
        for row in rows:
            handle.write(json.dumps(plain(row), sort_keys=False) + "\n")
    table = pa.Table.from_pylist([arrow_value(row) for row in rows], schema=arrow_schema())
    pq.write_table(table, parquet, compression="snappy")


def write_invoices(out: Path, months: list[str], rng: random.Random) -> None:
    """The team's invoice list (Billing → Documents): one invoice per account and month."""
    path = out / "gcp" / "invoices" / "invoices.csv"
    path.parent.mkdir(parents=True, exist_ok=True)
    lines = ["billing_account_id,billing_account_name,invoice_month,invoice_id"]
    for month in months:
        number = rng.randint(3_000_000_000, 5_999_999_999)
        lines.append(f"{BILLING_ACCOUNT},{BILLING_ACCOUNT_NAME},{month.replace('-', '')},{number}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def totals(rows: list[dict]) -> dict:
    by_type: dict[str, Decimal] = defaultdict(Decimal)
    by_cost_type: dict[str, int] = defaultdict(int)
    cost = Decimal(0)
    for row in rows:
        cost += row["cost"]
        by_cost_type[row["cost_type"]] += 1
        for item in row["credits"]:
            by_type[item["type"]] += item["amount"]
    credits = sum(by_type.values(), Decimal(0))
    return {
        "rows": len(rows),
        "rows_by_cost_type": dict(sorted(by_cost_type.items())),
        "cost": str(cost),
        "credits": str(credits),
        "credits_by_type": {key: str(value) for key, value in sorted(by_type.items())},
        "cost_plus_credits": str(cost + credits),
        "cost_plus_credits_cents": str((cost + credits).quantize(Decimal("0.01"))),
    }


def generate(out: Path, months: list[str], rows: int, seed: int) -> dict:
    generator = Generator(seed)
    per_month = max(1, rows // len(months))
    summary: dict = {
        "generator": "scripts/generate_gcp_billing_export.py",
        "seed": seed,
        "rows_requested": rows,
        "months": {},
    }
    previous = None
    for month in months:
        month_rows = generator.month_rows(month, previous, per_month)
        write_part(out, month, "000", month_rows)
        delivered = list(month_rows)
        if previous:
            # a re-delivered part: exact copies of two rows already in part 000 (true duplicates)
            copies = [month_rows[1], month_rows[2]]
            write_part(out, month, "001", copies)
            delivered += copies
        summary["months"][month.replace("-", "")] = {
            "delivered": totals(delivered),
            "after_duplicates": totals(month_rows),
            "duplicate_rows": len(delivered) - len(month_rows),
        }
        previous = month
        LOG.info("invoice month %s: %d rows", month, len(delivered))
    write_invoices(out, months, generator.random)
    (out / "gcp").mkdir(parents=True, exist_ok=True)
    (out / "gcp" / "_generated.json").write_text(json.dumps(summary, indent=2) + "\n")
    return summary


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=40, help="random usage rows in all (≥ 1)")
    parser.add_argument(
        "--months",
        default=DEFAULT_MONTHS,
        help="invoice months, YYYY-MM, comma-separated (default %(default)s)",
    )
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--out", type=Path, default=Path("data/generated"))
    parser.add_argument("--log-level", default="INFO")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    try:
        args = parse_args(argv)
    except SystemExit as exit_:
        return 0 if exit_.code == 0 else 2
    logging.basicConfig(level=args.log_level, format="%(levelname)s %(message)s")
    months = [month.strip() for month in args.months.split(",") if month.strip()]
    try:
        for month in months:
            datetime.strptime(month, "%Y-%m")
    except ValueError:
        LOG.error("--months: expected YYYY-MM values, got %r", args.months)
        return 2
    if args.rows < 1 or not months:
        LOG.error("--rows must be at least 1 and --months not empty")
        return 2
    generate(args.out, months, args.rows, args.seed)
    return 0


if __name__ == "__main__":
    sys.exit(main())
