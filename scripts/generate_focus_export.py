"""Generate realistic native FOCUS exports, in the shapes AWS, Microsoft and Google deliver them.

Shapes (one export per billing account, one file per billing month):

* ``aws_1_0``            AWS Data Exports "FOCUS 1.0 with AWS columns" (table FOCUS_1_0_AWS),
  Parquet: 43 FOCUS 1.0 columns + x_CostCategories, x_Discounts, x_Operation, x_ServiceCode,
  x_UsageType; Tags, x_CostCategories and x_Discounts are maps.
  ``<out>/focus_export/aws_1_0/<export>/data/BILLING_PERIOD=2025-01/<export>-00001.snappy.parquet``
* ``aws_1_2``            AWS Data Exports "FOCUS 1.2 with AWS columns" (FOCUS_1_2_AWS), Parquet:
  57 FOCUS 1.2 columns + x_Discounts, x_Operation, x_ServiceCode.
  ``<out>/focus_export/aws_1_2/<export>/data/BILLING_PERIOD=2025-01/<export>-00001.snappy.parquet``
* ``azure_1_0``          Microsoft Cost Management FocusCost 1.0 export, gzipped CSV, dates as
  ``2025-01-01T00:00Z`` (no seconds, as before the 1.0r2 release), Tags as JSON text.
  ``<out>/focus_export/azure_1_0/<export>/20250101-20250131/<run-id>/part_0_0001.csv.gz``
* ``azure_1_2_preview``  Microsoft Cost Management FocusCost 1.2-preview export, plain CSV.
  ``<out>/focus_export/azure_1_2_preview/<export>/20250101-20250131/<run-id>/part_0_0001.csv``
* ``gcp``                Google Cloud's FOCUS (1.0) BigQuery export/view saved as Parquet, Tags as
  an array of {key, value} structs (BigQuery's label form).
  ``<out>/focus_export/gcp/gcp_billing_export_focus_<account>/BILLING_PERIOD=2025-01/<...>.parquet``

Each shape writes the same kinds of charges its provider documents (on-demand and committed usage,
unused commitment, commitment fees, marketplace, credits, tax or corrections) and carries the
conformance gaps its provider documents, on fixed rows, so the project's repairs are exercised:
see ``GAPS`` and docs/FOCUS_EXPORTS.md. Amounts come from ``random.Random(seed)`` and are held as
``Decimal`` with 10 decimal places (FOCUS money), so totals are exact.

Usage:
    python scripts/generate_focus_export.py --out data/generated
    python scripts/generate_focus_export.py --shapes aws_1_0,gcp --rows 2000 --seed 7 --out /tmp/x

Nothing runs on import; ``main(argv)`` returns 0 on success and 2 on bad arguments.
"""

from __future__ import annotations

import argparse
import gzip
import json
import logging
import random
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import ROUND_HALF_EVEN, Decimal
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

SCRIPTS_DIR = Path(__file__).resolve().parent
if str(SCRIPTS_DIR) not in sys.path:  # focus_rows.py, the shared FOCUS row helpers
    sys.path.insert(0, str(SCRIPTS_DIR))
from focus_rows import FOCUS_1_0_COLUMNS, csv_text, decimal_text, next_month  # noqa: E402

LOG = logging.getLogger("generate_focus_export")

SHAPES = ("aws_1_0", "aws_1_2", "azure_1_0", "azure_1_2_preview", "gcp")
TEN_PLACES = Decimal("0.0000000001")

# FOCUS columns of each version, in the order the providers write them (alphabetical).
FOCUS_1_0 = list(FOCUS_1_0_COLUMNS)
FOCUS_1_2_NEW = [
    "BillingAccountType",
    "CapacityReservationId",
    "CapacityReservationStatus",
    "CommitmentDiscountQuantity",
    "CommitmentDiscountUnit",
    "InvoiceId",
    "PricingCurrency",
    "PricingCurrencyContractedUnitPrice",
    "PricingCurrencyEffectiveCost",
    "PricingCurrencyListUnitPrice",
    "ServiceSubcategory",
    "SkuMeter",
    "SkuPriceDetails",
    "SubAccountType",
]
FOCUS_1_2 = sorted(FOCUS_1_0 + FOCUS_1_2_NEW)

