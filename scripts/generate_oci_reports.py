"""Generate realistic Oracle Cloud (OCI) cost reports for one tenancy, in both shapes OCI delivers.

Shapes (the same charges, two files per billing month):

* ``focus_report``  OCI's FOCUS report (gzipped CSV) with FOCUS 1.0-preview column names
  (``ChargeType``, ``ChargeSubcategory``, ``UsageQuantity``/``UsageUnit``, ``Region``,
  ``InvoiceIssuer``), OCI's ``oci_`` columns (``oci_ReferenceNumber``, ``oci_BackReferenceNumber``,
  compartment, overage and attribution columns), one column per tag (``Tags/<namespace>.<key>``)
  and timestamps written in several formats, as the report mixes them:
  ``<out>/oci/focus_report/FOCUS Reports/2025/01/0001000000000001-00001.csv.gz``.
* ``cost_report``   OCI's proprietary cost report (gzipped CSV, ``lineItem/referenceNo``,
  ``cost/myCost``, ``tags/<namespace>.<key>``). It carries the metered usage and its corrections
  only: purchases, credits, adjustments and tax are in the FOCUS report alone:
  ``<out>/oci/cost_report/reports/cost-csv/0001000000000001-00001.csv.gz``.

Charge types written (every one OCI's FOCUS report documents with a pre-1.0 ``ChargeType``):
Usage (on demand, with overage), Usage corrections (``oci_BackReferenceNumber`` names the
corrected row; one corrects a row of the previous billing period), Purchase (a one-time
Marketplace licence), Tax, Adjustment with ChargeSubcategory ``Credit`` (a promotion credit) and a
general Adjustment.

Money is computed with ``Decimal`` so that ``cost = unit price x quantity`` holds exactly.
A summary with totals per billing period and shape is written to ``<out>/oci/_generated.json``;
it is computed here from the rows written, not from the dbt models.

Usage:
    python scripts/generate_oci_reports.py --rows 2000 --out data/generated
    python scripts/generate_oci_reports.py --rows 12 --out data/fixtures --seed 7

Nothing runs on import; ``main(argv)`` returns 0 on success and 2 on bad arguments.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import json
import logging
import random
import sys
from collections.abc import Sequence
from datetime import datetime, timedelta, timezone
from decimal import Decimal
from pathlib import Path

LOG = logging.getLogger("generate_oci_reports")

TENANCY_ID = "ocid1.tenancy.oc1..aaaaaaaaacmefinops"
TENANCY_NAME = "acme-finops"
CURRENCY = "USD"
SUBSCRIPTION_ID = "SUB-48211"

COMPARTMENTS = [
    ("ocid1.compartment.oc1..aaaaaaaaprod", "prod"),
    ("ocid1.compartment.oc1..aaaaaaaadev", "dev"),
    ("ocid1.compartment.oc1..aaaaaaaadata", "data"),
]
REGIONS = [("us-ashburn-1", "US-ASHBURN-AD-1"), ("eu-frankfurt-1", "EU-FRANKFURT-1-AD-2")]

# (service code, FOCUS report ServiceName, ServiceCategory as OCI writes it, product/resource,
#  part number, description, OCI unit (FOCUS report), cost report billingUnitReadable,
#  list unit price, discount, resource prefix, resource type)
PRODUCTS = [
    (
        "COMPUTE",
        "Compute",
        "Compute",
        "PIC_COMPUTE_STANDARD_E4_FLEX",
        "B93113",
        "Compute - Standard - E4 - OCPU",
        "OCPU Hours",
        "ONE OCPU HOURS",
        Decimal("0.025"),
        Decimal("0.20"),
        "ocid1.instance.oc1.iad.",
        "Instance",
    ),
    (
        "COMPUTE",
        "Compute",
        "Compute",
        "PIC_COMPUTE_STANDARD_E4_FLEX_MEM",
        "B93114",
        "Compute - Standard - E4 - Memory",
        "GB Hours",
        "ONE GiB HOURS",
        Decimal("0.0015"),
        Decimal("0.20"),
        "ocid1.instance.oc1.iad.",
        "Instance",
    ),
    (
        "BLOCK_STORAGE",
        "Block Storage",
        "Storage",
        "PIC_BLOCK_STORAGE_STANDARD",
        "B91961",
        "Storage - Block Volume - Storage",
        "GB Months",
        "ONE GiB MONTH",
        Decimal("0.0255"),
        Decimal("0"),
        "ocid1.volume.oc1.iad.",
        "Volume",
    ),
    (
        "OBJECT_STORAGE",
        "Object Storage",
        "Storage",
        "PIC_OBJECT_STORAGE_STANDARD",
        "B91628",
        "Object Storage - Storage",
        "GB Months",
        "ONE GiB MONTH",
        Decimal("0.0255"),
        Decimal("0"),
        "ocid1.bucket.oc1.iad.",
        "Bucket",
    ),
    (
        "NETWORK",
        "Networking",
        "Networking",
        "PIC_NETWORK_OUTBOUND_DATA",
        "B88327",
        "Outbound Data Transfer Zone 1",
        "GB",
        "ONE GiB DATA_TRANSFERRED",
        Decimal("0.0085"),
        Decimal("0"),
        "ocid1.vnic.oc1.iad.",
        "Vnic",
    ),
    (
        "DATABASE",
        "Autonomous Database",
        "Databases",
        "PIC_ADB_ECPU_TRANSACTION_PROCESSING",
        "B95702",
        "Oracle Autonomous Transaction Processing - ECPU",
        "ECPU Hours",
        "ONE ECPU HOURS",
        Decimal("0.336"),
        Decimal("0.25"),
        "ocid1.autonomousdatabase.oc1.iad.",
        "AutonomousDatabase",
    ),
]

# The FOCUS report mixes these timestamp formats (all UTC).
TIMESTAMP_FORMATS = ["%Y-%m-%dT%H:%MZ", "%Y-%m-%dT%H:%M:%S.000Z", "%Y-%m-%d %H:%M:%S"]
COST_REPORT_TIMESTAMP = "%Y-%m-%dT%H:%MZ"

TAG_KEYS = ["Oracle-Tags.CreatedBy", "CostCenter.team", "CostCenter.env"]

FOCUS_COLUMNS = [
    "AvailabilityZone",
    "BilledCost",
    "BillingAccountId",
    "BillingAccountName",
    "BillingCurrency",
    "BillingPeriodEnd",
    "BillingPeriodStart",
    "ChargeDescription",
    "ChargeFrequency",
    "ChargePeriodEnd",
    "ChargePeriodStart",
    "ChargeSubcategory",
    "ChargeType",
    "CommitmentDiscountCategory",
    "CommitmentDiscountId",
    "CommitmentDiscountName",
    "CommitmentDiscountType",
    "EffectiveCost",
    "InvoiceIssuer",
    "ListCost",
    "ListUnitPrice",
    "PricingCategory",
    "PricingQuantity",
    "PricingUnit",
    "ProviderName",
    "PublisherName",
    "Region",
    "ResourceId",
    "ResourceName",
    "ResourceType",
    "ServiceCategory",
    "ServiceName",
    "SkuId",
    "SkuPriceId",
    "SubAccountId",
    "SubAccountName",
    "UsageQuantity",
    "UsageUnit",
    "oci_ReferenceNumber",
    "oci_CompartmentId",
    "oci_CompartmentName",
    "oci_OverageFlag",
    "oci_UnitPriceOverage",
    "oci_BilledQuantityOverage",
    "oci_CostOverage",
    "oci_AttributedUsage",
    "oci_AttributedCost",
    "oci_BackReferenceNumber",
] + [f"Tags/{key}" for key in TAG_KEYS]

COST_COLUMNS = [
    "lineItem/referenceNo",
    "lineItem/tenantId",
    "lineItem/intervalUsageStart",
    "lineItem/intervalUsageEnd",
    "product/service",
    "product/resource",
    "product/compartmentId",
    "product/compartmentName",
    "product/region",
    "product/availabilityDomain",
    "product/resourceId",
    "usage/billedQuantity",
    "usage/billedQuantityOverage",
    "cost/subscriptionId",
    "cost/productSku",
    "product/Description",
    "cost/unitPrice",
    "cost/unitPriceOverage",
    "cost/myCost",
    "cost/myCostOverage",
    "cost/currencyCode",
    "cost/billingUnitReadable",
    "cost/overageFlag",
    "lineItem/isCorrection",
    "lineItem/backreferenceNo",
] + [f"tags/{key}" for key in TAG_KEYS]


def month_bounds(month: str) -> tuple[datetime, datetime]:
    start = datetime.strptime(month + "-01", "%Y-%m-%d").replace(tzinfo=timezone.utc)
    end = (start + timedelta(days=32)).replace(day=1)
    return start, end


def money(value: Decimal) -> str:
    """A decimal as OCI writes it: plain notation, trailing zeros trimmed."""
    text = format(value.normalize(), "f")
    return "0" if text in ("-0", "") else text


def build_charges(rows: int, months: list[str], seed: int) -> list[dict]:
    """The tenancy's charges: `rows` usage rows per month plus the other charge types."""
    rng = random.Random(seed)
    charges: list[dict] = []
    sequence = 0

    def next_reference() -> str:
        nonlocal sequence
        sequence += 1
        return f"{9_000_000_000 + seed * 100_000 + sequence}"

    usage_by_month: dict[str, list[dict]] = {}
    for month_index, month in enumerate(months):
        start, end = month_bounds(month)
        days = (end - start).days
        usage_by_month[month] = []
        for row_index in range(rows):
            product = PRODUCTS[row_index % len(PRODUCTS)]
            (
                code,
                service_name,
                category,
                resource,
                part,
                description,
                unit,
                readable,
                list_price,
                discount,
                resource_prefix,
                resource_type,
            ) = product
            compartment = COMPARTMENTS[rng.randrange(len(COMPARTMENTS))]
            region, ad = REGIONS[rng.randrange(len(REGIONS))]
            day = rng.randrange(days)
            interval_start = start + timedelta(days=day, hours=rng.randrange(24))
            interval_end = interval_start + timedelta(hours=1)
            quantity = Decimal(rng.randrange(1, 400)) / Decimal(4)
            unit_price = (list_price * (1 - discount)).quantize(Decimal("0.000001"))
            overage_quantity = Decimal(0)
            if row_index % 7 == 3:  # part of the usage beyond the commitment, billed as overage
                overage_quantity = (quantity / 4).quantize(Decimal("0.25"))
            cost = unit_price * quantity
            resource_id = f"{resource_prefix}{month_index}{row_index:05d}"
            charge = {
                "reference": next_reference(),
                "month": month,
                "charge_type": "Usage",
                "subcategory": "On-Demand",
                "frequency": "Usage-Based",
                "code": code,
                "service_name": service_name,
                "category": category,
                "resource": resource,
                "part": part,
                "description": description,
                "unit": unit,
                "readable": readable,
                "list_price": list_price,
                "unit_price": unit_price,
                "quantity": quantity,
                "overage_quantity": overage_quantity,
                "cost": cost,
                "list_cost": list_price * quantity,
                "compartment": compartment,
                "region": region,
                "ad": ad,
                "resource_id": resource_id,
                "resource_name": f"{resource_type.lower()}-{compartment[1]}-{row_index}",
                "resource_type": resource_type,
                "interval_start": interval_start,
                "interval_end": interval_end,
                "tags": {
                    "Oracle-Tags.CreatedBy": f"{compartment[1]}-admin@acme.example",
                    "CostCenter.team": ["web", "data", "platform"][row_index % 3],
                    "CostCenter.env": compartment[1] if row_index % 4 else "",
                },
                "back_reference": None,
                "in_cost_report": True,
            }
            charges.append(charge)
            usage_by_month[month].append(charge)

    for month_index, month in enumerate(months):
        start, end = month_bounds(month)
        usage = usage_by_month[month]
        # A correction in the same billing period: the usage was re-rated 10 % down.
        corrections = [(usage[0], month)]
        # A correction delivered in the next billing period of a row of this one.
        if month_index + 1 < len(months):
            corrections.append((usage[1], months[month_index + 1]))
        for corrected, billing_month in corrections:
            delta = -(corrected["cost"] / 10).quantize(Decimal("0.0001"))
            charges.append(
                {
                    **corrected,
                    "reference": next_reference(),
                    "month": billing_month,
                    "quantity": Decimal(0),
                    "overage_quantity": Decimal(0),
                    "cost": delta,
                    "list_cost": Decimal(0),
                    "back_reference": corrected["reference"],
                    "subcategory": "On-Demand",
                }
            )
        # The other charge types of the FOCUS report (not in the cost report).
        first_day = start
        last_day = end - timedelta(days=1)
        common = {
            "month": month,
            "frequency": "One-Time",
            "quantity": None,
            "overage_quantity": None,
            "unit": None,
            "readable": None,
            "list_price": None,
            "unit_price": None,
            "compartment": COMPARTMENTS[0],
            "region": None,
            "ad": None,
            "resource_id": None,
            "resource_name": None,
            "resource_type": None,
            "tags": {},
            "back_reference": None,
            "in_cost_report": False,
            "part": None,
            "resource": None,
        }
        charges.append(
            {
                **common,
                "reference": next_reference(),
                "charge_type": "Purchase",
                "subcategory": None,
                "code": "MARKETPLACE",
                "service_name": "Marketplace",
                "category": "Other",
                "part": "B97000",
                "description": "Marketplace image licence",
                "unit": "Each",
                "list_price": Decimal("120"),
                "unit_price": Decimal("120"),
                "quantity": Decimal(1),
                "cost": Decimal("120"),
                "list_cost": Decimal("120"),
                "interval_start": first_day,
                "interval_end": end,
                "resource_id": "ocid1.image.oc1..marketplace01",
                "resource_name": "acme-licensed-image",
                "resource_type": "Image",
                "region": "us-ashburn-1",
            }
        )
        charges.append(
            {
                **common,
                "reference": next_reference(),
                "charge_type": "Adjustment",
                "subcategory": "Credit",
                "code": "CREDITS",
                "service_name": "Promotions",
                "category": "Other",
                "description": "Oracle Support Rewards credit",
                "cost": Decimal("-25.50"),
                "list_cost": Decimal("-25.50"),
                "interval_start": first_day,
                "interval_end": end,
            }
        )
        charges.append(
            {
                **common,
                "reference": next_reference(),
                "charge_type": "Adjustment",
                "subcategory": "General Adjustment",
                "code": "CREDITS",
                "service_name": "Promotions",
                "category": "Other",
                "description": "Billing adjustment",
                "cost": Decimal("3.25"),
                "list_cost": Decimal("3.25"),
                "interval_start": first_day,
                "interval_end": end,
            }
        )
        taxable = sum(c["cost"] for c in charges if c["month"] == month)
        tax = (taxable * Decimal("0.08")).quantize(Decimal("0.01"))
        charges.append(
            {
                **common,
                "reference": next_reference(),
                "charge_type": "Tax",
                "subcategory": None,
                "code": "TAX",
                "service_name": "Tax",
                "category": "Other",
                "description": "Sales tax",
                "cost": tax,
                "list_cost": tax,
                "interval_start": last_day,
                "interval_end": end,
            }
        )
    return charges


