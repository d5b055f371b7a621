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

With ``--layout zip`` the months are written as Bill Subscription delivers them to OSS (Alibaba
Cloud, "Export and subscribe to bills": every push goes to a new folder, files are .zip, a large
bill is split into several .zip files; DECISIONLOG D-350): per month an older daily push (the
month to date: rows charged before the 16th, one .zip, pushed on the 16th at 17:00 UTC+8) and the
final push (every row, split into ``--zip-parts`` .zip files, pushed on the 4th of the next month
at 13:00 UTC+8), ``<out>/alibaba/focus/<push folder>/<account>_focus_<YYYYMM>_<n>.zip``. Folder and
file names are this generator's (Alibaba's docs do not give them); the zips are byte-for-byte
reproducible and each file's modification time is its push time.

Usage:
    python scripts/generate_alibaba_focus.py --rows 2000 --out data/generated
    python scripts/generate_alibaba_focus.py --rows 10 --out data/fixtures --seed 7
    python scripts/generate_alibaba_focus.py --rows 8 --seed 7 --layout zip --out /tmp/alibaba_zip

Nothing runs on import; ``main(argv)`` returns 0 on success and 2 on bad arguments.
"""

from __future__ import annotations

import argparse
import io
import json
import logging
import os
import random
import sys
import zipfile
from collections.abc import Sequence
from datetime import datetime, timedelta, timezone
from decimal import Decimal
from pathlib import Path

SCRIPTS_DIR = Path(__file__).resolve().parent
if str(SCRIPTS_DIR) not in sys.path:  # focus_rows.py, the shared FOCUS row helpers
    sys.path.insert(0, str(SCRIPTS_DIR))
from focus_rows import FOCUS_1_0_COLUMNS, csv_text, decimal_text, next_month  # noqa: E402

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
    *FOCUS_1_0_COLUMNS,
    "X_BillingItemCode",
    "X_BillingItemName",
    "X_CommodityCode",
    "X_CommodityName",
    "X_InstanceID",
]

LOCAL_FORMAT = "%Y-%m-%d %H:%M:%S"  # UTC+8, no offset written


money = decimal_text  # money and quantities as plain decimal text


def month_bounds(month: str) -> tuple[datetime, datetime]:
    """A billing month in Alibaba's local time (naive, UTC+8)."""
    start = datetime.strptime(month + "-01", "%Y-%m-%d")
    return start, next_month(start)


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


UTC_PLUS_8 = timezone(timedelta(hours=8))


def write_zip(path: Path, member: str, text: str, pushed: datetime) -> None:
    """One .zip holding one CSV, reproducible byte for byte; the file's mtime is the push time."""
    info = zipfile.ZipInfo(member, date_time=pushed.timetuple()[:6])
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o644 << 16
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(info, text.encode("utf-8"))
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(buffer.getvalue())
    stamp = pushed.timestamp()
    os.utime(path, (stamp, stamp))


def write_zip_deliveries(
    root: Path, month: str, rows: list[dict], columns: Sequence[str], parts: int = 2
) -> list[Path]:
    """One billing month as Bill Subscription pushes it (module docstring): an older daily push
    of the month to date and the final push split into `parts` .zip files. Returns the paths."""
    start, end = month_bounds(month)
    account = rows[0]["BillingAccountId"] if rows else ACCOUNT_ID
    stem = f"{account}_focus_{month.replace('-', '')}"
    written = []
    cutoff = start.replace(day=16)
    to_date = [row for row in rows if row["ChargePeriodStart"] < cutoff.strftime(LOCAL_FORMAT)]
    if to_date:
        pushed = cutoff.replace(hour=17, tzinfo=UTC_PLUS_8)
        path = root / pushed.strftime("%Y%m%d") / f"{stem}_1.zip"
        write_zip(path, f"{stem}_1.csv", csv_text(to_date, columns), pushed)
        written.append(path)
    pushed = end.replace(day=4, hour=13, tzinfo=UTC_PLUS_8)
    size = -(-len(rows) // parts) if rows else 0
    for number in range(1, parts + 1):
        chunk = rows[(number - 1) * size : number * size]
        if not chunk and number > 1:
            break
        path = root / pushed.strftime("%Y%m%d") / f"{stem}_{number}.zip"
        write_zip(path, f"{stem}_{number}.csv", csv_text(chunk, columns), pushed)
        written.append(path)
    return written


def generate(
    out: Path, rows: int, months: list[str], seed: int, layout: str = "csv", zip_parts: int = 2
) -> dict:
    summary: dict = {
        "generator": "scripts/generate_alibaba_focus.py",
        "seed": seed,
        "rows_per_month": rows,
        "months": {},
    }
    for month in months:
        month_rows = build_rows(rows, month, seed)
        if layout == "zip":
            write_zip_deliveries(out / "alibaba" / "focus", month, month_rows, COLUMNS, zip_parts)
        path = (
            out
            / "alibaba"
            / "focus"
            / ACCOUNT_ID
            / (f"{ACCOUNT_ID}_focus_{month.replace('-', '')}.csv")
        )
        if layout == "csv":
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(csv_text(month_rows, COLUMNS), encoding="utf-8", newline="")
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
    parser.add_argument(
        "--layout",
        choices=("csv", "zip"),
        default="csv",
        help="csv: one CSV per month; zip: Bill Subscription's zipped, split, per-push folders",
    )
    parser.add_argument("--zip-parts", type=int, default=2, help="zip files per final push")
    parser.add_argument("--log-level", default="INFO")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    try:
        args = parse_args(argv)
    except SystemExit as exc:
        return 0 if exc.code == 0 else 2
    logging.basicConfig(level=args.log_level, format="%(asctime)s %(levelname)s %(message)s")
    months = [m.strip() for m in args.months.split(",") if m.strip()]
    if args.rows < 1 or not months or args.zip_parts < 1:
        LOG.error(
            "generate_alibaba_focus: --rows and --zip-parts must be at least 1, --months not empty"
        )
        return 2
    summary = generate(args.out, args.rows, months, args.seed, args.layout, args.zip_parts)
    for month, figures in summary["months"].items():
        LOG.info("%s: %s", month, figures)
    return 0


if __name__ == "__main__":
    sys.exit(main())