# Provider x_ columns of each shape (their documented names).
AWS_1_0_X = ["x_CostCategories", "x_Discounts", "x_Operation", "x_ServiceCode", "x_UsageType"]
AWS_1_2_X = ["x_Discounts", "x_Operation", "x_ServiceCode"]
AZURE_X = [
    "x_AccountName",
    "x_BilledCostInUsd",
    "x_BillingAccountId",
    "x_BillingExchangeRate",
    "x_BillingProfileId",
    "x_EffectiveCostInUsd",
    "x_InvoiceId",
    "x_PricingBlockSize",
    "x_PricingCurrency",
    "x_PublisherCategory",
    "x_ResourceGroupName",
    "x_SkuDescription",
    "x_SkuMeterCategory",
    "x_SkuMeterId",
    "x_SkuMeterName",
    "x_SkuMeterSubcategory",
]
# 1.2-preview: InvoiceId and PricingCurrency became FOCUS columns.
AZURE_1_2_X = [c for c in AZURE_X if c not in ("x_InvoiceId", "x_PricingCurrency")]
GCP_X = ["x_CostType", "x_ExportTime", "x_Location", "x_ServiceId"]

MONEY = {
    "BilledCost",
    "ContractedCost",
    "ContractedUnitPrice",
    "EffectiveCost",
    "ListCost",
    "ListUnitPrice",
    "PricingQuantity",
    "ConsumedQuantity",
    "CommitmentDiscountQuantity",
    "PricingCurrencyContractedUnitPrice",
    "PricingCurrencyEffectiveCost",
    "PricingCurrencyListUnitPrice",
    "x_BilledCostInUsd",
    "x_EffectiveCostInUsd",
    "x_BillingExchangeRate",
    "x_PricingBlockSize",
}
TIMESTAMPS = {"BillingPeriodStart", "BillingPeriodEnd", "ChargePeriodStart", "ChargePeriodEnd"}

# The conformance gaps each shape carries in the generated data, by template: (column, value).
# Each one is a gap the provider documents (sources in docs/FOCUS_EXPORTS.md).
GAPS = {
    "aws_1_0": {
        "marketplace": [("InvoiceIssuerName", None)],
        "storage": [("SkuPriceId", None)],
        "unused_commitment": [("CommitmentDiscountStatus", None)],
        "covered_usage": [("ListCost", None)],
        "tax": [("PublisherName", None)],
    },
    "aws_1_2": {
        "marketplace": [("InvoiceIssuerName", None)],
        "storage": [("SkuPriceId", None)],
        "compute": [("ListUnitPrice", None)],
    },
    "azure_1_0": {
        "covered_usage": [("PublisherName", None)],
        "commitment_fee": [("PublisherName", None), ("ServiceName", None)],
        "unused_commitment": [("SkuId", None), ("ChargeDescription", None)],
        "marketplace": [("SkuPriceId", "-2")],
        "credit": [
            ("SubAccountId", None),
            ("SubAccountName", "Unassigned"),
            ("SubAccountType", None),
            ("ServiceName", None),
        ],
    },
    "azure_1_2_preview": {
        "covered_usage": [("CommitmentDiscountStatus", None), ("PublisherName", None)],
        "unused_commitment": [("CommitmentDiscountStatus", None)],
        "marketplace": [("SkuPriceId", "-2")],
    },
    "gcp": {
        "covered_usage": [("CommitmentDiscountStatus", None)],
    },
}


@dataclass(frozen=True)
class Template:
    """One kind of charge, with the provider's names for it."""

    kind: str
    charge_category: str
    charge_frequency: str
    service_name: str
    service_category: str
    service_subcategory: str
    sku: str
    meter: str
    pricing_unit: str | None
    unit_price: Decimal  # list unit price
    discount: Decimal  # contracted = list * (1 - discount)
    publisher: str
    description: str
    resource: str | None = None
    commitment: str | None = None
    region: str | None = None


