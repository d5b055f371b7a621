"""Generate a realistic Alibaba Cloud "FOCUS 1.0 (Preview)" export, with its documented gaps.

One CSV per billing month, as the Bill Subscription pushes it to OSS:
``<out>/alibaba/focus/<account>/<account>_focus_<YYYYMM>.csv``.

What makes it Alibaba's and not FOCUS 1.2 (Alibaba Cloud, "Field Differences of Alibaba Cloud
FOCUS 1.0 (Preview)", https://www.alibabacloud.com/help/en/user-center/user-guide/alibaba-cloud-focus-1-0-preview-field-differences):

* FOCUS 1.0 column names, and Alibaba's own columns prefixed ``X_`` (upper case):
  ``X_BillingItemCode``, ``X_BillingItemName``, ``X_CommodityCode``, ``X_CommodityName``,
  ``X_InstanceID`` (the names the FinOps toolkit lists for Alibaba's export);
* every time (billing and charge periods) written without an offset in UTC+8 (China Standard
  Time), the time zone of Alibaba's billing (its pushes are scheduled "after 12:00 (UTC+8)");
* null on every row: ChargeDescription, ConsumedQuantity, ConsumedUnit, ContractedCost,
  ContractedUnitPrice, SkuId, SkuPriceId; null on some rows: ListUnitPrice, PricingUnit.

Charge categories written: Usage (pay-as-you-go ECS, OSS, CDN, RDS), Purchase (a subscription
instance), Credit (a coupon deduction), Adjustment (a refund) and Tax.

Money is computed with ``Decimal`` so that ``cost = unit price x quantity`` holds exactly. A
summary with totals per billing period is written to ``<out>/alibaba/_generated.json``.

Usage:
    python scripts/generate_alibaba_focus.py --rows 2000 --out data/generated
    python scripts/generate_alibaba_focus.py --rows 10 --out data/fixtures --seed 7

Nothing runs on import; ``main(argv)`` returns 0 on success and 2 on bad arguments.
"""

from __future__ import annotations

import argparse
import csv
import json
import logging
import random
import sys
from collections.abc import Sequence
from datetime import datetime, timedelta
from decimal import Decimal
from pathlib import Path

LOG = logging.getLogger("generate_alibaba_focus")

ACCOUNT_ID = "5012345678901234"
ACCOUNT_NAME = "acme-intl@acme.example"
SUB_ACCOUNTS = [("5098765432109876", "acme-web"), ("5011112222333344", "acme-data")]
CURRENCY = "USD"
REGIONS = [
    ("cn-hangzhou", "China (Hangzhou)", "cn-hangzhou-h"),
    ("ap-southeast-1", "Singapore", "ap-southeast-1a"),
]

# (service, category, commodity code, commodity name, billing item code, billing item name,
#  pricing unit as Alibaba writes it (None: left null on this row), list unit price, discount,
#  resource prefix, resource type)
PRODUCTS = [
    (
        "Elastic Compute Service",
        "Compute",
        "ecs",
        "ECS Pay-As-You-Go",
        "instance_type",
        "Instance type",
        "Hours",
        Decimal("0.096"),
        Decimal("0.10"),
        "i-bp1",
        "ecs instance",
    ),
    (
        "Object Storage Service",
        "Storage",
        "oss",
        "OSS Pay-As-You-Go",
        "storage",
        "Standard storage capacity",
        "GB-Hours",
        Decimal("0.0000225"),
        Decimal("0"),
        "acme-bucket-",
        "oss bucket",
    ),
    (
        "Alibaba Cloud CDN",
        "Networking",
        "cdn",
        "CDN Pay-By-Traffic",
        "flow",
        "Downstream traffic",
        None,
        Decimal("0.074"),
        Decimal("0"),
        "cdn.acme.example",
        "cdn domain",
    ),
    (
        "ApsaraDB RDS",
        "Databases",
        "rds",
        "RDS Pay-As-You-Go",
        "instance_class",
        "Instance class",
        "Hours",
        Decimal("0.232"),
        Decimal("0.15"),
        "rm-bp1",
        "rds instance",
    ),
]

COLUMNS = [
    "AvailabilityZone",
    "BilledCost",
    "BillingAccountId",
    "BillingAccountName",
    "BillingCurrency",
    "BillingPeriodEnd",
    "BillingPeriodStart",
    "ChargeCategory",
    "ChargeClass",
    "ChargeDescription",
    "ChargeFrequency",
    "ChargePeriodEnd",
    "ChargePeriodStart",
    "CommitmentDiscountCategory",
    "CommitmentDiscountId",
    "CommitmentDiscountName",
    "CommitmentDiscountStatus",
    "CommitmentDiscountType",
    "ConsumedQuantity",
    "ConsumedUnit",
    "ContractedCost",
    "ContractedUnitPrice",
    "EffectiveCost",
    "InvoiceIssuerName",
    "ListCost",
    "ListUnitPrice",
    "PricingCategory",
    "PricingQuantity",
    "PricingUnit",
    "ProviderName",
    "PublisherName",
    "RegionId",
    "RegionName",
    "ResourceId",
    "ResourceName",
    "ResourceType",
    "ServiceCategory",
    "ServiceName",
    "SkuId",
    "SkuPriceId",
    "SubAccountId",
    "SubAccountName",
    "Tags",
    "X_BillingItemCode",
    "X_BillingItemName",
    "X_CommodityCode",
    "X_CommodityName",
    "X_InstanceID",
]