def focus_row(charge: dict, index: int) -> dict:
    billing_start, billing_end = month_bounds(charge["month"])
    fmt = TIMESTAMP_FORMATS[index % len(TIMESTAMP_FORMATS)]
    quantity = charge["quantity"]
    is_usage = charge["charge_type"] == "Usage"
    overage = charge["overage_quantity"] or Decimal(0)
    row = {
        "AvailabilityZone": charge["ad"] or "",
        "BilledCost": money(charge["cost"]),
        "BillingAccountId": TENANCY_ID,
        "BillingAccountName": TENANCY_NAME,
        "BillingCurrency": CURRENCY,
        "BillingPeriodEnd": billing_end.strftime(fmt),
        "BillingPeriodStart": billing_start.strftime(fmt),
        "ChargeDescription": charge["description"],
        "ChargeFrequency": charge["frequency"],
        "ChargePeriodEnd": charge["interval_end"].strftime(fmt),
        "ChargePeriodStart": charge["interval_start"].strftime(fmt),
        "ChargeSubcategory": charge["subcategory"] or "",
        "ChargeType": charge["charge_type"],
        "CommitmentDiscountCategory": "",
        "CommitmentDiscountId": "",
        "CommitmentDiscountName": "",
        "CommitmentDiscountType": "",
        "EffectiveCost": money(charge["cost"]),
        "InvoiceIssuer": "Oracle",
        "ListCost": money(charge["list_cost"]),
        "ListUnitPrice": money(charge["list_price"]) if charge["list_price"] is not None else "",
        "PricingCategory": "Standard" if charge["part"] else "",
        "PricingQuantity": money(quantity) if quantity is not None else "",
        "PricingUnit": charge["unit"] or "",
        "ProviderName": "Oracle",
        "PublisherName": "Oracle",
        "Region": charge["region"] or "",
        "ResourceId": charge["resource_id"] or "",
        "ResourceName": charge["resource_name"] or "",
        "ResourceType": charge["resource_type"] or "",
        "ServiceCategory": charge["category"],
        "ServiceName": charge["service_name"],
        "SkuId": charge["part"] or "",
        "SkuPriceId": f"{charge['part']}-{CURRENCY}" if charge["part"] else "",
        "SubAccountId": charge["compartment"][0],
        "SubAccountName": charge["compartment"][1],
        "UsageQuantity": money(quantity) if is_usage and quantity is not None else "",
        "UsageUnit": charge["unit"] if is_usage else "",
        "oci_ReferenceNumber": charge["reference"],
        "oci_CompartmentId": charge["compartment"][0],
        "oci_CompartmentName": charge["compartment"][1],
        "oci_OverageFlag": "Y" if overage else "N",
        "oci_UnitPriceOverage": money(charge["unit_price"]) if overage else "",
        "oci_BilledQuantityOverage": money(overage) if overage else "",
        "oci_CostOverage": money(charge["unit_price"] * overage) if overage else "",
        "oci_AttributedUsage": money(quantity) if is_usage and quantity is not None else "",
        "oci_AttributedCost": money(charge["cost"]),
        "oci_BackReferenceNumber": charge["back_reference"] or "",
    }
    for key in TAG_KEYS:
        row[f"Tags/{key}"] = charge["tags"].get(key, "")
    return row