def _templates(provider: str) -> list[Template]:
    d = Decimal
    if provider == "aws":
        sp = "arn:aws:savingsplans::111122223333:savingsplan/3f1c6a2e-5b7d-4e59-9c1a-0d9e8f7a6b5c"
        return [
            Template(
                "compute",
                "Usage",
                "Usage-Based",
                "Amazon Elastic Compute Cloud",
                "Compute",
                "Virtual Machines",
                "AMZN-EC2-M5L",
                "USE1-BoxUsage:m5.large",
                "Hrs",
                d("0.096"),
                d("0"),
                "AWS",
                "$0.096 per On Demand Linux m5.large Instance Hour",
                "i-0a1b2c3d4e5f60718",
                region="us-east-1",
            ),
            Template(
                "storage",
                "Usage",
                "Usage-Based",
                "Amazon Simple Storage Service",
                "Storage",
                "Object Storage",
                "AMZN-S3-STD",
                "USE1-TimedStorage-ByteHrs",
                "GB-Mo",
                d("0.023"),
                d("0"),
                "AWS",
                "$0.023 per GB - first 50 TB / month",
                "acme-data-lake",
                region="us-east-1",
            ),
            Template(
                "covered_usage",
                "Usage",
                "Usage-Based",
                "Amazon Elastic Compute Cloud",
                "Compute",
                "Virtual Machines",
                "AMZN-EC2-C6G",
                "USE1-BoxUsage:c6g.xlarge",
                "Hrs",
                d("0.136"),
                d("0"),
                "AWS",
                "Savings Plan covered usage c6g.xlarge",
                "i-0f9e8d7c6b5a40312",
                sp,
                "us-east-1",
            ),
            Template(
                "unused_commitment",
                "Usage",
                "Usage-Based",
                "Savings Plans for AWS Compute usage",
                "Compute",
                "Other (Compute)",
                "AMZN-SP-COMPUTE",
                "ComputeSP:1yrNoUpfront",
                "Hrs",
                d("1"),
                d("0"),
                "AWS",
                "Unused Savings Plan commitment",
                sp,
                sp,
            ),
            Template(
                "commitment_fee",
                "Purchase",
                "Recurring",
                "Savings Plans for AWS Compute usage",
                "Compute",
                "Other (Compute)",
                "AMZN-SP-COMPUTE",
                "ComputeSP:1yrNoUpfront",
                "Hrs",
                d("1"),
                d("0"),
                "AWS",
                "1 year No Upfront Compute Savings Plan",
                sp,
                sp,
            ),
            Template(
                "marketplace",
                "Usage",
                "Usage-Based",
                "Acme Observability Pro",
                "Management and Governance",
                "Other (Management and Governance)",
                "MKT-ACME-OBS",
                "MP:Hosts",
                "Hosts",
                d("0.75"),
                d("0"),
                "Acme Observability Inc",
                "Acme Observability Pro per host hour",
                None,
            ),
            Template(
                "credit",
                "Credit",
                "One-Time",
                "Amazon Elastic Compute Cloud",
                "Compute",
                "Virtual Machines",
                "",
                "",
                None,
                d("0"),
                d("0"),
                "AWS",
                "AWS Promotional credit",
                None,
            ),
            Template(
                "tax",
                "Tax",
                "Recurring",
                "Amazon Elastic Compute Cloud",
                "Compute",
                "Virtual Machines",
                "",
                "",
                None,
                d("0"),
                d("0"),
                "AWS",
                "Tax for product code AmazonEC2",
                None,
            ),
        ]
    if provider == "azure":
        ri = ("/providers/microsoft.capacity/reservationorders/5d1a9c2e-0b7f-4e3a-9d6c-1f2e3d4c5b6a"
              "/reservations/8a7b6c5d-4e3f-4a1b-9c8d-7e6f5a4b3c2d")  # fmt: skip
        rg = "/subscriptions/00000000-0000-0000-0000-0000000000a1/resourcegroups/rg-web/providers"
        return [
            Template(
                "compute",
                "Usage",
                "Usage-Based",
                "Virtual Machines",
                "Compute",
                "Virtual Machines",
                "DZH318Z0BQ4L",
                "D4s v5",
                "1 Hour",
                d("0.192"),
                d("0.1"),
                "Microsoft",
                "D4s v5 - Linux, 1 Hour",
                rg + "/microsoft.compute/virtualmachines/vm-web-01",
                region="eastus",
            ),
            Template(
                "storage",
                "Usage",
                "Usage-Based",
                "Storage Accounts",
                "Storage",
                "Object Storage",
                "DZH318Z0BNVX",
                "Hot LRS Data Stored",
                "1 GB/Month",
                d("0.0184"),
                d("0.1"),
                "Microsoft",
                "Hot LRS Data Stored, 1 GB/Month",
                rg + "/microsoft.storage/storageaccounts/stacmeweb",
                region="eastus",
            ),
            Template(
                "covered_usage",
                "Usage",
                "Usage-Based",
                "Virtual Machines",
                "Compute",
                "Virtual Machines",
                "DZH318Z0BQ4M",
                "D8s v5",
                "1 Hour",
                d("0.384"),
                d("0"),
                "Microsoft",
                "D8s v5 - Linux, reservation usage",
                rg + "/microsoft.compute/virtualmachines/vm-api-01",
                ri,
                "eastus",
            ),
            Template(
                "unused_commitment",
                "Usage",
                "Usage-Based",
                "Virtual Machines",
                "Compute",
                "Virtual Machines",
                "DZH318Z0BQ4M",
                "D8s v5",
                "1 Hour",
                d("0.384"),
                d("0"),
                "Microsoft",
                "D8s v5 - unused reservation",
                ri,
                ri,
                "eastus",
            ),
            Template(
                "commitment_fee",
                "Purchase",
                "Recurring",
                "Virtual Machines",
                "Compute",
                "Virtual Machines",
                "DZH318Z0BQ4M",
                "D8s v5",
                "1 Hour",
                d("0.25"),
                d("0"),
                "Microsoft",
                "Reserved VM Instance, D8s v5, 1 Year",
                ri,
                ri,
            ),
            Template(
                "marketplace",
                "Usage",
                "Usage-Based",
                "Contoso Firewall",
                "Networking",
                "Other (Networking)",
                "contoso-fw-byol",
                "Firewall vCPU",
                "1 Hour",
                d("0.5"),
                d("0"),
                "Contoso Ltd",
                "Contoso Firewall vCPU hour",
                rg + "/microsoft.compute/virtualmachines/fw-01",
                region="eastus",
            ),
            Template(
                "credit",
                "Credit",
                "One-Time",
                "Azure Credit",
                "Other",
                "Other (Other)",
                "",
                "",
                None,
                d("0"),
                d("0"),
                "Microsoft",
                "Azure credit applied",
                None,
            ),
            Template(
                "correction",
                "Usage",
                "Usage-Based",
                "Virtual Machines",
                "Compute",
                "Virtual Machines",
                "DZH318Z0BQ4L",
                "D4s v5",
                "1 Hour",
                d("0.192"),
                d("0.1"),
                "Microsoft",
                "D4s v5 - Linux, 1 Hour (rerated)",
                rg + "/microsoft.compute/virtualmachines/vm-web-01",
                region="eastus",
            ),
        ]
    cud = "projects/acme-prod/regions/us-central1/commitments/cud-n2-1y"
    return [
        Template(
            "compute",
            "Usage",
            "Usage-Based",
            "Compute Engine",
            "Compute",
            "Virtual Machines",
            "6E9A-8D2B-1F3C",
            "N2 Instance Core running in Americas",
            "hour",
            d("0.031611"),
            d("0"),
            "Google",
            "N2 Instance Core running in Americas",
            "//compute.googleapis.com/projects/acme-prod/zones/us-central1-a/instances/web-1",
            region="us-central1",
        ),
        Template(
            "storage",
            "Usage",
            "Usage-Based",
            "Cloud Storage",
            "Storage",
            "Object Storage",
            "E5F0-6A5D-7BAD",
            "Standard Storage US Multi-region",
            "gibibyte month",
            d("0.026"),
            d("0"),
            "Google",
            "Standard Storage US Multi-region",
            "//storage.googleapis.com/projects/_/buckets/acme-logs",
            region="us",
        ),
        Template(
            "covered_usage",
            "Usage",
            "Usage-Based",
            "Compute Engine",
            "Compute",
            "Virtual Machines",
            "6E9A-8D2B-1F3D",
            "N2 Instance Core (commitment covered)",
            "hour",
            d("0.031611"),
            d("0"),
            "Google",
            "N2 Instance Core, committed use",
            "//compute.googleapis.com/projects/acme-prod/zones/us-central1-a/instances/api-1",
            cud,
            "us-central1",
        ),
        Template(
            "commitment_fee",
            "Purchase",
            "Recurring",
            "Compute Engine",
            "Compute",
            "Virtual Machines",
            "7B1C-2D3E-4F50",
            "Commitment v1: N2 Cpu in Americas for 1 Year",
            "hour",
            d("0.019915"),
            d("0"),
            "Google",
            "Commitment v1: N2 Cpu for 1 Year",
            cud,
            cud,
            "us-central1",
        ),
        Template(
            "analytics",
            "Usage",
            "Usage-Based",
            "BigQuery",
            "Databases",
            "Data Warehouses",
            "3362-E469-6BEF",
            "Analysis",
            "tebibyte",
            d("6.25"),
            d("0"),
            "Google",
            "Analysis (on-demand)",
            None,
            region="us",
        ),
        Template(
            "network",
            "Usage",
            "Usage-Based",
            "Networking",
            "Networking",
            "Network Connectivity",
            "9DE9-9092-B3BC",
            "Network Internet Egress",
            "gibibyte",
            d("0.12"),
            d("0"),
            "Google",
            "Network Internet Egress from Americas",
            None,
            region="us-central1",
        ),
        Template(
            "credit",
            "Credit",
            "One-Time",
            "Compute Engine",
            "Compute",
            "Virtual Machines",
            "",
            "",
            None,
            d("0"),
            d("0"),
            "Google",
            "Free trial promotion credit",
            None,
        ),
        Template(
            "tax",
            "Tax",
            "Recurring",
            "Compute Engine",
            "Compute",
            "Virtual Machines",
            "",
            "",
            None,
            d("0"),
            d("0"),
            "Google",
            "Sales tax",
            None,
        ),
    ]