LOCAL_FORMAT = "%Y-%m-%d %H:%M:%S"  # UTC+8, no offset written


def money(value: Decimal | None) -> str:
    if value is None:
        return ""
    text = format(value.normalize(), "f")
    return "0" if text in ("-0", "") else text


def month_bounds(month: str) -> tuple[datetime, datetime]:
    """A billing month in Alibaba's local time (naive, UTC+8)."""
    start = datetime.strptime(month + "-01", "%Y-%m-%d")
    end = (start + timedelta(days=32)).replace(day=1)
    return start, end


def base_row(month: str, sub_account: tuple[str, str]) -> dict:
    start, end = month_bounds(month)
    row = dict.fromkeys(COLUMNS, "")
    row.update(
        {
            "BillingAccountId": ACCOUNT_ID,
            "BillingAccountName": ACCOUNT_NAME,
            "BillingCurrency": CURRENCY,
            "BillingPeriodStart": start.strftime(LOCAL_FORMAT),
            "BillingPeriodEnd": end.strftime(LOCAL_FORMAT),
            "InvoiceIssuerName": "Alibaba Cloud",
            "ProviderName": "Alibaba Cloud",
            "PublisherName": "Alibaba Cloud",
            "SubAccountId": sub_account[0],
            "SubAccountName": sub_account[1],
        }
    )
    return row