def cost_row(charge: dict) -> dict:
    overage = charge["overage_quantity"] or Decimal(0)
    row = {
        "lineItem/referenceNo": charge["reference"],
        "lineItem/tenantId": TENANCY_ID,
        "lineItem/intervalUsageStart": charge["interval_start"].strftime(COST_REPORT_TIMESTAMP),
        "lineItem/intervalUsageEnd": charge["interval_end"].strftime(COST_REPORT_TIMESTAMP),
        "product/service": charge["code"],
        "product/resource": charge["resource"],
        "product/compartmentId": charge["compartment"][0],
        "product/compartmentName": charge["compartment"][1],
        "product/region": charge["region"],
        "product/availabilityDomain": charge["ad"],
        "product/resourceId": charge["resource_id"],
        "usage/billedQuantity": money(charge["quantity"]),
        "usage/billedQuantityOverage": money(overage) if overage else "",
        "cost/subscriptionId": SUBSCRIPTION_ID,
        "cost/productSku": charge["part"],
        "product/Description": charge["description"],
        "cost/unitPrice": money(charge["unit_price"]),
        "cost/unitPriceOverage": money(charge["unit_price"]) if overage else "",
        "cost/myCost": money(charge["cost"]),
        "cost/myCostOverage": money(charge["unit_price"] * overage) if overage else "",
        "cost/currencyCode": CURRENCY,
        "cost/billingUnitReadable": charge["readable"],
        "cost/overageFlag": "Y" if overage else "N",
        "lineItem/isCorrection": "true" if charge["back_reference"] else "false",
        "lineItem/backreferenceNo": charge["back_reference"] or "",
    }
    for key in TAG_KEYS:
        row[f"tags/{key}"] = charge["tags"].get(key, "")
    return row