# One billing account per shape: a real account delivers one of its provider's exports, since
# reading two exports of the same account double counts (docs/FOCUS_EXPORTS.md).
ACCOUNTS = {
    "aws_1_0": ("111122223333", "Acme Payer", "444455556666", "acme-prod"),
    "aws_1_2": ("777788889999", "Globex Payer", "222233334444", "globex-prod"),
    "azure_1_0": (
        "98765432",
        "Acme Enrollment",
        "00000000-0000-0000-0000-0000000000a1",
        "acme-prod-sub",
    ),
    "azure_1_2_preview": (
        "12345678:87654321_2019-05-31",
        "Globex MCA",
        "00000000-0000-0000-0000-0000000000b2",
        "globex-prod-sub",
    ),
    "gcp": ("010101-F0FFF0-61C528", "Acme Billing", "acme-prod", "Acme Production"),
}
PROVIDER_NAME = {"aws": "AWS", "azure": "Microsoft", "gcp": "Google Cloud"}
ISSUER = {"aws": "AWS", "azure": "Microsoft", "gcp": "Google Cloud"}
TAG_SETS = [{"team": "web", "env": "prod"}, {"team": "data"}, {}]


def _resource_type(provider: str, template: Template) -> str | None:
    """The provider's kind of resource: its commitment for commitment rows, else by service."""
    if template.resource is None:
        return None
    if template.resource == template.commitment:
        return {"aws": "Savings Plan", "azure": "Reservation", "gcp": "Commitment"}[provider]
    if template.kind == "storage":
        return {"aws": "Bucket", "azure": "Storage Account", "gcp": "Bucket"}[provider]
    return "Virtual Machine"