def build_rows(rows: int, month: str, seed: int) -> list[dict]:
    rng = random.Random(f"{seed}-{month}")
    start, end = month_bounds(month)
    days = (end - start).days
    out: list[dict] = []
    for index in range(rows):
        (
            service,
            category,
            commodity,
            commodity_name,
            item,
            item_name,
            unit,
            list_price,
            discount,
            resource_prefix,
            resource_type,
        ) = PRODUCTS[index % len(PRODUCTS)]
        sub_account = SUB_ACCOUNTS[rng.randrange(len(SUB_ACCOUNTS))]
        region_id, region_name, zone = REGIONS[rng.randrange(len(REGIONS))]
        day_start = start + timedelta(days=rng.randrange(days))
        quantity = Decimal(rng.randrange(1, 97)) / Decimal(4)
        if unit == "GB-Hours":
            quantity = Decimal(rng.randrange(100, 5000))
        unit_price = (list_price * (1 - discount)).quantize(Decimal("0.0000001"))
        cost = unit_price * quantity
        row = base_row(month, sub_account)
        instance = f"{resource_prefix}{month.replace('-', '')}{index:04d}"
        row.update(
            {
                "AvailabilityZone": zone,
                "BilledCost": money(cost),
                "ChargeCategory": "Usage",
                "ChargeFrequency": "Usage-Based",
                "ChargePeriodStart": day_start.strftime(LOCAL_FORMAT),
                "ChargePeriodEnd": (day_start + timedelta(days=1)).strftime(LOCAL_FORMAT),
                "EffectiveCost": money(cost),
                "ListCost": money(list_price * quantity),
                # Alibaba leaves ListUnitPrice null "in some scenarios": here every fifth usage row
                "ListUnitPrice": "" if index % 5 == 4 else money(list_price),
                "PricingCategory": "Standard",
                "PricingQuantity": money(quantity),
                "PricingUnit": unit or "",
                "RegionId": region_id,
                "RegionName": region_name,
                "ResourceId": instance if index % 6 != 5 else "",
                "ResourceName": f"{sub_account[1]}-{item}-{index}" if index % 6 != 5 else "",
                "ResourceType": resource_type if index % 6 != 5 else "",
                "ServiceCategory": category,
                "ServiceName": service,
                "Tags": json.dumps(
                    {"team": ["web", "data"][index % 2], "env": "prod"}, sort_keys=True
                )
                if index % 3
                else "",
                "X_BillingItemCode": item,
                "X_BillingItemName": item_name,
                "X_CommodityCode": commodity,
                "X_CommodityName": commodity_name,
                "X_InstanceID": instance,
            }
        )
        out.append(row)

    sub_account = SUB_ACCOUNTS[0]
    subscription = base_row(month, sub_account)
    subscription.update(
        {
            "AvailabilityZone": "cn-hangzhou-h",
            "BilledCost": "52.8",
            "ChargeCategory": "Purchase",
            "ChargeFrequency": "Recurring",
            "ChargePeriodStart": start.strftime(LOCAL_FORMAT),
            "ChargePeriodEnd": end.strftime(LOCAL_FORMAT),
            "EffectiveCost": "52.8",
            "ListCost": "66",
            "PricingCategory": "Standard",
            "PricingQuantity": "1",
            "PricingUnit": "",
            "RegionId": "cn-hangzhou",
            "RegionName": "China (Hangzhou)",
            "ResourceId": "i-bp1subscription01",
            "ResourceName": "acme-web-frontend",
            "ResourceType": "ecs instance",
            "ServiceCategory": "Compute",
            "ServiceName": "Elastic Compute Service",
            "X_BillingItemCode": "subscription_instance",
            "X_BillingItemName": "Subscription instance",
            "X_CommodityCode": "ecs_pre",
            "X_CommodityName": "ECS Subscription",
            "X_InstanceID": "i-bp1subscription01",
        }
    )
    out.append(subscription)
    coupon = base_row(month, sub_account)
    coupon.update(
        {
            "BilledCost": "-10",
            "ChargeCategory": "Credit",
            "ChargeFrequency": "One-Time",
            "ChargePeriodStart": start.strftime(LOCAL_FORMAT),
            "ChargePeriodEnd": end.strftime(LOCAL_FORMAT),
            "EffectiveCost": "-10",
            "ListCost": "-10",
            "ServiceCategory": "Other",
            "ServiceName": "Coupons",
            "X_BillingItemCode": "coupon",
            "X_BillingItemName": "Coupon deduction",
            "X_CommodityCode": "coupon",
            "X_CommodityName": "Coupon",
        }
    )
    out.append(coupon)
    refund = base_row(month, SUB_ACCOUNTS[1])
    refund.update(
        {
            "BilledCost": "-4.2",
            "ChargeCategory": "Adjustment",
            "ChargeFrequency": "One-Time",
            "ChargePeriodStart": start.strftime(LOCAL_FORMAT),
            "ChargePeriodEnd": end.strftime(LOCAL_FORMAT),
            "EffectiveCost": "-4.2",
            "ListCost": "-4.2",
            "ServiceCategory": "Other",
            "ServiceName": "Refunds",
            "X_BillingItemCode": "refund",
            "X_BillingItemName": "Refund for unsubscribed instance",
            "X_CommodityCode": "refund",
            "X_CommodityName": "Refund",
        }
    )
    out.append(refund)
    taxable = sum((Decimal(r["BilledCost"]) for r in out), Decimal(0))
    tax = (taxable * Decimal("0.06")).quantize(Decimal("0.01"))
    tax_row = base_row(month, sub_account)
    tax_row.update(
        {
            "BilledCost": money(tax),
            "ChargeCategory": "Tax",
            "ChargeFrequency": "One-Time",
            "ChargePeriodStart": start.strftime(LOCAL_FORMAT),
            "ChargePeriodEnd": end.strftime(LOCAL_FORMAT),
            "EffectiveCost": money(tax),
            "ListCost": money(tax),
            "ServiceCategory": "Other",
            "ServiceName": "Tax",
            "X_BillingItemCode": "tax",
            "X_BillingItemName": "Value-added tax",
            "X_CommodityCode": "tax",
            "X_CommodityName": "Tax",
        }
    )
    out.append(tax_row)
    return out


def generate(out: Path, rows: int, months: list[str], seed: int) -> dict:
    summary: dict = {
        "generator": "scripts/generate_alibaba_focus.py",
        "seed": seed,
        "rows_per_month": rows,
        "months": {},
    }
    for month in months:
        month_rows = build_rows(rows, month, seed)
        path = (
            out
            / "alibaba"
            / "focus"
            / ACCOUNT_ID
            / (f"{ACCOUNT_ID}_focus_{month.replace('-', '')}.csv")
        )
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(path, "w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=COLUMNS, lineterminator="\n")
            writer.writeheader()
            writer.writerows(month_rows)
        by_category: dict[str, int] = {}
        for row in month_rows:
            by_category[row["ChargeCategory"]] = by_category.get(row["ChargeCategory"], 0) + 1
        summary["months"][month] = {
            "rows": len(month_rows),
            "billed_cost": money(sum((Decimal(r["BilledCost"]) for r in month_rows), Decimal(0))),
            "rows_by_charge_category": by_category,
        }
    (out / "alibaba").mkdir(parents=True, exist_ok=True)
    (out / "alibaba" / "_generated.json").write_text(json.dumps(summary, indent=2) + "\n")
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
    if args.rows < 1 or not months:
        LOG.error("generate_alibaba_focus: --rows must be at least 1 and --months not empty")
        return 2
    summary = generate(args.out, args.rows, months, args.seed)
    for month, figures in summary["months"].items():
        LOG.info("%s: %s", month, figures)
    return 0


if __name__ == "__main__":
    sys.exit(main())