def write_csv_gz(path: Path, columns: list[str], rows: list[dict]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    # mtime=0: the same rows give byte-identical files
    with open(path, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0) as gz:
        with open_text(gz) as text:
            writer = csv.DictWriter(text, fieldnames=columns, lineterminator="\n")
            writer.writeheader()
            writer.writerows(rows)


def open_text(binary):
    import io

    return io.TextIOWrapper(binary, encoding="utf-8", newline="")


def generate(out: Path, rows: int, months: list[str], seed: int) -> dict:
    charges = build_charges(rows, months, seed)
    summary: dict = {
        "generator": "scripts/generate_oci_reports.py",
        "seed": seed,
        "rows_per_month": rows,
        "months": {},
    }
    for month_number, month in enumerate(months, start=1):
        in_month = [c for c in charges if c["month"] == month]
        focus_rows = [focus_row(c, i) for i, c in enumerate(in_month)]
        cost_rows = [cost_row(c) for c in in_month if c["in_cost_report"]]
        year, mon = month.split("-")
        file_stem = f"{1_000_000_000_000_000 + month_number:016d}-00001.csv.gz"
        write_csv_gz(
            out / "oci" / "focus_report" / "FOCUS Reports" / year / mon / file_stem,
            FOCUS_COLUMNS,
            focus_rows,
        )
        write_csv_gz(
            out / "oci" / "cost_report" / "reports" / "cost-csv" / f"{month}-{file_stem}",
            COST_COLUMNS,
            cost_rows,
        )
        by_type: dict[str, int] = {}
        for c in in_month:
            key = c["charge_type"] + (" correction" if c["back_reference"] else "")
            by_type[key] = by_type.get(key, 0) + 1
        summary["months"][month] = {
            "focus_report_rows": len(focus_rows),
            "focus_report_billed_cost": money(sum((c["cost"] for c in in_month), Decimal(0))),
            "cost_report_rows": len(cost_rows),
            "cost_report_my_cost": money(
                sum((c["cost"] for c in in_month if c["in_cost_report"]), Decimal(0))
            ),
            "rows_by_charge_type": by_type,
        }
    (out / "oci").mkdir(parents=True, exist_ok=True)
    (out / "oci" / "_generated.json").write_text(json.dumps(summary, indent=2) + "\n")
    return summary


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rows", type=int, default=2000, help="usage rows per billing month")
    parser.add_argument("--months", default="2025-01,2025-02", help="billing months, YYYY-MM")
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--out", type=Path, default=Path("data/generated"))
    parser.add_argument("--log-level", default="INFO")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    try:
        args = parse_args(argv)
    except SystemExit as exc:
        return 0 if exc.code == 0 else 2
    logging.basicConfig(level=args.log_level, format="%(asctime)s %(levelname)s %(message)s")
    months = [m.strip() for m in args.months.split(",") if m.strip()]
    if args.rows < 2 or not months:
        LOG.error("generate_oci_reports: --rows must be at least 2 and --months not empty")
        return 2
    summary = generate(args.out, args.rows, months, args.seed)
    for month, figures in summary["months"].items():
        LOG.info("%s: %s", month, figures)
    return 0


if __name__ == "__main__":
    sys.exit(main())