def _money(value: Decimal) -> Decimal:
    return value.quantize(TEN_PLACES, rounding=ROUND_HALF_EVEN)


def _month_starts(months: Sequence[str]) -> list[datetime]:
    return [datetime.strptime(month, "%Y-%m") for month in months]


def shape_provider(shape: str) -> str:
    return shape.split("_")[0]


def canonical_rows(shape: str, rows: int, months: Sequence[str], seed: int) -> list[dict]:
    """FOCUS 1.2 values (PascalCase keys) of `rows` charges spread evenly over `months`."""
    provider = shape_provider(shape)
    rng = random.Random(f"{seed}:{shape}")
    templates = _templates(provider)
    billing_id, billing_name, sub_id, sub_name = ACCOUNTS[shape]
    starts = _month_starts(months)
    result = []
    for index in range(rows):
        template = templates[index % len(templates)]
        period_start = starts[(index // len(templates)) % len(starts)]
        period_end = next_month(period_start)
        day = rng.randrange(0, (period_end - period_start).days)
        charge_start = period_start + timedelta(days=day)
        charge_end = charge_start + timedelta(days=1)
        if template.kind == "correction":
            # A re-rating of last month's usage, billed this month: negative, ChargeClass set.
            charge_start = charge_start - timedelta(days=31)
            charge_end = charge_start + timedelta(days=1)
        quantity = _money(Decimal(rng.randrange(1, 2400)) / Decimal(10))
        list_price = template.unit_price
        contracted_price = _money(list_price * (1 - template.discount))
        list_cost = _money(quantity * list_price)
        contracted_cost = _money(quantity * contracted_price)
        billed = contracted_cost
        effective = contracted_cost
        status = None
        cd_quantity = None
        kind = template.kind
        if kind == "covered_usage":
            billed = Decimal(0)
            effective = _money(contracted_cost * Decimal("0.72"))
            status = "Used"
        elif kind == "unused_commitment":
            billed = Decimal(0)
            effective = _money(contracted_cost * Decimal("0.72"))
            status = "Unused"
        elif kind == "commitment_fee":
            effective = Decimal(0)
        elif kind in ("credit", "tax"):
            # FOCUS: a credit's or tax's Effective, List and Contracted costs equal its BilledCost.
            amount = _money(Decimal(rng.randrange(100, 5000)) / Decimal(100))
            billed = -amount if kind == "credit" else amount
            effective = list_cost = contracted_cost = billed
        elif kind == "correction":
            billed = -contracted_cost
            effective = billed
            list_cost = -list_cost
            contracted_cost = -contracted_cost
        priced = template.pricing_unit is not None
        consumed = template.charge_category == "Usage" and kind != "unused_commitment"
        commitment_category = None
        commitment_type = None
        commitment_unit = None
        if template.commitment:
            if provider == "aws":
                commitment_category, commitment_type = "Spend", "Savings Plan"
                commitment_unit = "USD"
                cd_quantity = abs(billed if kind == "commitment_fee" else effective)
            else:
                commitment_category = "Usage"
                commitment_type = "Reservation" if provider == "azure" else "Committed Use Discount"
                commitment_unit = "Hours"
                cd_quantity = quantity
        tags = TAG_SETS[index % len(TAG_SETS)] if template.resource else {}
        row = {
            "AvailabilityZone": (template.region + "a")
            if provider == "aws" and template.kind == "compute"
            else None,
            "BilledCost": billed,
            "BillingAccountId": billing_id,
            "BillingAccountName": billing_name,
            "BillingAccountType": {
                "aws": "Payer Account",
                "azure": "Billing Account",
                "gcp": "Billing Account",
            }[provider],  # fmt: skip
            "BillingCurrency": "USD",
            "BillingPeriodEnd": period_end,
            "BillingPeriodStart": period_start,
            "CapacityReservationId": None,
            "CapacityReservationStatus": None,
            "ChargeCategory": template.charge_category,
            "ChargeClass": "Correction" if kind == "correction" else None,
            "ChargeDescription": template.description,
            "ChargeFrequency": template.charge_frequency,
            "ChargePeriodEnd": charge_end,
            "ChargePeriodStart": charge_start,
            "CommitmentDiscountCategory": commitment_category,
            "CommitmentDiscountId": template.commitment,
            "CommitmentDiscountName": template.commitment.rsplit("/", 1)[-1]
            if template.commitment
            else None,
            "CommitmentDiscountQuantity": cd_quantity,
            "CommitmentDiscountStatus": status,
            "CommitmentDiscountType": commitment_type,
            "CommitmentDiscountUnit": commitment_unit,
            # FOCUS: consumption only on usage that was used (not on unused commitment rows).
            "ConsumedQuantity": quantity if consumed else None,
            "ConsumedUnit": template.pricing_unit if consumed else None,
            "ContractedCost": contracted_cost,
            "ContractedUnitPrice": contracted_price if priced else None,
            "EffectiveCost": effective,
            "InvoiceId": f"INV-{provider.upper()}-{period_start:%Y%m}",
            "InvoiceIssuerName": ISSUER[provider],
            "ListCost": list_cost,
            "ListUnitPrice": list_price if priced else None,
            # FOCUS: a commitment's own purchase is Standard; usage it covers is Committed.
            "PricingCategory": (
                "Committed"
                if template.commitment and template.charge_category == "Usage"
                else "Standard"
            )
            if priced
            else None,
            "PricingCurrency": "USD",
            "PricingCurrencyContractedUnitPrice": contracted_price if priced else None,
            "PricingCurrencyEffectiveCost": effective,
            "PricingCurrencyListUnitPrice": list_price if priced else None,
            "PricingQuantity": quantity if priced else None,
            "PricingUnit": template.pricing_unit,
            "ProviderName": PROVIDER_NAME[provider],
            "PublisherName": template.publisher,
            "RegionId": template.region,
            "RegionName": template.region
            and {
                "us-east-1": "US East (N. Virginia)",
                "eastus": "East US",
                "us-central1": "Iowa",
                "us": "United States multi-region",
            }[template.region],  # fmt: skip
            "ResourceId": template.resource,
            "ResourceName": template.resource.rsplit("/", 1)[-1] if template.resource else None,
            "ResourceType": _resource_type(provider, template),
            "ServiceCategory": template.service_category,
            "ServiceName": template.service_name,
            "ServiceSubcategory": template.service_subcategory,
            "SkuId": template.sku or None,
            "SkuMeter": template.meter or None,
            "SkuPriceDetails": None,
            "SkuPriceId": f"{template.sku}:{template.pricing_unit}" if priced else None,
            "SubAccountId": sub_id,
            "SubAccountName": sub_name,
            "SubAccountType": {"aws": "Linked Account", "azure": "Subscription", "gcp": "Project"}[
                provider
            ],  # fmt: skip
            "Tags": tags,
            # provider extras
            "_kind": kind,
            "_template": template,
        }
        for column, value in GAPS.get(shape, {}).get(kind, []):
            row[column] = value
        result.append(row)
    return result


def _iso(value: datetime | None, seconds: bool = True) -> str:
    if value is None:
        return ""
    return value.strftime("%Y-%m-%dT%H:%M:%SZ" if seconds else "%Y-%m-%dT%H:%MZ")


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return decimal_text(value)
    if isinstance(value, dict):
        return json.dumps(value, sort_keys=True) if value else ""
    return str(value)


def aws_record(row: dict, shape: str) -> dict:
    t = row["_template"]
    columns = FOCUS_1_0 if shape == "aws_1_0" else FOCUS_1_2
    record = {column: row[column] for column in columns}
    record["Tags"] = {f"user:{key}": value for key, value in row["Tags"].items()}
    record["x_Discounts"] = {"bundled_discount": 0.0} if t.kind == "compute" else {}
    record["x_Operation"] = {"compute": "RunInstances", "covered_usage": "RunInstances",
                             "storage": "StandardStorage"}.get(t.kind, "")  # fmt: skip
    service_codes = {
        "storage": "AmazonS3",
        "marketplace": "acmeobs1",
        "unused_commitment": "ComputeSavingsPlans",
        "commitment_fee": "ComputeSavingsPlans",
    }
    record["x_ServiceCode"] = service_codes.get(t.kind, "AmazonEC2")
    if shape == "aws_1_0":
        record["x_CostCategories"] = {"BusinessUnit": "Retail"} if t.resource else {}
        record["x_UsageType"] = t.meter or ""
    return record


def aws_table(records: list[dict], shape: str) -> pa.Table:
    columns = (FOCUS_1_0 + AWS_1_0_X) if shape == "aws_1_0" else (FOCUS_1_2 + AWS_1_2_X)
    fields = []
    arrays = []
    for column in columns:
        values = [record[column] for record in records]
        if column in TIMESTAMPS:
            kind = pa.timestamp("ms")
        elif column in MONEY:
            kind = pa.float64()
            values = [None if v is None else float(v) for v in values]
        elif column in ("Tags", "x_CostCategories"):
            kind = pa.map_(pa.string(), pa.string())
            values = [sorted(v.items()) for v in values]
        elif column == "x_Discounts":
            kind = pa.map_(pa.string(), pa.float64())
            values = [sorted(v.items()) for v in values]
        else:
            kind = pa.string()
        fields.append(pa.field(column, kind))
        arrays.append(pa.array(values, type=kind))
    return pa.Table.from_arrays(arrays, schema=pa.schema(fields))


def azure_record(row: dict, shape: str) -> dict:
    t = row["_template"]
    is_preview = shape == "azure_1_2_preview"
    columns = FOCUS_1_2 if is_preview else [*FOCUS_1_0, "BillingAccountType", "SubAccountType"]
    # Cost Management leaves AvailabilityZone out (conformance summary: not in cost datasets).
    columns = [c for c in columns if c != "AvailabilityZone"]
    record = {}
    for column in sorted(columns):
        value = row[column]
        if column in TIMESTAMPS:
            value = _iso(value, seconds=is_preview)
        record[column] = _text(value)
    if is_preview:
        # 1.2-preview: capacity reservation and commitment quantity/unit/status are not yet filled.
        for column in ("CommitmentDiscountQuantity", "CommitmentDiscountUnit"):
            record[column] = ""
    extras = {
        "x_AccountName": "Acme IT",
        "x_BilledCostInUsd": _text(row["BilledCost"]),
        "x_BillingAccountId": row["BillingAccountId"],
        "x_BillingExchangeRate": "1",
        "x_BillingProfileId": row["BillingAccountId"],
        "x_EffectiveCostInUsd": _text(row["EffectiveCost"]),
        "x_InvoiceId": row["InvoiceId"],
        "x_PricingBlockSize": "1",
        "x_PricingCurrency": "USD",
        "x_PublisherCategory": "Vendor" if t.kind == "marketplace" else "Microsoft",
        "x_ResourceGroupName": "rg-web" if t.resource and "resourcegroups" in t.resource else "",
        "x_SkuDescription": t.description,
        "x_SkuMeterCategory": "Virtual Machines"
        if t.service_category == "Compute"
        else t.service_name,
        "x_SkuMeterId": f"{t.sku}-meter" if t.sku else "",
        "x_SkuMeterName": t.meter,
        "x_SkuMeterSubcategory": {"credit": "Azure Credit", "commitment_fee": "Reservation"}.get(
            t.kind, t.service_name
        ),
    }
    for column in AZURE_1_2_X if is_preview else AZURE_X:
        record[column] = extras[column]
    return record


def gcp_record(row: dict) -> dict:
    t = row["_template"]
    record = {column: row[column] for column in FOCUS_1_0}
    record["Tags"] = [{"key": key, "value": value} for key, value in sorted(row["Tags"].items())]
    record["x_CostType"] = {"credit": "credit", "tax": "tax"}.get(t.kind, "regular")
    record["x_ExportTime"] = row["ChargePeriodEnd"] + timedelta(hours=6)
    record["x_Location"] = t.region or "global"
    record["x_ServiceId"] = {
        "Compute Engine": "6F81-5844-456A",
        "Cloud Storage": "95FF-2EF5-5EA1",
        "BigQuery": "24E6-581D-38E5",
        "Networking": "E505-1604-58F8",
    }[t.service_name]
    return record


def gcp_table(records: list[dict]) -> pa.Table:
    fields = []
    arrays = []
    for column in FOCUS_1_0 + GCP_X:
        values = [record[column] for record in records]
        if column in TIMESTAMPS or column == "x_ExportTime":
            kind = pa.timestamp("us", tz="UTC")
        elif column in MONEY:
            kind = pa.float64()
            values = [None if v is None else float(v) for v in values]
        elif column == "Tags":
            kind = pa.list_(pa.struct([("key", pa.string()), ("value", pa.string())]))
        else:
            kind = pa.string()
        fields.append(pa.field(column, kind))
        arrays.append(pa.array(values, type=kind))
    return pa.Table.from_arrays(arrays, schema=pa.schema(fields))


def _by_period(rows: list[dict]) -> dict[datetime, list[dict]]:
    periods: dict[datetime, list[dict]] = {}
    for row in rows:
        periods.setdefault(row["BillingPeriodStart"], []).append(row)
    return periods


def write_shape(shape: str, rows: list[dict], out: Path) -> list[Path]:
    """Write one shape's rows as the provider lays its files out; returns the files written."""
    provider = shape_provider(shape)
    written = []
    for period_start, period_rows in sorted(_by_period(rows).items()):
        period_end = next_month(period_start) - timedelta(days=1)
        if provider == "aws":
            export = "acme-focus-1-0" if shape == "aws_1_0" else "acme-focus-1-2"
            folder = out / "focus_export" / shape / export / "data"
            path = (
                folder / f"BILLING_PERIOD={period_start:%Y-%m}" / f"{export}-00001.snappy.parquet"
            )
            path.parent.mkdir(parents=True, exist_ok=True)
            table = aws_table([aws_record(row, shape) for row in period_rows], shape)
            pq.write_table(table, path, compression="snappy")
        elif provider == "azure":
            records = [azure_record(row, shape) for row in period_rows]
            run_id = f"0a1b2c3d-{period_start:%Y%m}-4e5f-8a9b-{shape.count('_'):012d}"
            folder = (
                out / "focus_export" / shape / "acme-focus-daily"
                / f"{period_start:%Y%m%d}-{period_end:%Y%m%d}" / run_id
            )  # fmt: skip
            folder.mkdir(parents=True, exist_ok=True)
            text = csv_text(records, list(records[0]), line_terminator="\r\n")
            if shape == "azure_1_0":
                path = folder / "part_0_0001.csv.gz"
                with gzip.GzipFile(path, "wb", mtime=0) as handle:
                    handle.write(text.encode("utf-8"))
            else:
                path = folder / "part_0_0001.csv"
                path.write_text(text, encoding="utf-8", newline="")
        else:
            table_name = "gcp_billing_export_focus_010101_F0FFF0_61C528"
            path = (
                out / "focus_export" / "gcp" / table_name
                / f"BILLING_PERIOD={period_start:%Y-%m}" / f"{table_name}-000000000000.parquet"
            )  # fmt: skip
            path.parent.mkdir(parents=True, exist_ok=True)
            pq.write_table(gcp_table([gcp_record(row) for row in period_rows]), path)
        written.append(path)
    return written


def totals_by_period(rows: list[dict]) -> dict[str, Decimal]:
    """Σ BilledCost per billing period ('YYYY-MM'), as delivered in the file."""
    totals: dict[str, Decimal] = {}
    for row in rows:
        key = f"{row['BillingPeriodStart']:%Y-%m}"
        totals[key] = totals.get(key, Decimal(0)) + row["BilledCost"]
    return totals


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shapes", default=",".join(SHAPES), help="comma-separated shapes")
    parser.add_argument("--rows", type=int, default=2000, help="rows per shape (all months)")
    parser.add_argument("--months", default="2025-01,2025-02", help="billing months, YYYY-MM")
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--out", type=Path, default=Path("data/generated"))
    parser.add_argument("--log-level", default="INFO")
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    try:
        args = parse_args(argv)
    except SystemExit as exit_:
        return 0 if exit_.code == 0 else 2
    logging.basicConfig(level=args.log_level, format="%(levelname)s %(message)s")
    shapes = [shape.strip() for shape in args.shapes.split(",") if shape.strip()]
    unknown = [shape for shape in shapes if shape not in SHAPES]
    months = [month.strip() for month in args.months.split(",") if month.strip()]
    if unknown or args.rows < 1 or not months:
        LOG.error("bad arguments: shapes must be among %s, rows >= 1, months YYYY-MM", SHAPES)
        return 2
    try:
        _month_starts(months)
    except ValueError:
        LOG.error("bad --months %r: expected YYYY-MM,YYYY-MM", args.months)
        return 2
    for shape in shapes:
        rows = canonical_rows(shape, args.rows, months, args.seed)
        files = write_shape(shape, rows, args.out)
        totals = ", ".join(f"{k} {v:.2f}" for k, v in sorted(totals_by_period(rows).items()))
        LOG.info("%s: %d rows in %d files; BilledCost %s", shape, len(rows), len(files), totals)
    return 0


if __name__ == "__main__":
    sys.exit(main())
