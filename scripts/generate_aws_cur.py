"""Generate realistic AWS billing exports in the three shapes AWS delivers them.

Shapes (one export or report per payer account, one file per billing month):

* ``cur2``            AWS Data Exports, CUR 2.0, Parquet:
  ``<out>/aws/cur2/<export>/data/BILLING_PERIOD=2025-01/<export>-00001.snappy.parquet``
  plus ``<out>/aws/cur2/<export>/metadata/BILLING_PERIOD=2025-01/<export>-Manifest.json``.
* ``legacy_csv``      Legacy Cost and Usage Report, gzipped CSV:
  ``<out>/aws/cur_legacy_csv/<report>/20250101-20250201/<report>-00001.csv.gz``
  plus ``<report>-Manifest.json`` beside it.
* ``legacy_parquet``  Legacy Cost and Usage Report with the Athena integration, Parquet:
  ``<out>/aws/cur_legacy_parquet/<report>/<report>/year=2025/month=1/<report>-00001.snappy.parquet``.

Every shape carries the same logical line items: the generator builds one canonical batch of rows
and each writer only renames, retypes and nests the columns the way that shape does.

Money and quantities are held as integers of 1e-10 (``SCALE``) until they are written, so that
``unblended_cost = usage_amount * unblended_rate`` holds exactly at ten decimal places.

Usage:
    python scripts/generate_aws_cur.py --rows 1000000 --out data/generated
    python scripts/generate_aws_cur.py --rows 20000 --months 2025-01,2025-02 --shapes cur2
    python scripts/generate_aws_cur.py \
        --fixture data/fixtures/aws/line_items.csv --out data/fixtures

Nothing runs on import; ``main(argv)`` returns 0 on success and 2 on bad arguments.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import hashlib
import json
import logging
import re
import shutil
import sys
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from decimal import Decimal
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv
import pyarrow.parquet as pq

LOG = logging.getLogger("generate_aws_cur")

SCALE = 10**10  # money and quantities are integers of 1e-10
NA = np.iinfo(np.int64).min  # "no value" marker for rate and count columns
SHAPES = ("cur2", "legacy_csv", "legacy_parquet")
SHAPE_DIRS = {
    "cur2": "cur2",
    "legacy_csv": "cur_legacy_csv",
    "legacy_parquet": "cur_legacy_parquet",
}
WRITE_CHUNK_ROWS = 131_072
INVOICING_ENTITY = "Amazon Web Services, Inc."
MARKETPLACE_ENTITY = "AWS Marketplace"
AWS_ENTITY = "AWS"
ON_DEMAND_TERM_CODE = "JRTCKXETXF"
ON_DEMAND_HOURLY_DIMENSION = "6YS6EN2CT7"
RESERVED_TERM_CODE = "HU7G6KETJZ"  # 1yr standard partial upfront
RESERVED_UPFRONT_DIMENSION = "2TG2D8R56U"

# --------------------------------------------------------------------------------------------
# Line item and bill types
# --------------------------------------------------------------------------------------------

LINE_ITEM_TYPES = (
    "Usage",
    "DiscountedUsage",
    "RIFee",
    "Fee",
    "SavingsPlanCoveredUsage",
    "SavingsPlanNegation",
    "SavingsPlanRecurringFee",
    "SavingsPlanUpfrontFee",
    "Tax",
    "Credit",
    "Refund",
    "EdpDiscount",
    "PrivateRateDiscount",
    "BundledDiscount",
)
LIT = {name: code for code, name in enumerate(LINE_ITEM_TYPES)}
DISCOUNT_TYPES = ("EdpDiscount", "PrivateRateDiscount", "BundledDiscount")
BILL_TYPES = ("Anniversary", "Purchase", "Refund")
BT = {name: code for code, name in enumerate(BILL_TYPES)}

# --------------------------------------------------------------------------------------------
# Column specification
# --------------------------------------------------------------------------------------------
# Kinds: str (string, '' when not applicable), ts (UTC timestamp), money and qty (DOUBLE in
# Parquet, held as int * 1e-10), rate (decimal *string* in Parquet, as the CUR 2.0 data
# dictionary types line_item_*_rate and pricing_public_on_demand_rate), count (integer written as
# a string, as AWS types reservation_number_of_reservations and its siblings).

_TS = {
    "bill_billing_period_start_date",
    "bill_billing_period_end_date",
    "line_item_usage_start_date",
    "line_item_usage_end_date",
}
_RATE = {
    "line_item_unblended_rate",
    "line_item_blended_rate",
    "line_item_net_unblended_rate",
    "pricing_public_on_demand_rate",
}
_COUNT = {
    "reservation_normalized_units_per_reservation",
    "reservation_number_of_reservations",
    "reservation_total_reserved_normalized_units",
    "reservation_total_reserved_units",
    "reservation_units_per_reservation",
}
_QTY = {
    "line_item_usage_amount",
    "line_item_normalization_factor",
    "line_item_normalized_usage_amount",
    "reservation_unused_normalized_unit_quantity",
    "reservation_unused_quantity",
    "savings_plan_savings_plan_rate",
}
_STR_EXCEPTIONS = {
    "reservation_availability_zone",
    "reservation_end_time",
    "reservation_modification_status",
    "reservation_reservation_a_r_n",
    "reservation_start_time",
    "reservation_subscription_id",
    "savings_plan_end_time",
    "savings_plan_instance_type_family",
    "savings_plan_offering_type",
    "savings_plan_payment_option",
    "savings_plan_purchase_term",
    "savings_plan_region",
    "savings_plan_savings_plan_a_r_n",
    "savings_plan_start_time",
}


def column_kind(name: str) -> str:
    """Return the storage kind of a canonical (CUR 2.0 / Athena) column name."""
    if name in _TS:
        return "ts"
    if name in _RATE:
        return "rate"
    if name in _COUNT:
        return "count"
    if name in _QTY:
        return "qty"
    if name in _STR_EXCEPTIONS:
        return "str"
    money_prefixes = ("reservation_", "savings_plan_", "discount_")
    money_names = {
        "line_item_unblended_cost",
        "line_item_blended_cost",
        "line_item_net_unblended_cost",
        "pricing_public_on_demand_cost",
    }
    if name in money_names or name.startswith(money_prefixes):
        return "money"
    return "str"


def athena_column_name(header: str) -> str:
    """Normalise a legacy CUR CSV header the way the Athena integration and CUR 2.0 do.

    ``lineItem/UnblendedCost`` -> ``line_item_unblended_cost``,
    ``savingsPlan/SavingsPlanARN`` -> ``savings_plan_savings_plan_a_r_n``,
    ``resourceTags/user:CostCenter`` -> ``resource_tags_user_cost_center``.
    """
    spaced = re.sub(r"([A-Z])", r"_\1", header).lower()
    snake = re.sub(r"[^a-z0-9]+", "_", spaced)
    return snake.strip("_")


# Legacy CUR CSV headers, in the order the legacy report writes them. The canonical column name
# of each is athena_column_name(header); CUR 2.0 uses the same names (or a map key, see below).
LEGACY_IDENTITY_BILL = [
    "identity/LineItemId",
    "identity/TimeInterval",
    "bill/InvoiceId",
    "bill/InvoicingEntity",
    "bill/BillingEntity",
    "bill/BillType",
    "bill/PayerAccountId",
    "bill/BillingPeriodStartDate",
    "bill/BillingPeriodEndDate",
]
LEGACY_LINE_ITEM = [
    "lineItem/UsageAccountId",
    "lineItem/LineItemType",
    "lineItem/UsageStartDate",
    "lineItem/UsageEndDate",
    "lineItem/ProductCode",
    "lineItem/UsageType",
    "lineItem/Operation",
    "lineItem/AvailabilityZone",
    "lineItem/ResourceId",
    "lineItem/UsageAmount",
    "lineItem/NormalizationFactor",
    "lineItem/NormalizedUsageAmount",
    "lineItem/CurrencyCode",
    "lineItem/UnblendedRate",
    "lineItem/UnblendedCost",
    "lineItem/BlendedRate",
    "lineItem/BlendedCost",
    "lineItem/LineItemDescription",
    "lineItem/TaxType",
    "lineItem/LegalEntity",
    "lineItem/NetUnblendedRate",
    "lineItem/NetUnblendedCost",
]
# Product attributes that CUR 2.0 keeps as fixed product_* columns.
PRODUCT_FIXED = [
    "product/comment",
    "product/feeCode",
    "product/feeDescription",
    "product/fromLocation",
    "product/fromLocationType",
    "product/fromRegionCode",
    "product/instanceFamily",
    "product/instanceType",
    "product/instancesku",
    "product/location",
    "product/locationType",
    "product/operation",
    "product/pricingUnit",
    "product/productFamily",
    "product/regionCode",
    "product/servicecode",
    "product/sku",
    "product/toLocation",
    "product/toLocationType",
    "product/toRegionCode",
    "product/usagetype",
]
# Product attributes that CUR 2.0 moves into the `product` map (key = athena name minus product_).
PRODUCT_MAPPED = [
    "product/ProductName",
    "product/capacitystatus",
    "product/databaseEngine",
    "product/deploymentOption",
    "product/group",
    "product/groupDescription",
    "product/instanceTypeFamily",
    "product/licenseModel",
    "product/marketoption",
    "product/memory",
    "product/operatingSystem",
    "product/physicalProcessor",
    "product/preInstalledSw",
    "product/region",
    "product/servicename",
    "product/storageClass",
    "product/storageMedia",
    "product/tenancy",
    "product/transferType",
    "product/vcpu",
    "product/volumeApiName",
    "product/volumeType",
]
LEGACY_PRICING = [
    "pricing/LeaseContractLength",
    "pricing/OfferingClass",
    "pricing/PurchaseOption",
    "pricing/RateCode",
    "pricing/RateId",
    "pricing/currency",
    "pricing/publicOnDemandCost",
    "pricing/publicOnDemandRate",
    "pricing/term",
    "pricing/unit",
]
LEGACY_RESERVATION = [
    "reservation/AmortizedUpfrontCostForUsage",
    "reservation/AmortizedUpfrontFeeForBillingPeriod",
    "reservation/AvailabilityZone",
    "reservation/EffectiveCost",
    "reservation/EndTime",
    "reservation/ModificationStatus",
    "reservation/NetAmortizedUpfrontCostForUsage",
    "reservation/NetAmortizedUpfrontFeeForBillingPeriod",
    "reservation/NetEffectiveCost",
    "reservation/NetRecurringFeeForUsage",
    "reservation/NetUnusedAmortizedUpfrontFeeForBillingPeriod",
    "reservation/NetUnusedRecurringFee",
    "reservation/NetUpfrontValue",
    "reservation/NormalizedUnitsPerReservation",
    "reservation/NumberOfReservations",
    "reservation/RecurringFeeForUsage",
    "reservation/ReservationARN",
    "reservation/StartTime",
    "reservation/SubscriptionId",
    "reservation/TotalReservedNormalizedUnits",
    "reservation/TotalReservedUnits",
    "reservation/UnitsPerReservation",
    "reservation/UnusedAmortizedUpfrontFeeForBillingPeriod",
    "reservation/UnusedNormalizedUnitQuantity",
    "reservation/UnusedQuantity",
    "reservation/UnusedRecurringFee",
    "reservation/UpfrontValue",
]
# Discount columns. CUR 2.0 keeps BundledDiscount and TotalDiscount as fixed columns and moves the
# others into the `discount` map.
DISCOUNT_FIXED = ["discount/BundledDiscount", "discount/TotalDiscount"]
DISCOUNT_MAPPED = ["discount/EdpDiscount", "discount/PrivateRateDiscount"]
LEGACY_SAVINGS_PLAN = [
    "savingsPlan/TotalCommitmentToDate",
    "savingsPlan/SavingsPlanARN",
    "savingsPlan/SavingsPlanRate",
    "savingsPlan/UsedCommitment",
    "savingsPlan/SavingsPlanEffectiveCost",
    "savingsPlan/AmortizedUpfrontCommitmentForBillingPeriod",
    "savingsPlan/RecurringCommitmentForBillingPeriod",
    "savingsPlan/StartTime",
    "savingsPlan/EndTime",
    "savingsPlan/OfferingType",
    "savingsPlan/PaymentOption",
    "savingsPlan/PurchaseTerm",
    "savingsPlan/Region",
    "savingsPlan/InstanceTypeFamily",
    "savingsPlan/NetSavingsPlanEffectiveCost",
    "savingsPlan/NetAmortizedUpfrontCommitmentForBillingPeriod",
    "savingsPlan/NetRecurringCommitmentForBillingPeriod",
]
# Activated cost allocation tags: user-defined (user:) and AWS-generated (aws:).
TAG_HEADERS = [
    "resourceTags/user:CostCenter",
    "resourceTags/user:Environment",
    "resourceTags/user:Team",
    "resourceTags/user:Application",
    "resourceTags/aws:createdBy",
]
COST_CATEGORY_HEADERS = ["costCategory/BusinessUnit"]

# Columns that only CUR 2.0 has (legacy CUR lacks them).
CUR2_ONLY = [
    "bill_payer_account_name",
    "line_item_usage_account_name",
    "capacity_reservation_capacity_reservation_arn",
    "capacity_reservation_capacity_reservation_status",
    "capacity_reservation_capacity_reservation_type",
]

LEGACY_CSV_HEADERS: list[str] = (
    LEGACY_IDENTITY_BILL
    + LEGACY_LINE_ITEM
    + ["product/ProductName"]
    + sorted(
        [h for h in PRODUCT_FIXED + PRODUCT_MAPPED if h != "product/ProductName"],
        key=lambda h: h.split("/", 1)[1].lower(),
    )
    + LEGACY_PRICING
    + LEGACY_RESERVATION
    + DISCOUNT_FIXED
    + DISCOUNT_MAPPED
    + LEGACY_SAVINGS_PLAN
    + TAG_HEADERS
    + COST_CATEGORY_HEADERS
)
LEGACY_COLUMNS: list[str] = [athena_column_name(h) for h in LEGACY_CSV_HEADERS]
CANONICAL_COLUMNS: list[str] = LEGACY_COLUMNS + CUR2_ONLY

MAPPED_GROUPS: dict[str, tuple[str, list[str]]] = {
    # CUR 2.0 map column -> (prefix stripped from the legacy name, legacy headers)
    "product": ("product_", PRODUCT_MAPPED),
    "resource_tags": ("resource_tags_", TAG_HEADERS),
    "cost_category": ("cost_category_", COST_CATEGORY_HEADERS),
    "discount": ("discount_", DISCOUNT_MAPPED),
}


def map_key(group: str, header: str) -> str:
    """Key that CUR 2.0 writes in map column `group` for the legacy header."""
    prefix, _ = MAPPED_GROUPS[group]
    return athena_column_name(header)[len(prefix) :]


_MAPPED_NAMES = {athena_column_name(h) for _, hs in MAPPED_GROUPS.values() for h in hs}
CUR2_COLUMNS: list[str] = sorted(
    [c for c in CANONICAL_COLUMNS if c not in _MAPPED_NAMES] + list(MAPPED_GROUPS)
)


def arrow_type(name: str) -> pa.DataType:
    """Parquet type of a canonical column in the CUR 2.0 and legacy Parquet shapes."""
    if name in MAPPED_GROUPS:
        return pa.map_(pa.string(), pa.string())
    kind = column_kind(name)
    if kind == "ts":
        return pa.timestamp("ms")
    if kind in ("money", "qty"):
        return pa.float64()
    return pa.string()


CUR2_SCHEMA = pa.schema([pa.field(c, arrow_type(c)) for c in CUR2_COLUMNS])
LEGACY_PARQUET_SCHEMA = pa.schema([pa.field(c, arrow_type(c)) for c in LEGACY_COLUMNS])
LEGACY_CSV_SCHEMA = pa.schema([pa.field(h, pa.string()) for h in LEGACY_CSV_HEADERS])

# --------------------------------------------------------------------------------------------
# Pure numeric helpers
# --------------------------------------------------------------------------------------------


def to_e10(value: str | int | Decimal) -> int:
    """Exact integer of 1e-10 for a decimal value; raises if it needs more than 10 decimals."""
    scaled = Decimal(str(value)) * SCALE
    if scaled != scaled.to_integral_value():
        raise ValueError(f"{value!r} has more than 10 decimal places")
    return int(scaled)


def e10_to_str(value: int) -> str:
    """Decimal string with ten places, as AWS writes costs in the legacy CSV."""
    sign = "-" if value < 0 else ""
    whole, frac = divmod(abs(int(value)), SCALE)
    return f"{sign}{whole}.{frac:010d}"


def e10_strings(values: np.ndarray, na_empty: bool = True) -> pa.Array:
    """Vectorised e10_to_str; NA becomes '' (or null when na_empty is False)."""
    values = np.asarray(values, dtype=np.int64)
    is_na = values == NA
    clean = np.where(is_na, 0, values)
    absolute = np.abs(clean)
    whole = pa.array(absolute // SCALE).cast(pa.string())
    frac = pc.utf8_lpad(pa.array(absolute % SCALE).cast(pa.string()), width=10, padding="0")
    sign = pc.if_else(pa.array(clean < 0), "-", "")
    text = pc.binary_join_element_wise(pc.binary_join_element_wise(sign, whole, ""), frac, ".")
    if is_na.any():
        text = pc.if_else(pa.array(is_na), pa.scalar("" if na_empty else None, pa.string()), text)
    return text


def e10_floats(values: np.ndarray) -> pa.Array:
    """DOUBLE nearest to each exact decimal (integer / 1e10 is correctly rounded)."""
    return pa.array(np.asarray(values, dtype=np.int64).astype(np.float64) / SCALE)


def count_strings(values: np.ndarray) -> pa.Array:
    """Integers as strings, NA as ''."""
    values = np.asarray(values, dtype=np.int64)
    is_na = values == NA
    text = pa.array(np.where(is_na, 0, values)).cast(pa.string())
    return pc.if_else(pa.array(is_na), "", text) if is_na.any() else text


def mul_e10(a: np.ndarray, b: np.ndarray, a_dp: np.ndarray | int, b_dp: np.ndarray | int):
    """Exact product of two e10 arrays whose values have at most a_dp and b_dp decimals."""
    a_dp = np.asarray(a_dp, dtype=np.int64)
    b_dp = np.asarray(b_dp, dtype=np.int64)
    if np.any(a_dp + b_dp > 10):
        raise ValueError("product would need more than 10 decimal places")
    pow10 = 10 ** np.arange(11, dtype=np.int64)
    a_int = np.asarray(a, dtype=np.int64) // pow10[10 - a_dp]
    b_int = np.asarray(b, dtype=np.int64) // pow10[10 - b_dp]
    return a_int * b_int * pow10[10 - a_dp - b_dp]


def percent_of(values: np.ndarray, percent: int) -> np.ndarray:
    """values * percent / 100, rounded half away from zero to 1e-10."""
    values = np.asarray(values, dtype=np.int64)
    magnitude = (np.abs(values) * percent + 50) // 100
    return np.sign(values) * magnitude


def decimals_of(value: str) -> int:
    """Number of decimal places written in a decimal string."""
    text = str(value)
    return len(text.split(".", 1)[1].rstrip("0")) if "." in text else 0


def epoch_ms(day: date) -> int:
    return (day - date(1970, 1, 1)).days * 86_400_000


def iso_z(ms: int, millis: bool = False) -> str:
    moment = datetime.fromtimestamp(ms / 1000, tz=timezone.utc)
    if millis:
        return moment.strftime("%Y-%m-%dT%H:%M:%S.000Z")
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def stable_int(*parts: object, digits: int = 10) -> int:
    """Deterministic integer from a hash of the parts (not Python's salted hash)."""
    digest = hashlib.sha256("|".join(map(str, parts)).encode()).hexdigest()
    return int(digest, 16) % (10**digits)


def stable_token(*parts: object, length: int = 16, alphabet: str = "") -> str:
    alphabet = alphabet or "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
    number = int(hashlib.sha256("|".join(map(str, parts)).encode()).hexdigest(), 16)
    chars = []
    for _ in range(length):
        number, index = divmod(number, len(alphabet))
        chars.append(alphabet[index])
    return "".join(chars)


def stable_uuid(*parts: object) -> str:
    digest = hashlib.sha256("|".join(map(str, parts)).encode()).hexdigest()
    return f"{digest[:8]}-{digest[8:12]}-{digest[12:16]}-{digest[16:20]}-{digest[20:32]}"


# --------------------------------------------------------------------------------------------
# Months
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Month:
    label: str  # YYYY-MM
    start: date
    end: date  # first day of the next month

    @classmethod
    def parse(cls, label: str) -> Month:
        match = re.fullmatch(r"(\d{4})-(\d{2})", label.strip())
        if not match or not 1 <= int(match.group(2)) <= 12:
            raise ValueError(f"month must look like 2025-01, got {label!r}")
        year, month = int(match.group(1)), int(match.group(2))
        end = date(year + month // 12, month % 12 + 1, 1)
        return cls(f"{year:04d}-{month:02d}", date(year, month, 1), end)

    @property
    def days(self) -> int:
        return (self.end - self.start).days

    @property
    def start_ms(self) -> int:
        return epoch_ms(self.start)

    @property
    def end_ms(self) -> int:
        return epoch_ms(self.end)

    @property
    def hours(self) -> int:
        return self.days * 24


def parse_months(text: str) -> list[Month]:
    months = [Month.parse(part) for part in text.split(",") if part.strip()]
    labels = [m.label for m in months]
    if not months or labels != sorted(set(labels)):
        raise ValueError("--months must be distinct months in ascending order")
    return months


# --------------------------------------------------------------------------------------------
# Catalog: accounts, regions, products
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Account:
    account_id: str
    name: str
    payer_id: str
    business_unit: str
    environment: str
    cost_center: str
    teams: tuple[str, ...]


@dataclass(frozen=True)
class Payer:
    account_id: str
    name: str
    slug: str  # used for export and report names
    tax_percent: int
    edp_percent: int  # Enterprise Discount Program on AWS usage, 0 for none
    private_rate_percent: int  # private pricing on S3 standard storage, 0 for none


PAYERS = (
    Payer("210987654321", "Acme Corp Management", "acme", 8, 5, 0),
    Payer("645546372819", "Globex Holdings", "globex", 6, 0, 10),
)
ACCOUNTS = (
    Account(
        account_id="210987654321",
        name="Acme Corp Management",
        payer_id="210987654321",
        business_unit="Shared Services",
        environment="shared",
        cost_center="CC-1000",
        teams=("platform",),
    ),
    Account(
        account_id="318273645546",
        name="acme-prod",
        payer_id="210987654321",
        business_unit="Retail",
        environment="prod",
        cost_center="CC-1100",
        teams=("checkout", "search", "platform"),
    ),
    Account(
        account_id="427364554637",
        name="acme-dev",
        payer_id="210987654321",
        business_unit="Retail",
        environment="dev",
        cost_center="CC-1100",
        teams=("checkout", "search"),
    ),
    Account(
        account_id="536455463728",
        name="acme-data-platform",
        payer_id="210987654321",
        business_unit="Analytics",
        environment="prod",
        cost_center="CC-1200",
        teams=("data-eng", "ml"),
    ),
    Account(
        account_id="645546372819",
        name="Globex Holdings",
        payer_id="645546372819",
        business_unit="Shared Services",
        environment="shared",
        cost_center="CC-2000",
        teams=("platform",),
    ),
    Account(
        account_id="754637281900",
        name="globex-web",
        payer_id="645546372819",
        business_unit="Web",
        environment="prod",
        cost_center="CC-2100",
        teams=("frontend", "api"),
    ),
    Account(
        account_id="863728190012",
        name="globex-ml",
        payer_id="645546372819",
        business_unit="Machine Learning",
        environment="prod",
        cost_center="CC-2200",
        teams=("research", "inference"),
    ),
)
ACCOUNT_INDEX = {a.account_id: i for i, a in enumerate(ACCOUNTS)}
PAYER_INDEX = {p.account_id: i for i, p in enumerate(PAYERS)}


@dataclass(frozen=True)
class Region:
    code: str
    location: str
    prefix: str  # usage type prefix, '' for us-east-1 as EC2 writes it
    explicit_prefix: str  # prefix used where AWS always writes one (USE1-)
    zones: tuple[str, ...]


REGIONS = (
    Region("us-east-1", "US East (N. Virginia)", "", "USE1-", ("a", "b", "c")),
    Region("us-west-2", "US West (Oregon)", "USW2-", "USW2-", ("a", "b")),
    Region("eu-west-1", "EU (Ireland)", "EUW1-", "EUW1-", ("a", "b")),
    Region("ap-southeast-2", "Asia Pacific (Sydney)", "APS2-", "APS2-", ("a", "b")),
)
REGION_INDEX = {r.code: i for i, r in enumerate(REGIONS)}
REGION_WEIGHTS = (0.55, 0.2, 0.15, 0.1)

PRODUCT_NAMES = {
    "AmazonEC2": "Amazon Elastic Compute Cloud",
    "AWSDataTransfer": "AWS Data Transfer",
    "AmazonS3": "Amazon Simple Storage Service",
    "AmazonRDS": "Amazon Relational Database Service",
    "AWSLambda": "AWS Lambda",
    "AmazonCloudFront": "Amazon CloudFront",
    "AmazonDynamoDB": "Amazon DynamoDB",
    "AmazonCloudWatch": "AmazonCloudWatch",
    "AmazonEKS": "Amazon Elastic Container Service for Kubernetes",
    "AmazonSageMaker": "Amazon SageMaker",
    "AmazonBedrock": "Amazon Bedrock",
    "AWSSupportBusiness": "AWS Support (Business)",
    "ComputeSavingsPlans": "Savings Plans for AWS Compute usage",
}
MARKETPLACE_CODE = "3n8qk4zv0p7wr2mxb5yh6tc1d"
MARKETPLACE_PRODUCT = "Example Log Analytics Pro"
MARKETPLACE_SELLER = "Example Software, LLC"
PRODUCT_NAMES[MARKETPLACE_CODE] = MARKETPLACE_PRODUCT

_EC2_SIZES = {  # instance type -> (vcpu, memory, normalization factor, processor)
    "m5.large": ("2", "8 GiB", 4, "Intel Xeon Platinum 8175"),
    "m5.xlarge": ("4", "16 GiB", 8, "Intel Xeon Platinum 8175"),
    "c6i.large": ("2", "4 GiB", 4, "Intel Xeon 8375C (Ice Lake)"),
    "c6i.xlarge": ("4", "8 GiB", 8, "Intel Xeon 8375C (Ice Lake)"),
    "c6i.2xlarge": ("8", "16 GiB", 16, "Intel Xeon 8375C (Ice Lake)"),
    "r6g.large": ("2", "16 GiB", 4, "AWS Graviton2 Processor"),
    "c5.2xlarge": ("8", "16 GiB", 16, "Intel Xeon Platinum 8124M"),
}


@dataclass(frozen=True)
class Sku:
    """One priced product (usage type + operation) that bulk usage rows are drawn from."""

    key: str
    product_code: str
    usage_type: str  # {p}: region prefix ('' in us-east-1); {P}: explicit prefix (USE1-)
    operation: str
    unit: str
    family: str
    rate: str  # public on-demand rate
    usage: str  # hours | gbmo | count | gb
    usage_dp: int
    base: tuple[float, float]  # typical daily usage range per resource
    resource: str
    weight: float
    regions: str = "std"  # std | global | us-east-1
    attrs: tuple[tuple[str, str], ...] = ()
    instance_type: str = ""
    sp_rate: str = ""  # Compute Savings Plan rate, '' if not eligible
    spot_rate: str = ""  # charged rate for Spot usage
    accounts: tuple[str, ...] = ()  # restricts bulk usage to these accounts
    description: str = ""


def _ec2_attrs(instance_type: str, market: str = "OnDemand") -> tuple[tuple[str, str], ...]:
    vcpu, memory, _, processor = _EC2_SIZES[instance_type]
    return (
        ("capacitystatus", "Used"),
        ("instance_type_family", instance_type.split(".")[0]),
        ("license_model", "No License required"),
        ("marketoption", market),
        ("memory", memory),
        ("operating_system", "Linux"),
        ("physical_processor", processor),
        ("pre_installed_sw", "NA"),
        ("tenancy", "Shared"),
        ("vcpu", vcpu),
    )


def _ec2(key: str, itype: str, rate: str, weight: float, sp_rate: str = "") -> Sku:
    return Sku(
        key=key,
        product_code="AmazonEC2",
        usage_type="{p}BoxUsage:" + itype,
        operation="RunInstances",
        unit="Hrs",
        family="Compute Instance",
        rate=rate,
        usage="hours",
        usage_dp=0,
        base=(6, 24),
        resource="ec2",
        weight=weight,
        attrs=_ec2_attrs(itype),
        instance_type=itype,
        sp_rate=sp_rate,
        description=f"${rate} per On Demand Linux {itype} Instance Hour",
    )


SKUS: tuple[Sku, ...] = (
    _ec2("ec2_m5_large", "m5.large", "0.096", 6),
    _ec2("ec2_m5_xlarge", "m5.xlarge", "0.192", 4),
    _ec2("ec2_c6i_large", "c6i.large", "0.085", 3, sp_rate="0.06"),
    _ec2("ec2_c6i_xlarge", "c6i.xlarge", "0.17", 4, sp_rate="0.119"),
    _ec2("ec2_c6i_2xlarge", "c6i.2xlarge", "0.34", 2, sp_rate="0.238"),
    _ec2("ec2_r6g_large", "r6g.large", "0.1008", 2),
    Sku(
        key="ec2_spot_c5_2xlarge",
        product_code="AmazonEC2",
        usage_type="{p}SpotUsage:c5.2xlarge",
        operation="RunInstances:SV001",
        unit="Hrs",
        family="Compute Instance",
        rate="0.34",
        usage="hours",
        usage_dp=0,
        base=(4, 24),
        resource="ec2",
        weight=2,
        attrs=_ec2_attrs("c5.2xlarge", "Spot"),
        instance_type="c5.2xlarge",
        spot_rate="0.1224",
        description="$0.1224 per Linux c5.2xlarge Spot Instance-hour",
    ),
    Sku(
        key="ebs_gp3",
        product_code="AmazonEC2",
        usage_type="{p}EBS:VolumeUsage.gp3",
        operation="CreateVolume-Gp3",
        unit="GB-Mo",
        family="Storage",
        rate="0.08",
        usage="gbmo",
        usage_dp=4,
        base=(20, 2000),
        resource="ebs",
        weight=5,
        attrs=(
            ("storage_media", "SSD-backed"),
            ("volume_api_name", "gp3"),
            ("volume_type", "General Purpose"),
        ),
        description="$0.08 per GB-month of General Purpose (gp3) provisioned storage",
    ),
    Sku(
        key="ebs_snapshot",
        product_code="AmazonEC2",
        usage_type="{p}EBS:SnapshotUsage",
        operation="CreateSnapshot",
        unit="GB-Mo",
        family="Storage Snapshot",
        rate="0.05",
        usage="gbmo",
        usage_dp=4,
        base=(10, 4000),
        resource="snapshot",
        weight=2,
        description="$0.05 per GB-Month of snapshot data stored",
    ),
    Sku(
        key="ec2_nat_gateway",
        product_code="AmazonEC2",
        usage_type="{p}NatGateway-Hours",
        operation="NatGateway",
        unit="Hrs",
        family="NAT Gateway",
        rate="0.045",
        usage="hours",
        usage_dp=0,
        base=(24, 24),
        resource="nat",
        weight=1,
        attrs=(("group", "NGW:NatGateway"),),
        description="$0.045 per NAT Gateway Hour",
    ),
    Sku(
        key="dt_out_internet",
        product_code="AWSDataTransfer",
        usage_type="{p}DataTransfer-Out-Bytes",
        operation="RunInstances",
        unit="GB",
        family="Data Transfer",
        rate="0.09",
        usage="gb",
        usage_dp=3,
        base=(1, 400),
        resource="ec2",
        weight=5,
        attrs=(("transfer_type", "AWS Outbound"),),
        description="$0.090 per GB - first 10 TB / month data transfer out beyond the global "
        "free tier",
    ),
    Sku(
        key="dt_inter_region",
        product_code="AWSDataTransfer",
        usage_type="{P}USW2-AWS-Out-Bytes",
        operation="RunInstances",
        unit="GB",
        family="Data Transfer",
        rate="0.02",
        usage="gb",
        usage_dp=3,
        base=(1, 200),
        resource="ec2",
        weight=2,
        regions="us-east-1",
        attrs=(("transfer_type", "InterRegion Outbound"),),
        description="$0.02 per GB - US East (Northern Virginia) data transfer to US West (Oregon)",
    ),
    Sku(
        key="s3_standard_storage",
        product_code="AmazonS3",
        usage_type="{p}TimedStorage-ByteHrs",
        operation="StandardStorage",
        unit="GB-Mo",
        family="Storage",
        rate="0.023",
        usage="gbmo",
        usage_dp=4,
        base=(50, 40000),
        resource="s3",
        weight=6,
        attrs=(("storage_class", "General Purpose"), ("volume_type", "Standard")),
        description="$0.023 per GB - first 50 TB / month of storage used",
    ),
    Sku(
        key="s3_requests_tier1",
        product_code="AmazonS3",
        usage_type="{p}Requests-Tier1",
        operation="PutObject",
        unit="Requests",
        family="API Request",
        rate="0.000005",
        usage="count",
        usage_dp=0,
        base=(1000, 400000),
        resource="s3",
        weight=3,
        attrs=(("group", "S3-API-Tier1"), ("group_description", "PUT/COPY/POST or LIST requests")),
        description="$0.005 per 1,000 PUT, COPY, POST, or LIST requests",
    ),
    Sku(
        key="s3_requests_tier2",
        product_code="AmazonS3",
        usage_type="{p}Requests-Tier2",
        operation="GetObject",
        unit="Requests",
        family="API Request",
        rate="0.0000004",
        usage="count",
        usage_dp=0,
        base=(10000, 800000),
        resource="s3",
        weight=3,
        attrs=(("group", "S3-API-Tier2"), ("group_description", "GET and all other requests")),
        description="$0.0004 per 1,000 GET and all other requests",
    ),
    Sku(
        key="rds_r5_large_postgres",
        product_code="AmazonRDS",
        usage_type="{p}InstanceUsage:db.r5.large",
        operation="CreateDBInstance:0014",
        unit="Hrs",
        family="Database Instance",
        rate="0.25",
        usage="hours",
        usage_dp=0,
        base=(24, 24),
        resource="rds",
        weight=3,
        attrs=(
            ("database_engine", "PostgreSQL"),
            ("deployment_option", "Single-AZ"),
            ("instance_type_family", "r5"),
            ("memory", "16 GiB"),
            ("vcpu", "2"),
        ),
        instance_type="db.r5.large",
        description="$0.25 per RDS db.r5.large Single-AZ instance hour (or partial hour) "
        "running PostgreSQL",
    ),
    Sku(
        key="rds_gp2_storage",
        product_code="AmazonRDS",
        usage_type="{p}RDS:GP2-Storage",
        operation="CreateDBInstance:0014",
        unit="GB-Mo",
        family="Database Storage",
        rate="0.115",
        usage="gbmo",
        usage_dp=4,
        base=(20, 1000),
        resource="rds",
        weight=2,
        attrs=(
            ("database_engine", "PostgreSQL"),
            ("deployment_option", "Single-AZ"),
            ("volume_type", "General Purpose"),
        ),
        description="$0.115 per GB-month of provisioned gp2 storage running PostgreSQL",
    ),
    Sku(
        key="lambda_gb_seconds",
        product_code="AWSLambda",
        usage_type="{P}Lambda-GB-Second",
        operation="Invoke",
        unit="Lambda-GB-Second",
        family="Serverless",
        rate="0.0000166667",
        usage="count",
        usage_dp=0,
        base=(1000, 600000),
        resource="lambda",
        weight=4,
        attrs=(("group", "AWS-Lambda-Duration"),),
        sp_rate="0.0000138334",
        description="AWS Lambda - Total Compute - US East (Northern Virginia)",
    ),
    Sku(
        key="lambda_requests",
        product_code="AWSLambda",
        usage_type="{P}Request",
        operation="Invoke",
        unit="Requests",
        family="Serverless",
        rate="0.0000002",
        usage="count",
        usage_dp=0,
        base=(1000, 800000),
        resource="lambda",
        weight=3,
        attrs=(("group", "AWS-Lambda-Requests"),),
        description="AWS Lambda - Total Requests - US East (Northern Virginia)",
    ),
    Sku(
        key="cloudfront_out",
        product_code="AmazonCloudFront",
        usage_type="US-DataTransfer-Out-Bytes",
        operation="GET",
        unit="GB",
        family="Data Transfer",
        rate="0.085",
        usage="gb",
        usage_dp=3,
        base=(1, 500),
        resource="cloudfront",
        weight=3,
        regions="global",
        attrs=(("transfer_type", "CloudFront Outbound"),),
        description="$0.085 per GB - first 10 TB / month data transfer out (United States)",
    ),
    Sku(
        key="cloudfront_requests",
        product_code="AmazonCloudFront",
        usage_type="US-Requests-Tier1",
        operation="GET",
        unit="Requests",
        family="Request",
        rate="0.00000075",
        usage="count",
        usage_dp=0,
        base=(10000, 800000),
        resource="cloudfront",
        weight=2,
        regions="global",
        attrs=(("group", "CloudFront-Request-HTTP-Proxy"),),
        description="$0.0075 per 10,000 HTTP requests",
    ),
    Sku(
        key="dynamodb_read",
        product_code="AmazonDynamoDB",
        usage_type="{p}ReadRequestUnits",
        operation="PayPerRequestThroughput",
        unit="ReadRequestUnits",
        family="Amazon DynamoDB PayPerRequest Throughput",
        rate="0.00000025",
        usage="count",
        usage_dp=0,
        base=(1000, 800000),
        resource="dynamodb",
        weight=3,
        attrs=(("group", "DDB-ReadUnits"),),
        description="$0.25 per million read request units (N. Virginia)",
    ),
    Sku(
        key="dynamodb_write",
        product_code="AmazonDynamoDB",
        usage_type="{p}WriteRequestUnits",
        operation="PayPerRequestThroughput",
        unit="WriteRequestUnits",
        family="Amazon DynamoDB PayPerRequest Throughput",
        rate="0.00000125",
        usage="count",
        usage_dp=0,
        base=(1000, 400000),
        resource="dynamodb",
        weight=3,
        attrs=(("group", "DDB-WriteUnits"),),
        description="$1.25 per million write request units (N. Virginia)",
    ),
    Sku(
        key="dynamodb_storage",
        product_code="AmazonDynamoDB",
        usage_type="{p}TimedStorage-ByteHrs",
        operation="StandardStorage",
        unit="GB-Mo",
        family="Database Storage",
        rate="0.25",
        usage="gbmo",
        usage_dp=4,
        base=(1, 500),
        resource="dynamodb",
        weight=2,
        description="$0.25 per GB-Month of storage used beyond first 25 free GB-Months",
    ),
    Sku(
        key="cloudwatch_metrics",
        product_code="AmazonCloudWatch",
        usage_type="{p}CW:MetricMonitorUsage",
        operation="MetricStorage",
        unit="Metrics",
        family="Metric",
        rate="0.30",
        usage="gbmo",
        usage_dp=4,
        base=(10, 600),
        resource="none",
        weight=2,
        description="$0.30 per metric-month - first 10,000 metrics",
    ),
    Sku(
        key="cloudwatch_logs",
        product_code="AmazonCloudWatch",
        usage_type="{p}DataProcessing-Bytes",
        operation="PutLogEvents",
        unit="GB",
        family="Data Payload",
        rate="0.50",
        usage="gb",
        usage_dp=3,
        base=(1, 300),
        resource="loggroup",
        weight=3,
        description="$0.50 per GB custom log data ingested",
    ),
    Sku(
        key="eks_cluster",
        product_code="AmazonEKS",
        usage_type="{P}AmazonEKS-Hours:perCluster",
        operation="CreateOperation",
        unit="Hours",
        family="Compute",
        rate="0.10",
        usage="hours",
        usage_dp=0,
        base=(24, 24),
        resource="eks",
        weight=1,
        description="Amazon EKS cluster usage",
    ),
    Sku(
        key="sagemaker_training",
        product_code="AmazonSageMaker",
        usage_type="{P}Train:ml.m5.xlarge",
        operation="CreateTrainingJob",
        unit="Hrs",
        family="ML Instance",
        rate="0.23",
        usage="hours",
        usage_dp=0,
        base=(1, 12),
        resource="sagemaker",
        weight=1,
        attrs=(("instance_type_family", "ml.m5"),),
        instance_type="ml.m5.xlarge",
        accounts=("536455463728", "863728190012"),
        description="$0.23 per Hour for Train:ml.m5.xlarge",
    ),
    Sku(
        key="sagemaker_hosting",
        product_code="AmazonSageMaker",
        usage_type="{P}Host:ml.m5.large",
        operation="RunInstance",
        unit="Hrs",
        family="ML Instance",
        rate="0.115",
        usage="hours",
        usage_dp=0,
        base=(24, 24),
        resource="sagemaker",
        weight=1,
        attrs=(("instance_type_family", "ml.m5"),),
        instance_type="ml.m5.large",
        accounts=("536455463728", "863728190012"),
        description="$0.115 per Hour for Host:ml.m5.large",
    ),
    Sku(
        key="bedrock_input_tokens",
        product_code="AmazonBedrock",
        usage_type="{P}NovaLite-input-tokens",
        operation="InvokeModelInference",
        unit="1K tokens",
        family="Amazon Bedrock",
        rate="0.00006",
        usage="count",
        usage_dp=0,
        base=(100, 400000),
        resource="none",
        weight=1,
        regions="us-east-1",
        accounts=("536455463728", "863728190012"),
        description="Amazon Nova Lite input tokens, per 1K tokens",
    ),
    Sku(
        key="bedrock_output_tokens",
        product_code="AmazonBedrock",
        usage_type="{P}NovaLite-output-tokens",
        operation="InvokeModelInference",
        unit="1K tokens",
        family="Amazon Bedrock",
        rate="0.00024",
        usage="count",
        usage_dp=0,
        base=(100, 100000),
        resource="none",
        weight=1,
        regions="us-east-1",
        accounts=("536455463728", "863728190012"),
        description="Amazon Nova Lite output tokens, per 1K tokens",
    ),
    Sku(
        key="marketplace_hosts",
        product_code=MARKETPLACE_CODE,
        usage_type="{P}MP:HostHours",
        operation="Usage",
        unit="Hrs",
        family="",
        rate="0.012",
        usage="hours",
        usage_dp=0,
        base=(24, 24),
        resource="none",
        weight=1,
        regions="us-east-1",
        description="Example Log Analytics Pro - per host hour",
    ),
)
SKU_INDEX = {s.key: i for i, s in enumerate(SKUS)}


@dataclass
class Profile:
    """Everything a line item takes from its product: one per SKU and region, plus a few more."""

    key: str
    product_code: str
    usage_type: str
    operation: str
    unit: str
    billing_entity: str = AWS_ENTITY
    legal_entity: str = INVOICING_ENTITY
    description: str = ""
    normalization_factor: int = 0
    spot: bool = False
    product: dict[str, str] = field(default_factory=dict)  # canonical product_* -> value


def _region_product(region: Region | None) -> dict[str, str]:
    if region is None:
        return {}
    return {
        "product_region": region.code,
        "product_region_code": region.code,
        "product_location": region.location,
        "product_location_type": "AWS Region",
    }


def build_profiles() -> list[Profile]:
    """All product profiles, in a fixed order (indices are stable across runs)."""
    profiles: list[Profile] = []
    for sku in SKUS:
        if sku.regions == "global":
            regions: list[Region | None] = [None]
        elif sku.regions == "us-east-1":
            regions = [REGIONS[0]]
        else:
            regions = list(REGIONS)
        for region in regions:
            prefix = region.prefix if region else ""
            explicit = region.explicit_prefix if region else ""
            usage_type = sku.usage_type.format(p=prefix, P=explicit)
            product = {
                "product_product_name": PRODUCT_NAMES[sku.product_code],
                "product_servicename": PRODUCT_NAMES[sku.product_code],
                "product_servicecode": ""
                if sku.product_code == MARKETPLACE_CODE
                else sku.product_code,
                "product_product_family": sku.family,
                "product_usagetype": usage_type,
                "product_operation": sku.operation,
                "product_pricing_unit": sku.unit,
                "product_sku": stable_token("sku", sku.key, region.code if region else "global"),
            }
            product.update(_region_product(region))
            if sku.regions == "global":
                product["product_location"] = "United States"
                product["product_location_type"] = "Other"
            if sku.product_code == "AWSDataTransfer" or sku.product_code == "AmazonCloudFront":
                source = region or REGIONS[0]
                destination = (
                    "External"
                    if "Inter" not in dict(sku.attrs).get("transfer_type", "")
                    else "US West (Oregon)"
                )
                product.update(
                    {
                        "product_from_location": source.location,
                        "product_from_location_type": "AWS Region"
                        if region
                        else "AWS Edge Location",
                        "product_from_region_code": source.code if region else "",
                        "product_to_location": destination,
                        "product_to_location_type": "AWS Region"
                        if destination != "External"
                        else "Other",
                        "product_to_region_code": "us-west-2" if destination != "External" else "",
                    }
                )
            if sku.instance_type:
                product["product_instance_type"] = sku.instance_type
                product["product_instance_family"] = {
                    "m5": "General purpose",
                    "c6i": "Compute optimized",
                    "r6g": "Memory optimized",
                    "c5": "Compute optimized",
                }.get(sku.instance_type.split(".")[0], "")
            for attr, value in sku.attrs:
                product["product_" + attr] = value
            norm = (
                _EC2_SIZES.get(sku.instance_type, (0, 0, 0, 0))[2]
                if sku.product_code == ("AmazonEC2")
                else 0
            )
            profiles.append(
                Profile(
                    key=f"{sku.key}@{region.code if region else 'global'}",
                    product_code=sku.product_code,
                    usage_type=usage_type,
                    operation=sku.operation,
                    unit=sku.unit,
                    billing_entity=MARKETPLACE_ENTITY
                    if sku.product_code == MARKETPLACE_CODE
                    else AWS_ENTITY,
                    legal_entity=MARKETPLACE_SELLER
                    if sku.product_code == MARKETPLACE_CODE
                    else INVOICING_ENTITY,
                    description=sku.description,
                    normalization_factor=norm,
                    spot=bool(sku.spot_rate),
                    product=product,
                )
            )
    # Reserved Instance fee rows (RIFee and the upfront Fee) use the HeavyUsage usage type.
    region = REGIONS[0]
    profiles.append(
        Profile(
            key="ec2_ri_m5_large@us-east-1",
            product_code="AmazonEC2",
            usage_type="HeavyUsage:m5.large",
            operation="RunInstances",
            unit="Hrs",
            normalization_factor=4,
            product={
                "product_product_name": PRODUCT_NAMES["AmazonEC2"],
                "product_servicename": PRODUCT_NAMES["AmazonEC2"],
                "product_servicecode": "AmazonEC2",
                "product_product_family": "Compute Instance",
                "product_usagetype": "HeavyUsage:m5.large",
                "product_operation": "RunInstances",
                "product_instance_type": "m5.large",
                "product_instance_family": "General purpose",
                "product_sku": stable_token("sku", "ec2_m5_large", "us-east-1"),
                **_region_product(region),
                **{"product_" + k: v for k, v in _ec2_attrs("m5.large")},
            },
        )
    )
    profiles.append(
        Profile(
            key="compute_savings_plan",
            product_code="ComputeSavingsPlans",
            usage_type="ComputeSP:1yrPartialUpfront",
            operation="",
            unit="",
            product={
                "product_product_name": PRODUCT_NAMES["ComputeSavingsPlans"],
                "product_servicename": PRODUCT_NAMES["ComputeSavingsPlans"],
                "product_servicecode": "ComputeSavingsPlans",
                "product_product_family": "Savings Plan",
                "product_usagetype": "ComputeSP:1yrPartialUpfront",
            },
        )
    )
    profiles.append(
        Profile(
            key="support_business",
            product_code="AWSSupportBusiness",
            usage_type="Dollar",
            operation="",
            unit="",
            product={
                "product_product_name": PRODUCT_NAMES["AWSSupportBusiness"],
                "product_servicename": PRODUCT_NAMES["AWSSupportBusiness"],
                "product_servicecode": "AWSSupportBusiness",
                "product_usagetype": "Dollar",
                "product_sku": stable_token("sku", "support_business"),
                "product_fee_code": "AWSSupportBusiness",
                "product_fee_description": "AWS Support (Business)",
            },
        )
    )
    # Service-level profiles (no usage type) for Tax and Credit rows.
    for code, name in PRODUCT_NAMES.items():
        profiles.append(
            Profile(
                key=f"svc:{code}",
                product_code=code,
                usage_type="",
                operation="",
                unit="",
                billing_entity=MARKETPLACE_ENTITY if code == MARKETPLACE_CODE else AWS_ENTITY,
                legal_entity=MARKETPLACE_SELLER if code == MARKETPLACE_CODE else INVOICING_ENTITY,
                product={
                    "product_product_name": name,
                    "product_servicename": name,
                    "product_servicecode": "" if code == MARKETPLACE_CODE else code,
                },
            )
        )
    return profiles


PROFILE_COLUMNS = [c for c in LEGACY_COLUMNS if c.startswith("product_")]


@dataclass
class Commitment:
    """A Reserved Instance or a Savings Plan, with the attributes its line items carry."""

    kind: str  # ri | sp
    arn: str
    owner_account: str
    start: date
    hourly_upfront: str  # amortised upfront per hour (per RI for RIs)
    hourly_recurring: str  # recurring fee per hour (per RI for RIs)
    count: int = 1  # number of reservations (RIs)
    normalization_factor: int = 0
    subscription_id: str = ""

    @property
    def end_text(self) -> str:
        return iso_z(
            epoch_ms(date(self.start.year + 1, self.start.month, self.start.day)), millis=True
        )

    @property
    def start_text(self) -> str:
        return iso_z(epoch_ms(self.start), millis=True)

    @property
    def upfront_total(self) -> Decimal:
        return Decimal(self.hourly_upfront) * 8760 * self.count

    @property
    def hourly_commitment(self) -> Decimal:
        return Decimal(self.hourly_upfront) + Decimal(self.hourly_recurring)


# --------------------------------------------------------------------------------------------
# Canonical batch assembly
# --------------------------------------------------------------------------------------------

SPEC_DEFAULTS_INT = {
    # spec key -> default (NA for rates and counts, 0 otherwise)
    "usage": 0,
    "rate": NA,
    "cost": 0,
    "od_rate": NA,
    "od_cost": 0,
    "net_rate": NA,
    "edp": 0,
    "private": 0,
    "bundled": 0,
    "sp_rate": 0,
    "sp_eff": 0,
    "sp_total": 0,
    "sp_used": 0,
    "sp_recurring_period": 0,
    "sp_upfront_period": 0,
    "ri_eff": 0,
    "ri_upfront_usage": 0,
    "ri_recurring_usage": 0,
    "ri_unused_qty": 0,
    "ri_unused_recurring": 0,
    "ri_unused_upfront": 0,
    "ri_upfront_period": 0,
    "ri_upfront_value": 0,
    "ri_total_units": NA,
}
SPEC_DEFAULTS_STR = ("az", "resource_id", "description", "tax_type")
TAG_COLUMNS = [athena_column_name(h) for h in TAG_HEADERS]


@dataclass
class Context:
    """Lookup tables shared by every batch of one run."""

    profiles: list[Profile]
    commitments: list[Commitment]
    profile_index: dict[str, int] = field(init=False)
    profile_tables: dict[str, pa.Array] = field(init=False)

    def __post_init__(self) -> None:
        self.profile_index = {p.key: i for i, p in enumerate(self.profiles)}
        tables: dict[str, pa.Array] = {}
        for column in PROFILE_COLUMNS:
            tables[column] = pa.array(
                [p.product.get(column, "") for p in self.profiles], pa.string()
            )
        for attr in (
            "product_code",
            "usage_type",
            "operation",
            "unit",
            "billing_entity",
            "legal_entity",
            "description",
        ):
            tables[attr] = pa.array([getattr(p, attr) for p in self.profiles], pa.string())
        sku_codes = [p.product.get("product_sku", "") for p in self.profiles]
        variants = []  # rate code by (profile, variant): none, on-demand, reserved, ri upfront
        for code in sku_codes:
            variants += [
                "",
                f"{code}.{ON_DEMAND_TERM_CODE}.{ON_DEMAND_HOURLY_DIMENSION}",
                f"{code}.{RESERVED_TERM_CODE}.{ON_DEMAND_HOURLY_DIMENSION}",
                f"{code}.{RESERVED_TERM_CODE}.{RESERVED_UPFRONT_DIMENSION}",
            ]
        variants = [v if not v.startswith(".") else "" for v in variants]
        tables["rate_code"] = pa.array(variants, pa.string())
        tables["rate_id"] = pa.array(
            [str(stable_int("rate", v, digits=10)) if v else "" for v in variants], pa.string()
        )
        self.profile_tables = tables
        self.norm_factor = np.array([p.normalization_factor for p in self.profiles], np.int64)
        self.spot = np.array([p.spot for p in self.profiles], bool)
        self.marketplace = np.array(
            [p.billing_entity == MARKETPLACE_ENTITY for p in self.profiles], bool
        )
        self.commitment_is_ri = np.array([c.kind == "ri" for c in self.commitments] + [False], bool)

    def profile(self, key: str) -> int:
        return self.profile_index[key]


def invoice_id(payer_id: str, month: Month) -> str:
    return str(stable_int("invoice", payer_id, month.label, digits=10)).zfill(10)


def _repeat(value: str, n: int) -> pa.Array:
    return pa.repeat(pa.scalar(value, pa.string()), n)


def _string_column(values, n: int) -> pa.Array:
    if values is None:
        return _repeat("", n)
    if isinstance(values, pa.Array):
        return values.cast(pa.string())
    return pa.array(values, pa.string())


def line_item_ids(rng: np.random.Generator, n: int) -> pa.Array:
    """52-character lowercase base32 identifiers like the ones AWS writes."""
    alphabet = np.frombuffer(b"abcdefghijklmnopqrstuvwxyz234567", dtype=np.uint8)
    data = alphabet[rng.integers(0, 32, size=n * 52, dtype=np.uint8)].tobytes()
    offsets = np.arange(0, 52 * n + 1, 52, dtype=np.int32).tobytes()
    return pa.Array.from_buffers(pa.string(), n, [None, pa.py_buffer(offsets), pa.py_buffer(data)])


def _interval_strings(start_ms: np.ndarray, end_ms: np.ndarray) -> pa.Array:
    pairs = np.stack([start_ms, end_ms], axis=1)
    unique, inverse = np.unique(pairs, axis=0, return_inverse=True)
    labels = pa.array([f"{iso_z(int(s))}/{iso_z(int(e))}" for s, e in unique], pa.string())
    return labels.take(pa.array(inverse.reshape(-1).astype(np.int64)))


def assemble(spec: dict, month: Month, ctx: Context, rng: np.random.Generator) -> dict:
    """Turn a row spec (arrays of per-row facts) into a canonical batch (all columns).

    Required spec keys: type (line item type codes), account (ACCOUNTS indices), profile
    (profile indices), start_ms, end_ms. Optional keys: see SPEC_DEFAULTS_INT and
    SPEC_DEFAULTS_STR, plus bill_type codes, commitment indices (-1 for none) and one
    array per tag column.
    """
    n = len(spec["type"])
    types = np.asarray(spec["type"], np.int8)
    account = np.asarray(spec["account"], np.int32)
    profile = np.asarray(spec["profile"], np.int32)
    nums = {
        k: np.asarray(spec[k], np.int64) if k in spec else np.full(n, d, np.int64)
        for k, d in SPEC_DEFAULTS_INT.items()
    }
    strs = {k: _string_column(spec.get(k), n) for k in SPEC_DEFAULTS_STR}
    bill_type = np.asarray(spec.get("bill_type", np.zeros(n, np.int8)), np.int8)
    commitment = np.asarray(spec.get("commitment", np.full(n, -1, np.int32)), np.int32)
    start_ms = np.asarray(spec["start_ms"], np.int64)
    end_ms = np.asarray(spec["end_ms"], np.int64)
    tables = ctx.profile_tables
    take_profile = pa.array(profile.astype(np.int64))
    batch: dict[str, object] = {"n": n}

    # identity and bill
    batch["identity_line_item_id"] = line_item_ids(rng, n)
    batch["identity_time_interval"] = _interval_strings(start_ms, end_ms)
    payer_of_account = np.array([PAYER_INDEX[a.payer_id] for a in ACCOUNTS], np.int32)
    payer = payer_of_account[account]
    batch["_payer"] = payer
    take_payer = pa.array(payer.astype(np.int64))
    batch["bill_invoice_id"] = pa.array(
        [invoice_id(p.account_id, month) for p in PAYERS], pa.string()
    ).take(take_payer)
    batch["bill_invoicing_entity"] = _repeat(INVOICING_ENTITY, n)
    batch["bill_billing_entity"] = tables["billing_entity"].take(take_profile)
    batch["bill_bill_type"] = pa.array(BILL_TYPES, pa.string()).take(
        pa.array(bill_type.astype(np.int64))
    )
    batch["bill_payer_account_id"] = pa.array([p.account_id for p in PAYERS]).take(take_payer)
    batch["bill_payer_account_name"] = pa.array([p.name for p in PAYERS]).take(take_payer)
    batch["bill_billing_period_start_date"] = np.full(n, month.start_ms, np.int64)
    batch["bill_billing_period_end_date"] = np.full(n, month.end_ms, np.int64)

    # line item
    take_account = pa.array(account.astype(np.int64))
    batch["line_item_usage_account_id"] = pa.array([a.account_id for a in ACCOUNTS]).take(
        take_account
    )
    batch["line_item_usage_account_name"] = pa.array([a.name for a in ACCOUNTS]).take(take_account)
    batch["line_item_line_item_type"] = pa.array(LINE_ITEM_TYPES, pa.string()).take(
        pa.array(types.astype(np.int64))
    )
    batch["line_item_usage_start_date"] = start_ms
    batch["line_item_usage_end_date"] = end_ms
    batch["line_item_product_code"] = tables["product_code"].take(take_profile)
    batch["line_item_usage_type"] = tables["usage_type"].take(take_profile)
    batch["line_item_operation"] = tables["operation"].take(take_profile)
    batch["line_item_availability_zone"] = strs["az"]
    batch["line_item_resource_id"] = strs["resource_id"]
    batch["line_item_usage_amount"] = nums["usage"]
    usage_like = np.isin(
        types, [LIT["Usage"], LIT["DiscountedUsage"], LIT["SavingsPlanCoveredUsage"], LIT["RIFee"]]
    )
    norm = np.where(usage_like, ctx.norm_factor[profile], 0)
    batch["line_item_normalization_factor"] = norm * SCALE
    batch["line_item_normalized_usage_amount"] = nums["usage"] * norm
    batch["line_item_currency_code"] = _repeat("USD", n)
    batch["line_item_unblended_rate"] = nums["rate"]
    batch["line_item_unblended_cost"] = nums["cost"]
    batch["line_item_blended_rate"] = nums["rate"]
    batch["line_item_blended_cost"] = nums["cost"]
    description = strs["description"]
    default_description = tables["description"].take(take_profile)
    batch["line_item_line_item_description"] = pc.if_else(
        pc.equal(description, ""), default_description, description
    )
    batch["line_item_tax_type"] = strs["tax_type"]
    batch["line_item_legal_entity"] = tables["legal_entity"].take(take_profile)
    total_discount = nums["edp"] + nums["private"] + nums["bundled"]
    is_discount_row = np.isin(types, [LIT[t] for t in DISCOUNT_TYPES])
    batch["line_item_net_unblended_cost"] = np.where(
        is_discount_row, 0, nums["cost"] + total_discount
    )
    batch["line_item_net_unblended_rate"] = np.where(
        nums["net_rate"] != NA, nums["net_rate"], nums["rate"]
    )

    # product
    for column in PROFILE_COLUMNS:
        batch[column] = tables[column].take(take_profile)

    # pricing
    commitment_slot = np.where(commitment >= 0, commitment, len(ctx.commitments))
    is_ri = ctx.commitment_is_ri[commitment_slot]
    ri_rows = is_ri & np.isin(types, [LIT["DiscountedUsage"], LIT["RIFee"], LIT["Fee"]])
    variant = np.zeros(n, np.int64)
    on_demand = (
        np.isin(types, [LIT["Usage"], LIT["SavingsPlanCoveredUsage"]])
        & ~ctx.spot[profile]
        & ~ctx.marketplace[profile]
    )
    variant[on_demand] = 1
    variant[ri_rows & (types != LIT["Fee"])] = 2
    variant[ri_rows & (types == LIT["Fee"])] = 3
    take_variant = pa.array(profile.astype(np.int64) * 4 + variant)
    term = np.zeros(n, np.int64)
    term[on_demand] = 1
    term[(types == LIT["Usage"]) & ctx.spot[profile]] = 2
    term[ri_rows] = 3
    has_pricing = term != 0
    batch["pricing_currency"] = pc.if_else(pa.array(has_pricing), "USD", "")
    batch["pricing_lease_contract_length"] = pc.if_else(pa.array(ri_rows), "1yr", "")
    batch["pricing_offering_class"] = pc.if_else(pa.array(ri_rows), "standard", "")
    batch["pricing_public_on_demand_cost"] = nums["od_cost"]
    batch["pricing_public_on_demand_rate"] = nums["od_rate"]
    batch["pricing_purchase_option"] = pc.if_else(pa.array(ri_rows), "Partial Upfront", "")
    batch["pricing_rate_code"] = tables["rate_code"].take(take_variant)
    batch["pricing_rate_id"] = tables["rate_id"].take(take_variant)
    batch["pricing_term"] = pa.array(["", "OnDemand", "Spot", "Reserved"]).take(pa.array(term))
    units = tables["unit"].take(take_profile)
    batch["pricing_unit"] = pc.if_else(pa.array(has_pricing | usage_like), units, "")

    # commitments
    commitments = ctx.commitments
    take_commitment = pa.array(commitment_slot.astype(np.int64))

    def commitment_attr(kind: str, getter) -> pa.Array:
        values = [getter(c) if c.kind == kind else "" for c in commitments] + [""]
        return pa.array(values, pa.string()).take(take_commitment)

    batch["reservation_amortized_upfront_cost_for_usage"] = nums["ri_upfront_usage"]
    batch["reservation_amortized_upfront_fee_for_billing_period"] = nums["ri_upfront_period"]
    batch["reservation_availability_zone"] = _repeat("", n)
    batch["reservation_effective_cost"] = nums["ri_eff"]
    batch["reservation_end_time"] = commitment_attr("ri", lambda c: c.end_text)
    batch["reservation_modification_status"] = commitment_attr("ri", lambda c: "Original")
    batch["reservation_net_amortized_upfront_cost_for_usage"] = nums["ri_upfront_usage"]
    batch["reservation_net_amortized_upfront_fee_for_billing_period"] = nums["ri_upfront_period"]
    batch["reservation_net_effective_cost"] = nums["ri_eff"]
    batch["reservation_net_recurring_fee_for_usage"] = nums["ri_recurring_usage"]
    batch["reservation_net_unused_amortized_upfront_fee_for_billing_period"] = nums[
        "ri_unused_upfront"
    ]
    batch["reservation_net_unused_recurring_fee"] = nums["ri_unused_recurring"]
    batch["reservation_net_upfront_value"] = nums["ri_upfront_value"]
    is_ri_fee = (types == LIT["RIFee"]) & is_ri
    counts = np.array([c.count if c.kind == "ri" else 0 for c in commitments] + [0], np.int64)[
        commitment_slot
    ]
    norms = np.array(
        [c.normalization_factor if c.kind == "ri" else 0 for c in commitments] + [0], np.int64
    )[commitment_slot]
    batch["reservation_normalized_units_per_reservation"] = np.where(
        is_ri_fee, month.hours * norms, NA
    )
    batch["reservation_number_of_reservations"] = np.where(is_ri_fee, counts, NA)
    batch["reservation_recurring_fee_for_usage"] = nums["ri_recurring_usage"]
    batch["reservation_reservation_a_r_n"] = commitment_attr("ri", lambda c: c.arn)
    batch["reservation_start_time"] = commitment_attr("ri", lambda c: c.start_text)
    batch["reservation_subscription_id"] = commitment_attr("ri", lambda c: c.subscription_id)
    total_units = nums["ri_total_units"]
    batch["reservation_total_reserved_normalized_units"] = np.where(
        total_units != NA, total_units * norms, NA
    )
    batch["reservation_total_reserved_units"] = total_units
    batch["reservation_units_per_reservation"] = np.where(is_ri_fee, month.hours, NA)
    batch["reservation_unused_amortized_upfront_fee_for_billing_period"] = nums["ri_unused_upfront"]
    batch["reservation_unused_normalized_unit_quantity"] = nums["ri_unused_qty"] * norms
    batch["reservation_unused_quantity"] = nums["ri_unused_qty"]
    batch["reservation_unused_recurring_fee"] = nums["ri_unused_recurring"]
    batch["reservation_upfront_value"] = nums["ri_upfront_value"]

    # discounts
    batch["discount_bundled_discount"] = nums["bundled"]
    batch["discount_total_discount"] = total_discount
    batch["discount_edp_discount"] = nums["edp"]
    batch["discount_private_rate_discount"] = nums["private"]

    # savings plans
    batch["savings_plan_total_commitment_to_date"] = nums["sp_total"]
    batch["savings_plan_savings_plan_a_r_n"] = commitment_attr("sp", lambda c: c.arn)
    batch["savings_plan_savings_plan_rate"] = nums["sp_rate"]
    batch["savings_plan_used_commitment"] = nums["sp_used"]
    batch["savings_plan_savings_plan_effective_cost"] = nums["sp_eff"]
    batch["savings_plan_amortized_upfront_commitment_for_billing_period"] = nums[
        "sp_upfront_period"
    ]
    batch["savings_plan_recurring_commitment_for_billing_period"] = nums["sp_recurring_period"]
    batch["savings_plan_start_time"] = commitment_attr("sp", lambda c: c.start_text)
    batch["savings_plan_end_time"] = commitment_attr("sp", lambda c: c.end_text)
    batch["savings_plan_offering_type"] = commitment_attr("sp", lambda c: "ComputeSavingsPlans")
    batch["savings_plan_payment_option"] = commitment_attr("sp", lambda c: "Partial Upfront")
    batch["savings_plan_purchase_term"] = commitment_attr("sp", lambda c: "1yr")
    batch["savings_plan_region"] = _repeat("", n)
    batch["savings_plan_instance_type_family"] = _repeat("", n)
    batch["savings_plan_net_savings_plan_effective_cost"] = nums["sp_eff"]
    batch["savings_plan_net_amortized_upfront_commitment_for_billing_period"] = nums[
        "sp_upfront_period"
    ]
    batch["savings_plan_net_recurring_commitment_for_billing_period"] = nums["sp_recurring_period"]

    # tags and cost categories
    for column in TAG_COLUMNS:
        batch[column] = _string_column(spec.get(column), n)
    batch["cost_category_business_unit"] = pa.array([a.business_unit for a in ACCOUNTS]).take(
        take_account
    )
    for column in CUR2_ONLY:
        if column.startswith("capacity_reservation_"):
            batch[column] = _repeat("", n)
    return batch


def concat_batches(batches: Sequence[dict]) -> dict:
    batches = [b for b in batches if b["n"]]
    if len(batches) == 1:
        return batches[0]
    merged: dict[str, object] = {"n": sum(b["n"] for b in batches)}
    for key in batches[0]:
        if key == "n":
            continue
        values = [b[key] for b in batches]
        if isinstance(values[0], pa.Array):
            merged[key] = pa.concat_arrays(values)
        else:
            merged[key] = np.concatenate(values)
    return merged


def amortized_cost(batch: dict) -> np.ndarray:
    """AWS amortized cost per row (the CASE in the Cloud Intelligence Dashboards summary view)."""
    types = batch["line_item_line_item_type"]
    cost = batch["line_item_unblended_cost"]

    def is_type(name: str) -> np.ndarray:
        return pc.equal(types, name).to_numpy(zero_copy_only=False)

    has_ri = pc.not_equal(batch["reservation_reservation_a_r_n"], "").to_numpy(zero_copy_only=False)
    result = cost.copy()
    result = np.where(
        is_type("SavingsPlanCoveredUsage"),
        batch["savings_plan_savings_plan_effective_cost"],
        result,
    )
    result = np.where(
        is_type("SavingsPlanRecurringFee"),
        batch["savings_plan_total_commitment_to_date"] - batch["savings_plan_used_commitment"],
        result,
    )
    result = np.where(is_type("SavingsPlanNegation") | is_type("SavingsPlanUpfrontFee"), 0, result)
    result = np.where(is_type("DiscountedUsage"), batch["reservation_effective_cost"], result)
    result = np.where(
        is_type("RIFee"),
        batch["reservation_unused_amortized_upfront_fee_for_billing_period"]
        + batch["reservation_unused_recurring_fee"],
        result,
    )
    result = np.where(is_type("Fee") & has_ri, 0, result)
    return result


# --------------------------------------------------------------------------------------------
# Shape conversion
# --------------------------------------------------------------------------------------------


def _parquet_value(name: str, value) -> pa.Array:
    kind = column_kind(name)
    if kind == "ts":
        return pa.array(value, pa.int64()).cast(pa.timestamp("ms"))
    if kind in ("money", "qty"):
        return e10_floats(value)
    if kind == "rate":
        return e10_strings(value)
    if kind == "count":
        return count_strings(value)
    return value


def build_map_array(keys: Sequence[str], values: Sequence[pa.Array]) -> pa.MapArray:
    """MAP<string,string> from parallel string columns; '' means the key is absent."""
    n = len(values[0])
    present = np.empty((n, len(keys)), dtype=bool)
    for j, column in enumerate(values):
        present[:, j] = pc.not_equal(column, "").to_numpy(zero_copy_only=False)
    offsets = np.zeros(n + 1, np.int32)
    np.cumsum(present.sum(axis=1), out=offsets[1:])
    rows, cols = np.nonzero(present)
    stacked = pa.concat_arrays([v.cast(pa.string()) for v in values])
    items = stacked.take(pa.array(cols.astype(np.int64) * n + rows))
    key_array = pa.array(list(keys), pa.string()).take(pa.array(cols.astype(np.int64)))
    return pa.MapArray.from_arrays(pa.array(offsets), key_array, items)


def to_cur2_table(batch: dict) -> pa.Table:
    arrays = []
    for name in CUR2_COLUMNS:
        if name in MAPPED_GROUPS:
            _, headers = MAPPED_GROUPS[name]
            columns = []
            for header in headers:
                value = batch[athena_column_name(header)]
                if column_kind(athena_column_name(header)) == "money":
                    value = pc.if_else(pa.array(np.asarray(value) == 0), "", e10_strings(value))
                columns.append(value)
            arrays.append(build_map_array([map_key(name, h) for h in headers], columns))
        else:
            arrays.append(_parquet_value(name, batch[name]))
    return pa.Table.from_arrays(arrays, schema=CUR2_SCHEMA)


def to_legacy_parquet_table(batch: dict) -> pa.Table:
    arrays = [_parquet_value(name, batch[name]) for name in LEGACY_COLUMNS]
    return pa.Table.from_arrays(arrays, schema=LEGACY_PARQUET_SCHEMA)


def _csv_value(name: str, value) -> pa.Array:
    kind = column_kind(name)
    if kind == "ts":
        ms = np.asarray(value, np.int64)
        unique, inverse = np.unique(ms, return_inverse=True)
        labels = pa.array([iso_z(int(v)) for v in unique], pa.string())
        text = labels.take(pa.array(inverse.reshape(-1).astype(np.int64)))
    elif kind in ("money", "qty"):
        text = e10_strings(value)
    elif kind == "rate":
        text = e10_strings(value)
    elif kind == "count":
        text = count_strings(value)
    else:
        text = value
    # empty fields are written unquoted (as null), the way the legacy report leaves them blank
    return pc.if_else(pc.equal(text, ""), pa.scalar(None, pa.string()), text)


def to_legacy_csv_table(batch: dict) -> pa.Table:
    arrays = [_csv_value(name, batch[name]) for name in LEGACY_COLUMNS]
    return pa.Table.from_arrays(arrays, schema=LEGACY_CSV_SCHEMA)


CONVERTERS = {
    "cur2": to_cur2_table,
    "legacy_csv": to_legacy_csv_table,
    "legacy_parquet": to_legacy_parquet_table,
}

# --------------------------------------------------------------------------------------------
# Writers (one export/report per payer, one file per month)
# --------------------------------------------------------------------------------------------


def export_name(payer: Payer, shape: str) -> str:
    return f"{payer.slug}-cur2" if shape == "cur2" else f"{payer.slug}-cur"


def shape_file(root: Path, shape: str, payer: Payer, month: Month) -> Path:
    name = export_name(payer, shape)
    base = root / "aws" / SHAPE_DIRS[shape] / name
    if shape == "cur2":
        return base / "data" / f"BILLING_PERIOD={month.label}" / f"{name}-00001.snappy.parquet"
    if shape == "legacy_csv":
        period = f"{month.start:%Y%m%d}-{month.end:%Y%m%d}"
        return base / period / f"{name}-00001.csv.gz"
    return (
        base
        / name
        / f"year={month.start.year}"
        / f"month={month.start.month}"
        / f"{name}-00001.snappy.parquet"
    )


class ShapeSink:
    """Streams tables of one shape, payer and month into one file."""

    def __init__(self, root: Path, shape: str, payer: Payer, month: Month) -> None:
        self.root, self.shape, self.payer, self.month = root, shape, payer, month
        self.path = shape_file(root, shape, payer, month)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.rows = 0
        if shape == "legacy_csv":
            # Python's gzip at level 6 is several times faster than Arrow's gzip stream; mtime=0
            # and no file name in the header keep the bytes deterministic.
            self._raw = self.path.open("wb")
            self._gzip = gzip.GzipFile(
                filename="", mode="wb", fileobj=self._raw, compresslevel=6, mtime=0
            )
            self._stream = pa.PythonFile(self._gzip, mode="w")
            self._writer = pacsv.CSVWriter(
                self._stream,
                LEGACY_CSV_SCHEMA,
                write_options=pacsv.WriteOptions(quoting_style="needed"),
            )
        else:
            schema = CUR2_SCHEMA if shape == "cur2" else LEGACY_PARQUET_SCHEMA
            self._writer = pq.ParquetWriter(str(self.path), schema, compression="snappy")

    def write(self, table: pa.Table) -> None:
        if table.num_rows:
            self._writer.write_table(table)
            self.rows += table.num_rows

    def close(self) -> None:
        self._writer.close()
        if self.shape == "legacy_csv":
            self._stream.close()
            self._gzip.close()
            self._raw.close()
        self._write_manifest()

    def _write_manifest(self) -> None:
        relative = self.path.relative_to(self.root / "aws" / SHAPE_DIRS[self.shape]).as_posix()
        bucket = f"{self.payer.slug}-billing-exports"
        name = export_name(self.payer, self.shape)
        if self.shape == "cur2":
            manifest = {
                "exportArn": f"arn:aws:bcm-data-exports:us-east-1:{self.payer.account_id}:"
                f"export/{name}-{stable_uuid('export', name)}",
                "exportName": name,
                "executionId": stable_uuid("execution", name, self.month.label),
                "billingPeriod": {
                    "start": iso_z(self.month.start_ms, millis=True),
                    "end": iso_z(self.month.end_ms, millis=True),
                },
                "queryStatement": f"SELECT {', '.join(CUR2_COLUMNS)} FROM COST_AND_USAGE_REPORT",
                "tableConfigurations": {
                    "COST_AND_USAGE_REPORT": {
                        "TIME_GRANULARITY": "DAILY",
                        "INCLUDE_RESOURCES": "TRUE",
                        "INCLUDE_MANUAL_DISCOUNT_COMPATIBILITY": "FALSE",
                        "INCLUDE_SPLIT_COST_ALLOCATION_DATA": "FALSE",
                    }
                },
                "columns": [{"name": f.name, "type": _manifest_type(f.type)} for f in CUR2_SCHEMA],
                "dataFiles": [f"s3://{bucket}/cur2/{relative}"],
                "additionalOutputFiles": [],
                "rowCount": self.rows,
            }
            path = (
                self.root
                / "aws"
                / "cur2"
                / name
                / "metadata"
                / f"BILLING_PERIOD={self.month.label}"
                / f"{name}-Manifest.json"
            )
        elif self.shape == "legacy_csv":
            manifest = {
                "assemblyId": stable_uuid("assembly", name, self.month.label),
                "account": self.payer.account_id,
                "columns": [
                    {
                        "category": h.split("/", 1)[0],
                        "name": h.split("/", 1)[1],
                        "type": _legacy_type(athena_column_name(h)),
                    }
                    for h in LEGACY_CSV_HEADERS
                ],
                "charset": "UTF-8",
                "compression": "GZIP",
                "contentType": "text/csv",
                "reportId": stable_uuid("report", name),
                "reportName": name,
                "billingPeriod": {
                    "start": f"{self.month.start:%Y%m%d}T000000.000Z",
                    "end": f"{self.month.end:%Y%m%d}T000000.000Z",
                },
                "bucket": bucket,
                "reportKeys": [f"cur/{relative}"],
                "additionalArtifactKeys": [],
            }
            path = self.path.parent / f"{name}-Manifest.json"
        else:
            return
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")


def _manifest_type(data_type: pa.DataType) -> str:
    if pa.types.is_map(data_type):
        return "map<string,string>"
    if pa.types.is_timestamp(data_type):
        return "timestamp"
    if pa.types.is_floating(data_type):
        return "double"
    return "string"


def _legacy_type(name: str) -> str:
    kind = column_kind(name)
    return {"ts": "DateTime", "money": "BigDecimal", "qty": "BigDecimal"}.get(kind, "String")


@dataclass
class Stats:
    """Rows, files and exact totals of one run, written to aws/_generated.json."""

    seed: int | None
    rows_requested: int | None
    shapes: Sequence[str]
    months: dict[str, dict] = field(default_factory=dict)
    files: dict[str, dict[str, dict[str, int]]] = field(default_factory=dict)

    def add_batch(self, month: Month, batch: dict) -> None:
        entry = self.months.setdefault(
            month.label,
            {
                "rows": 0,
                "unblended_cost": 0,
                "amortized_cost": 0,
                "net_unblended_cost": 0,
                "rows_by_line_item_type": {t: 0 for t in LINE_ITEM_TYPES},
            },
        )
        entry["rows"] += batch["n"]
        entry["unblended_cost"] += int(batch["line_item_unblended_cost"].sum())
        entry["net_unblended_cost"] += int(batch["line_item_net_unblended_cost"].sum())
        entry["amortized_cost"] += int(amortized_cost(batch).sum())
        counts = pc.value_counts(batch["line_item_line_item_type"]).to_pylist()
        for item in counts:
            entry["rows_by_line_item_type"][item["values"]] += item["counts"]

    def to_json(self) -> dict:
        months = {}
        for label, entry in self.months.items():
            months[label] = {
                "rows": entry["rows"],
                "unblended_cost": e10_to_str(entry["unblended_cost"]),
                "net_unblended_cost": e10_to_str(entry["net_unblended_cost"]),
                "amortized_cost": e10_to_str(entry["amortized_cost"]),
                "rows_by_line_item_type": entry["rows_by_line_item_type"],
            }
        return {
            "generator": "scripts/generate_aws_cur.py",
            "seed": self.seed,
            "rows_requested": self.rows_requested,
            "rows_written": sum(e["rows"] for e in self.months.values()),
            "shapes": list(self.shapes),
            "months": months,
            "files": self.files,
        }


class MonthWriter:
    """Converts each canonical batch once per shape and routes rows to per-payer files."""

    def __init__(self, root: Path, shapes: Sequence[str], month: Month, stats: Stats) -> None:
        self.root, self.month, self.stats, self.shapes = root, month, stats, shapes
        self.sinks: dict[tuple[str, int], ShapeSink] = {}  # opened on a payer's first row

    def _sink(self, shape: str, payer: int) -> ShapeSink:
        if (shape, payer) not in self.sinks:
            self.sinks[(shape, payer)] = ShapeSink(self.root, shape, PAYERS[payer], self.month)
        return self.sinks[(shape, payer)]

    def write(self, batch: dict) -> None:
        if not batch["n"]:
            return
        self.stats.add_batch(self.month, batch)
        n = batch["n"]
        for start in range(0, n, WRITE_CHUNK_ROWS):
            chunk = slice_batch(batch, start, min(n, start + WRITE_CHUNK_ROWS))
            masks = {p: pa.array(chunk["_payer"] == p) for p in np.unique(chunk["_payer"])}
            for shape in self.shapes:
                table = CONVERTERS[shape](chunk)
                for p, mask in masks.items():
                    self._sink(shape, int(p)).write(table.filter(mask))

    def close(self) -> None:
        for (shape, _), sink in sorted(self.sinks.items()):
            sink.close()
            relative = sink.path.relative_to(sink.root).as_posix()
            self.stats.files.setdefault(shape, {}).setdefault(self.month.label, {})[relative] = (
                sink.rows
            )


def slice_batch(batch: dict, start: int, stop: int) -> dict:
    if start == 0 and stop == batch["n"]:
        return batch
    sliced: dict[str, object] = {"n": stop - start}
    for key, value in batch.items():
        if key != "n":
            sliced[key] = (
                value.slice(start, stop - start)
                if isinstance(value, pa.Array)
                else value[start:stop]
            )
    return sliced


# --------------------------------------------------------------------------------------------
# Fixture: a hand-authored CSV of line items written in all three shapes
# --------------------------------------------------------------------------------------------

FIXTURE_COMMITMENTS = (
    Commitment(
        "ri",
        "arn:aws:ec2:us-east-1:318273645546:reserved-instances/"
        "3f2a9c1e-7b4d-4e8a-9c61-0d5e2b7a1f04",
        "318273645546",
        date(2025, 1, 1),
        "0.02",
        "0.03",
        count=1,
        normalization_factor=4,
        subscription_id="4102938475",
    ),
    Commitment(
        "sp",
        "arn:aws:savingsplans::210987654321:savingsplan/8c1d7e2f-5a3b-4c9d-8e7f-1a2b3c4d5e6f",
        "210987654321",
        date(2025, 1, 1),
        "0.05",
        "0.05",
    ),
)
FIXTURE_NUMERIC = {
    # fixture CSV column -> spec key
    "usage_amount": "usage",
    "unblended_rate": "rate",
    "unblended_cost": "cost",
    "public_on_demand_rate": "od_rate",
    "public_on_demand_cost": "od_cost",
    "edp_discount": "edp",
    "private_rate_discount": "private",
    "bundled_discount": "bundled",
    "sp_rate": "sp_rate",
    "sp_effective_cost": "sp_eff",
    "sp_total_commitment": "sp_total",
    "sp_used_commitment": "sp_used",
    "sp_recurring_commitment": "sp_recurring_period",
    "sp_amortized_upfront_commitment": "sp_upfront_period",
    "ri_effective_cost": "ri_eff",
    "ri_amortized_upfront_cost_for_usage": "ri_upfront_usage",
    "ri_recurring_fee_for_usage": "ri_recurring_usage",
    "ri_unused_quantity": "ri_unused_qty",
    "ri_unused_recurring_fee": "ri_unused_recurring",
    "ri_unused_amortized_upfront_fee": "ri_unused_upfront",
    "ri_amortized_upfront_fee_for_billing_period": "ri_upfront_period",
    "ri_upfront_value": "ri_upfront_value",
    "ri_total_reserved_units": "ri_total_units",
}
FIXTURE_TAGS = {  # fixture tag key -> canonical tag column
    athena_column_name(h).removeprefix("resource_tags_"): athena_column_name(h) for h in TAG_HEADERS
}


def _fixture_time(text: str) -> int:
    moment = datetime.strptime(text.strip(), "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=timezone.utc)
    return int(moment.timestamp() * 1000)


def read_fixture(path: Path) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as handle:
        return [row for row in csv.DictReader(handle) if not row["row"].startswith("#")]


def fixture_spec(rows: Sequence[dict[str, str]], ctx: Context) -> dict:
    """Row spec for fixture rows of one billing month."""
    commitment_index = {f"{c.kind}": i for i, c in enumerate(ctx.commitments)}
    spec: dict[str, list] = {
        k: []
        for k in (
            "type",
            "account",
            "profile",
            "start_ms",
            "end_ms",
            "bill_type",
            "commitment",
            *SPEC_DEFAULTS_STR,
            *SPEC_DEFAULTS_INT,
            *TAG_COLUMNS,
        )
    }
    for row in rows:
        spec["type"].append(LIT[row["line_item_type"]])
        spec["account"].append(ACCOUNT_INDEX[row["usage_account_id"]])
        spec["profile"].append(ctx.profile(row["profile"]))
        spec["start_ms"].append(_fixture_time(row["usage_start"]))
        spec["end_ms"].append(_fixture_time(row["usage_end"]))
        spec["bill_type"].append(BT[row["bill_type"] or "Anniversary"])
        spec["commitment"].append(commitment_index[row["commitment"]] if row["commitment"] else -1)
        for key in SPEC_DEFAULTS_STR:
            spec[key].append(row.get(key, "") or "")
        for column, key in FIXTURE_NUMERIC.items():
            text = row.get(column, "")
            default = SPEC_DEFAULTS_INT[key]
            if key == "ri_total_units":
                spec[key].append(int(text) if text else default)
            else:
                spec[key].append(to_e10(text) if text else default)
        spec["net_rate"].append(NA)
        tags = dict(part.split("=", 1) for part in row["tags"].split(";") if part)
        for key, column in FIXTURE_TAGS.items():
            spec[column].append(tags.get(key, ""))
    return spec


def write_fixture(source: Path, out: Path, shapes: Sequence[str]) -> Stats:
    """Write the hand-authored fixture in every shape with the generator's own writers."""
    rows = read_fixture(source)
    ctx = Context(build_profiles(), list(FIXTURE_COMMITMENTS))
    stats = Stats(seed=None, rows_requested=len(rows), shapes=shapes)
    months = sorted({row["billing_period"] for row in rows})
    _clear_shapes(out, shapes)
    for label in months:
        month = Month.parse(label)
        month_rows = [row for row in rows if row["billing_period"] == label]
        rng = np.random.default_rng([stable_int("fixture", label, digits=9)])
        batch = assemble(fixture_spec(month_rows, ctx), month, ctx, rng)
        writer = MonthWriter(out, shapes, month, stats)
        writer.write(batch)
        writer.close()
        LOG.info("fixture %s: %d line items", label, batch["n"])
    _write_summary(out, stats)
    return stats


# --------------------------------------------------------------------------------------------
# Generator
# --------------------------------------------------------------------------------------------

ACME_PROD = ACCOUNT_INDEX["318273645546"]
ACME_DEV = ACCOUNT_INDEX["427364554637"]
ACME_DATA = ACCOUNT_INDEX["536455463728"]
GLOBEX_WEB = ACCOUNT_INDEX["754637281900"]
GLOBEX_ML = ACCOUNT_INDEX["863728190012"]
LINKED_ACCOUNTS = (ACME_PROD, ACME_DEV, ACME_DATA, GLOBEX_WEB, GLOBEX_ML)
ACCOUNT_WEIGHTS = (0.3, 0.15, 0.15, 0.25, 0.15)
BUNDLED_ACCOUNTS = (ACME_PROD,)  # NAT gateway hours waived by AWS Network Firewall
APPLICATIONS = ("storefront", "payments", "catalog", "etl", "reporting", "recommendations")
ANCHORS = (
    # (name, sku, account, region, zone, hours on weekdays, hours on weekends)
    ("ri-1", "ec2_m5_large", ACME_PROD, "us-east-1", "a", 24, 24),
    ("ri-2", "ec2_m5_large", ACME_PROD, "us-east-1", "b", 24, 16),
    ("ri-3", "ec2_m5_large", ACME_PROD, "us-east-1", "c", 24, 24),
    ("sp-1", "ec2_c6i_large", ACME_PROD, "us-east-1", "a", 24, 24),
    ("sp-2", "ec2_c6i_xlarge", ACME_DATA, "us-east-1", "b", 24, 24),
    ("spot-1", "ec2_spot_c5_2xlarge", ACME_DEV, "us-east-1", "a", 20, 8),
    ("nat-1", "ec2_nat_gateway", ACME_PROD, "us-east-1", "a", 24, 24),
    ("s3-1", "s3_standard_storage", GLOBEX_WEB, "us-east-1", "", 0, 0),
    ("mp-1", "marketplace_hosts", ACME_PROD, "us-east-1", "", 24, 24),
    ("bedrock-1", "bedrock_input_tokens", GLOBEX_ML, "us-east-1", "", 0, 0),
)


def _resource_id(kind: str, account: Account, region: Region, serial: int, token: str) -> str:
    acct, code = account.account_id, region.code
    name = f"{account.name}-{serial:05d}"
    if kind == "ec2":
        return f"i-0{token[:16].lower()}"
    if kind == "ebs":
        return f"vol-0{token[:16].lower()}"
    if kind == "snapshot":
        return f"arn:aws:ec2:{code}:{acct}:snapshot/snap-0{token[:16].lower()}"
    if kind == "nat":
        return f"arn:aws:ec2:{code}:{acct}:natgateway/nat-0{token[:16].lower()}"
    if kind == "s3":
        return f"{name}-bucket"
    if kind == "rds":
        return f"arn:aws:rds:{code}:{acct}:db:{name}-db"
    if kind == "lambda":
        return f"arn:aws:lambda:{code}:{acct}:function:{name}-fn"
    if kind == "cloudfront":
        return f"arn:aws:cloudfront::{acct}:distribution/E{token[:13]}"
    if kind == "dynamodb":
        return f"arn:aws:dynamodb:{code}:{acct}:table/{name}-table"
    if kind == "loggroup":
        return f"arn:aws:logs:{code}:{acct}:log-group:/aws/{name}"
    if kind == "eks":
        return f"arn:aws:eks:{code}:{acct}:cluster/{name}-cluster"
    if kind == "sagemaker":
        return f"arn:aws:sagemaker:{code}:{acct}:endpoint/{name}-endpoint"
    return ""


@dataclass
class ResourcePool:
    """Long-lived resources that bulk usage rows are drawn from, one row per resource and day."""

    sku: np.ndarray
    account: np.ndarray
    profile: np.ndarray
    zone: pa.Array
    resource_id: pa.Array
    base: np.ndarray  # typical daily usage, as a float in the SKU's unit
    tags: dict[str, pa.Array]

    @property
    def size(self) -> int:
        return len(self.sku)


def build_pool(size: int, rng: np.random.Generator, ctx: Context) -> ResourcePool:
    weights = np.array([s.weight for s in SKUS], float)
    sku = rng.choice(len(SKUS), size=size, p=weights / weights.sum())
    account_weights = np.array(ACCOUNT_WEIGHTS)
    account = rng.choice(LINKED_ACCOUNTS, size=size, p=account_weights / account_weights.sum())
    for index, spec in enumerate(SKUS):  # restricted SKUs go to their own accounts
        if spec.accounts:
            rows = np.nonzero(sku == index)[0]
            allowed = [ACCOUNT_INDEX[a] for a in spec.accounts]
            account[rows] = rng.choice(allowed, size=len(rows))
    region = rng.choice(len(REGIONS), size=size, p=np.array(REGION_WEIGHTS))
    profile = np.empty(size, np.int32)
    zones, resource_ids = [], []
    tag_values: dict[str, list[str]] = {c: [] for c in TAG_COLUMNS}
    tagged = rng.random(size) < 0.85
    created = rng.random(size) < 0.3
    team_pick = rng.integers(0, 1000, size)
    app_pick = rng.integers(0, len(APPLICATIONS), size)
    zone_pick = rng.integers(0, 3, size)
    tokens = rng.integers(0, 2**62, size)
    for i in range(size):
        spec = SKUS[sku[i]]
        reg = REGIONS[0] if spec.regions == "us-east-1" else REGIONS[region[i]]
        key = f"{spec.key}@{'global' if spec.regions == 'global' else reg.code}"
        profile[i] = ctx.profile_index[key]
        if spec.regions == "us-east-1":
            region[i] = 0
        with_zone = spec.usage == "hours" or spec.resource in ("ebs",)
        zones.append(
            f"{reg.code}{reg.zones[zone_pick[i] % len(reg.zones)]}"
            if with_zone and spec.regions != "global"
            else ""
        )
        acct = ACCOUNTS[account[i]]
        resource_ids.append(_resource_id(spec.resource, acct, reg, i, f"{tokens[i]:016x}"))
        has_tags = bool(tagged[i]) and spec.resource != "none"
        tag_values["resource_tags_user_cost_center"].append(acct.cost_center if has_tags else "")
        tag_values["resource_tags_user_environment"].append(acct.environment if has_tags else "")
        tag_values["resource_tags_user_team"].append(
            acct.teams[team_pick[i] % len(acct.teams)] if has_tags else ""
        )
        tag_values["resource_tags_user_application"].append(
            APPLICATIONS[app_pick[i]] if has_tags else ""
        )
        tag_values["resource_tags_aws_created_by"].append(
            f"AssumedRole:AROA{stable_token('role', acct.account_id, length=17)}:terraform"
            if has_tags and created[i]
            else ""
        )
    low = np.array([s.base[0] for s in SKUS])[sku]
    high = np.array([s.base[1] for s in SKUS])[sku]
    base = np.exp(rng.uniform(np.log(np.maximum(low, 1e-3)), np.log(high)))
    return ResourcePool(
        sku=sku.astype(np.int32),
        account=account.astype(np.int32),
        profile=profile,
        zone=pa.array(zones, pa.string()),
        resource_id=pa.array(resource_ids, pa.string()),
        base=base,
        tags={c: pa.array(v, pa.string()) for c, v in tag_values.items()},
    )


SKU_RATE_E10 = np.array([to_e10(s.rate) for s in SKUS], np.int64)
SKU_RATE_DP = np.array([decimals_of(s.rate) for s in SKUS], np.int64)
SKU_SPOT_E10 = np.array([to_e10(s.spot_rate) if s.spot_rate else 0 for s in SKUS], np.int64)
SKU_SPOT_DP = np.array([decimals_of(s.spot_rate) if s.spot_rate else 0 for s in SKUS], np.int64)
SKU_SP_E10 = np.array([to_e10(s.sp_rate) if s.sp_rate else 0 for s in SKUS], np.int64)
SKU_SP_DP = np.array([decimals_of(s.sp_rate) if s.sp_rate else 0 for s in SKUS], np.int64)
SKU_USAGE_DP = np.array([s.usage_dp for s in SKUS], np.int64)
SKU_IS_HOURS = np.array([s.usage == "hours" for s in SKUS], bool)
SKU_IS_GBMO = np.array([s.usage == "gbmo" for s in SKUS], bool)
SKU_SP_ELIGIBLE = np.array([bool(s.sp_rate) for s in SKUS], bool)
SKU_IS_SPOT = np.array([bool(s.spot_rate) for s in SKUS], bool)
SKU_IS_S3_STORAGE = np.array([s.key == "s3_standard_storage" for s in SKUS], bool)
SKU_IS_NAT = np.array([s.key == "ec2_nat_gateway" for s in SKUS], bool)
SKU_IS_MARKETPLACE = np.array([s.product_code == MARKETPLACE_CODE for s in SKUS], bool)
ACCOUNT_PAYER = np.array([PAYER_INDEX[a.payer_id] for a in ACCOUNTS], np.int32)


def daily_usage(
    sku: np.ndarray, base: np.ndarray, days_in_month: int, rng: np.random.Generator
) -> np.ndarray:
    """Usage amounts (e10) for one day, rounded to each SKU's decimals."""
    n = len(sku)
    jitter = rng.uniform(0.7, 1.3, n)
    amount = base * jitter
    hours = np.clip(np.rint(base * rng.uniform(0.85, 1.15, n)), 1, 24)
    hours = np.where(rng.random(n) < 0.7, 24, hours)
    amount = np.where(SKU_IS_HOURS[sku], hours, amount)
    amount = np.where(SKU_IS_GBMO[sku], base * rng.uniform(0.98, 1.02, n) / days_in_month, amount)
    dp = SKU_USAGE_DP[sku]
    scale = 10.0**dp
    units = np.maximum(np.rint(amount * scale), 1).astype(np.int64)
    return units * (10 ** (10 - dp))


@dataclass
class MonthState:
    """Running totals that month-end rows (RIFee, Tax, Support, Credit) are computed from."""

    ri_used_hours: int = 0
    by_account_code: dict[tuple[int, int], int] = field(default_factory=dict)
    refund_basis: int = 0  # acme-prod EC2 on-demand cost on the refund day


class Generator:
    """Deterministic generator of a multi-account AWS bill, one day at a time."""

    def __init__(self, seed: int, rows: int, months: Sequence[Month]) -> None:
        self.seed, self.rows, self.months = seed, rows, list(months)
        self.profiles = build_profiles()
        first = self.months[0].start
        self.ri = Commitment(
            "ri",
            f"arn:aws:ec2:us-east-1:318273645546:reserved-instances/{stable_uuid('ri', seed)}",
            "318273645546",
            first,
            "0.02",
            "0.03",
            count=2,
            normalization_factor=4,
            subscription_id=str(stable_int("sub", seed)),
        )
        self.sp = Commitment(
            "sp",
            f"arn:aws:savingsplans::210987654321:savingsplan/{stable_uuid('sp', seed)}",
            "210987654321",
            first,
            "0",
            "0",
        )
        self.ctx = Context(self.profiles, [self.ri, self.sp])
        self.total_days = sum(m.days for m in self.months)
        self.per_day = rows / self.total_days
        pool_size = max(64, int(self.per_day * 1.3) + 64)
        self.pool = build_pool(pool_size, self._rng("pool"), self.ctx)
        # Row-count feedback: each day draws as many bulk rows as keep the running total on
        # target, given the rows the previous day added on top of its bulk rows.
        self.rows_so_far = 0
        self.last_overhead = len(ANCHORS) + 1
        self.last_month_end_rows = 40
        self.anchor_pool = self._anchor_pool()
        self.refund_day = 10
        self.previous_refund_basis: int | None = None

    def _rng(self, *parts: object) -> np.random.Generator:
        return np.random.default_rng([self.seed, stable_int(*parts, digits=9)])

    def _anchor_pool(self) -> dict[str, np.ndarray | pa.Array]:
        sku, account, profile, zone, resource, weekday, weekend, tags = ([] for _ in range(8))
        for name, sku_key, acct, region_code, zone_letter, hours_wd, hours_we in ANCHORS:
            spec = SKUS[SKU_INDEX[sku_key]]
            sku.append(SKU_INDEX[sku_key])
            account.append(acct)
            profile.append(self.ctx.profile(f"{sku_key}@{region_code}"))
            zone.append(f"{region_code}{zone_letter}" if zone_letter else "")
            token = stable_token("anchor", name, self.seed, alphabet="0123456789abcdef")
            resource.append(
                _resource_id(
                    spec.resource,
                    ACCOUNTS[acct],
                    REGIONS[REGION_INDEX[region_code]],
                    90000 + len(sku),
                    token,
                )
            )
            base = {"gbmo": 30000.0, "count": 200000.0}.get(spec.usage, 0.0)
            weekday.append(hours_wd or base)
            weekend.append(hours_we or base)
            tags.append(ACCOUNTS[acct])
        return {
            "sku": np.array(sku, np.int32),
            "account": np.array(account, np.int32),
            "profile": np.array(profile, np.int32),
            "zone": pa.array(zone, pa.string()),
            "resource_id": pa.array(resource, pa.string()),
            "weekday": np.array(weekday),
            "weekend": np.array(weekend),
            "tags": {
                "resource_tags_user_cost_center": pa.array([a.cost_center for a in tags]),
                "resource_tags_user_environment": pa.array([a.environment for a in tags]),
                "resource_tags_user_team": pa.array([a.teams[0] for a in tags]),
                "resource_tags_user_application": pa.array(["storefront"] * len(tags)),
                "resource_tags_aws_created_by": pa.array([""] * len(tags)),
            },
        }

    # ---- per-day rows ------------------------------------------------------------------

    def _bulk_rows_for(self, month: Month, day: date, day_number: int) -> int:
        target = self.per_day * (day_number + 1)
        if day.day == month.days:
            target -= self.last_month_end_rows
        k = int(round(target - self.rows_so_far - self.last_overhead))
        return max(0, min(k, self.pool.size))

    def _day_usage(self, month: Month, day: date, day_number: int) -> dict:
        """Anchor and bulk usage rows of one day as raw arrays (not yet priced)."""
        rng = self._rng("usage", day.isoformat())
        k = self._bulk_rows_for(month, day, day_number)
        start = (day_number * max(1, self.pool.size // 7)) % self.pool.size
        idx = (start + np.arange(k)) % self.pool.size
        pool = self.pool
        anchors = self.anchor_pool
        weekend = day.weekday() >= 5
        anchor_hours = anchors["weekend"] if weekend else anchors["weekday"]
        sku = np.concatenate([anchors["sku"], pool.sku[idx]])
        usage = daily_usage(pool.sku[idx], pool.base[idx], month.days, rng)
        anchor_sku = anchors["sku"]
        anchor_units = np.where(
            SKU_IS_GBMO[anchor_sku],
            np.rint(anchor_hours / month.days * 10**4) * 10**6,
            anchor_hours * SCALE,
        ).astype(np.int64)
        take = pa.array(idx.astype(np.int64))
        return {
            "sku": sku,
            "account": np.concatenate([anchors["account"], pool.account[idx]]),
            "profile": np.concatenate([anchors["profile"], pool.profile[idx]]),
            "az": pa.concat_arrays([anchors["zone"], pool.zone.take(take)]),
            "resource_id": pa.concat_arrays([anchors["resource_id"], pool.resource_id.take(take)]),
            "usage": np.concatenate([anchor_units, usage]),
            "tags": {
                c: pa.concat_arrays([anchors["tags"][c], pool.tags[c].take(take)])
                for c in TAG_COLUMNS
            },
            "bulk_count": k,
        }

    def _ensure_sp_commitment(self, eligible_eff: int) -> None:
        """Size the Savings Plan from the first day's eligible usage (90% of it)."""
        if self.sp.hourly_recurring != "0":
            return
        hourly = max(Decimal(eligible_eff) / SCALE * Decimal("0.9") / 24, Decimal("0.01"))
        hourly = hourly.quantize(Decimal("0.001"), rounding="ROUND_DOWN")
        half = (hourly / 2).quantize(Decimal("0.0001"))
        self.sp.hourly_upfront = str(half)
        self.sp.hourly_recurring = str(half)

    def day_batch(self, month: Month, day: date, day_number: int, state: MonthState) -> dict:
        raw = self._day_usage(month, day, day_number)
        sku, account, profile = raw["sku"], raw["account"], raw["profile"]
        n = len(sku)
        start_ms = np.full(n, epoch_ms(day), np.int64)
        end_ms = start_ms + 86_400_000
        usage = raw["usage"]
        udp = SKU_USAGE_DP[sku]
        od_rate = SKU_RATE_E10[sku]
        od_cost = mul_e10(usage, od_rate, udp, SKU_RATE_DP[sku])
        rate = np.where(SKU_IS_SPOT[sku], SKU_SPOT_E10[sku], od_rate)
        cost = np.where(
            SKU_IS_SPOT[sku], mul_e10(usage, SKU_SPOT_E10[sku], udp, SKU_SPOT_DP[sku]), od_cost
        )
        types = np.full(n, LIT["Usage"], np.int8)
        commitment = np.full(n, -1, np.int32)
        zeros = np.zeros(n, np.int64)
        ri_cols = {k: zeros.copy() for k in ("ri_eff", "ri_upfront_usage", "ri_recurring_usage")}
        sp_cols = {k: zeros.copy() for k in ("sp_rate", "sp_eff")}

        # 1. Reserved Instance: m5.large in acme-prod, us-east-1, up to its hours per day.
        ri_profile = self.ctx.profile("ec2_m5_large@us-east-1")
        eligible = np.nonzero((profile == ri_profile) & (account == ACME_PROD))[0]
        capacity = self.ri.count * 24 * SCALE
        covered = eligible[np.cumsum(usage[eligible]) <= capacity]
        if len(covered):
            types[covered] = LIT["DiscountedUsage"]
            commitment[covered] = 0
            hours = usage[covered]
            ri_cols["ri_upfront_usage"][covered] = mul_e10(
                hours, to_e10(self.ri.hourly_upfront), 0, 2
            )
            ri_cols["ri_recurring_usage"][covered] = mul_e10(
                hours, to_e10(self.ri.hourly_recurring), 0, 2
            )
            ri_cols["ri_eff"][covered] = (
                ri_cols["ri_upfront_usage"][covered] + ri_cols["ri_recurring_usage"][covered]
            )
            rate[covered] = 0
            cost[covered] = 0
            state.ri_used_hours += int(hours.sum() // SCALE)

        # 2. Compute Savings Plan: eligible usage in Acme's linked accounts, up to commitment.
        sp_eligible = np.nonzero(
            SKU_SP_ELIGIBLE[sku] & (ACCOUNT_PAYER[account] == 0) & (types == LIT["Usage"])
        )[0]
        eff = mul_e10(
            usage[sp_eligible],
            SKU_SP_E10[sku[sp_eligible]],
            udp[sp_eligible],
            SKU_SP_DP[sku[sp_eligible]],
        )
        self._ensure_sp_commitment(int(eff.sum()))
        day_commitment = to_e10(self.sp.hourly_commitment * 24)
        fits = np.cumsum(eff) <= day_commitment
        sp_rows = sp_eligible[fits]
        types[sp_rows] = LIT["SavingsPlanCoveredUsage"]
        commitment[sp_rows] = 1
        sp_cols["sp_rate"][sp_rows] = SKU_SP_E10[sku[sp_rows]]
        sp_cols["sp_eff"][sp_rows] = eff[fits]
        used = int(eff[fits].sum())

        # 3. Discounts on the remaining on-demand usage.
        is_usage = types == LIT["Usage"]
        payer = ACCOUNT_PAYER[account]
        edp_pct = np.array([p.edp_percent for p in PAYERS])[payer]
        private_pct = np.array([p.private_rate_percent for p in PAYERS])[payer]
        bundled = np.where(
            is_usage & SKU_IS_NAT[sku] & np.isin(account, BUNDLED_ACCOUNTS), -cost, 0
        )
        private = np.where(
            is_usage & SKU_IS_S3_STORAGE[sku] & (private_pct > 0), -percent_of(cost, private_pct), 0
        )
        edp_base = is_usage & ~SKU_IS_MARKETPLACE[sku] & (bundled == 0) & (private == 0)
        edp = np.where(edp_base & (edp_pct > 0), -percent_of(cost, edp_pct), 0)
        net_rate = np.where(edp != 0, (rate * (100 - edp_pct) + 50) // 100, rate)
        net_rate = np.where(private != 0, (rate * (100 - private_pct) + 50) // 100, net_rate)
        net_rate = np.where(bundled != 0, 0, net_rate)

        rng = self._rng("ids", day.isoformat())
        usage_spec = {
            "type": types,
            "account": account,
            "profile": profile,
            "start_ms": start_ms,
            "end_ms": end_ms,
            "az": raw["az"],
            "resource_id": raw["resource_id"],
            "usage": usage,
            "rate": rate,
            "cost": cost,
            "od_rate": od_rate,
            "od_cost": od_cost,
            "net_rate": net_rate,
            "edp": edp,
            "private": private,
            "bundled": bundled,
            "commitment": commitment,
            **ri_cols,
            **sp_cols,
            **raw["tags"],
        }
        usage_batch = assemble(usage_spec, month, self.ctx, rng)
        batches = [usage_batch]

        # 4. One SavingsPlanNegation per covered row.
        if len(sp_rows):
            take = pa.array(sp_rows.astype(np.int64))
            negation = {
                "type": np.full(len(sp_rows), LIT["SavingsPlanNegation"], np.int8),
                "account": account[sp_rows],
                "profile": profile[sp_rows],
                "start_ms": start_ms[sp_rows],
                "end_ms": end_ms[sp_rows],
                "az": raw["az"].take(take),
                "resource_id": raw["resource_id"].take(take),
                "usage": usage[sp_rows],
                "rate": -od_rate[sp_rows],
                "cost": -cost[sp_rows],
                "commitment": np.ones(len(sp_rows), np.int32),
                "description": _repeat(
                    f"SavingsPlanNegation used by AccountId : "
                    f"{self.sp.owner_account} and UsageSku : various",
                    len(sp_rows),
                ),
                **{c: raw["tags"][c].take(take) for c in TAG_COLUMNS},
            }
            batches.append(assemble(negation, month, self.ctx, rng))

        # 5. Discount line items, one per account, product and usage type.
        for name, values in (
            ("EdpDiscount", edp),
            ("PrivateRateDiscount", private),
            ("BundledDiscount", bundled),
        ):
            batches.append(self._discount_rows(name, values, account, profile, day, month, rng))

        # 6. The day's Savings Plan recurring fee, and the purchases on the first day.
        batches.append(self._sp_recurring(day, month, used, rng))
        if day == self.months[0].start:
            batches.append(self._purchases(day, month, rng))

        batch = concat_batches(batches)
        self._accumulate(batch, state, day)
        self.rows_so_far += batch["n"]
        self.last_overhead = batch["n"] - raw["bulk_count"]
        return batch

    def _discount_rows(
        self,
        name: str,
        values: np.ndarray,
        account: np.ndarray,
        profile: np.ndarray,
        day: date,
        month: Month,
        rng: np.random.Generator,
    ) -> dict:
        rows = np.nonzero(values)[0]
        if not len(rows):
            return {"n": 0}
        key = account[rows].astype(np.int64) * len(self.profiles) + profile[rows]
        unique, inverse = np.unique(key, return_inverse=True)
        sums = np.zeros(len(unique), np.int64)
        np.add.at(sums, inverse.reshape(-1), values[rows])
        n = len(unique)
        description = {
            "EdpDiscount": "Enterprise Program Discount",
            "PrivateRateDiscount": "Private rate discount",
            "BundledDiscount": "Bundled discount: NAT Gateway hours included with "
            "AWS Network Firewall",
        }[name]
        spec = {
            "type": np.full(n, LIT[name], np.int8),
            "account": (unique // len(self.profiles)).astype(np.int32),
            "profile": (unique % len(self.profiles)).astype(np.int32),
            "start_ms": np.full(n, epoch_ms(day), np.int64),
            "end_ms": np.full(n, epoch_ms(day) + 86_400_000, np.int64),
            "cost": sums,
            "description": _repeat(description, n),
        }
        return assemble(spec, month, self.ctx, rng)

    def _sp_recurring(self, day: date, month: Month, used: int, rng: np.random.Generator) -> dict:
        recurring_rate = to_e10(self.sp.hourly_recurring)
        recurring = recurring_rate * 24
        spec = {
            "type": [LIT["SavingsPlanRecurringFee"]],
            "account": [ACCOUNT_INDEX[self.sp.owner_account]],
            "profile": [self.ctx.profile("compute_savings_plan")],
            "start_ms": [epoch_ms(day)],
            "end_ms": [epoch_ms(day) + 86_400_000],
            "usage": [24 * SCALE],
            "rate": [recurring_rate],
            "cost": [recurring],
            "commitment": [1],
            "sp_total": [to_e10(self.sp.hourly_commitment * 24)],
            "sp_used": [used],
            "sp_recurring_period": [recurring],
            "sp_upfront_period": [to_e10(Decimal(self.sp.hourly_upfront) * 24)],
            "description": [
                f"{self.sp.hourly_commitment} USD hourly commitment for Compute "
                f"Savings Plan, 1 year, Partial Upfront"
            ],
        }
        return assemble(spec, month, self.ctx, rng)

    def _purchases(self, day: date, month: Month, rng: np.random.Generator) -> dict:
        ri_upfront = self.ri.upfront_total
        per_ri = ri_upfront / self.ri.count
        sp_upfront = Decimal(self.sp.hourly_upfront) * 8760
        start = epoch_ms(day)
        spec = {
            "type": [LIT["Fee"], LIT["SavingsPlanUpfrontFee"]],
            "bill_type": [BT["Purchase"], BT["Purchase"]],
            "account": [ACCOUNT_INDEX[self.ri.owner_account], ACCOUNT_INDEX[self.sp.owner_account]],
            "profile": [
                self.ctx.profile("ec2_ri_m5_large@us-east-1"),
                self.ctx.profile("compute_savings_plan"),
            ],
            "start_ms": [start, start],
            "end_ms": [start + 86_400_000, start + 86_400_000],
            "usage": [self.ri.count * SCALE, SCALE],
            "rate": [to_e10(per_ri), to_e10(sp_upfront)],
            "cost": [to_e10(ri_upfront), to_e10(sp_upfront)],
            "ri_upfront_value": [to_e10(ri_upfront), 0],
            "commitment": [0, 1],
            "description": [
                f"Sign up charge for subscription: {self.ri.subscription_id}, "
                f"planId: {stable_int('plan', self.seed, digits=7)}",
                "Upfront fee for Compute Savings Plan, 1 year, Partial Upfront",
            ],
        }
        return assemble(spec, month, self.ctx, rng)

    def _accumulate(self, batch: dict, state: MonthState, day: date) -> None:
        """Add the day's AWS charges per (account, product code) to the month's totals."""
        entity = pc.equal(batch["bill_billing_entity"], AWS_ENTITY).to_numpy(zero_copy_only=False)
        account = pc.index_in(
            batch["line_item_usage_account_id"], pa.array([a.account_id for a in ACCOUNTS])
        ).to_numpy(zero_copy_only=False)
        codes = sorted(PRODUCT_NAMES)
        code = pc.index_in(batch["line_item_product_code"], pa.array(codes)).to_numpy(
            zero_copy_only=False
        )
        cost = batch["line_item_unblended_cost"]
        key = account.astype(np.int64) * len(codes) + code
        sums = np.zeros(len(ACCOUNTS) * len(codes), np.int64)
        np.add.at(sums, key[entity], cost[entity])
        for k in np.nonzero(sums)[0]:
            pair = (int(k // len(codes)), int(k % len(codes)))
            state.by_account_code[pair] = state.by_account_code.get(pair, 0) + int(sums[k])
        if day.day == self.refund_day:
            ec2 = code == codes.index("AmazonEC2")
            usage_rows = pc.equal(batch["line_item_line_item_type"], "Usage").to_numpy(
                zero_copy_only=False
            )
            state.refund_basis = int(cost[(account == ACME_PROD) & ec2 & usage_rows].sum())

    # ---- month-end rows ----------------------------------------------------------------

    def month_end_batch(self, month: Month, month_number: int, state: MonthState) -> dict:
        rng = self._rng("month-end", month.label)
        codes = sorted(PRODUCT_NAMES)
        records: list[dict] = []
        start, end = month.start_ms, month.end_ms

        # RIFee: the month's recurring fee and the unused part of the reservation.
        reserved = self.ri.count * month.hours
        unused = reserved - state.ri_used_hours
        records.append(
            {
                "type": LIT["RIFee"],
                "account": ACCOUNT_INDEX[self.ri.owner_account],
                "profile": self.ctx.profile("ec2_ri_m5_large@us-east-1"),
                "start_ms": start,
                "end_ms": end,
                "usage": reserved * SCALE,
                "rate": to_e10(self.ri.hourly_recurring),
                "cost": to_e10(Decimal(self.ri.hourly_recurring) * reserved),
                "commitment": 0,
                "ri_upfront_period": to_e10(Decimal(self.ri.hourly_upfront) * reserved),
                "ri_unused_qty": unused * SCALE,
                "ri_unused_recurring": to_e10(Decimal(self.ri.hourly_recurring) * unused),
                "ri_unused_upfront": to_e10(Decimal(self.ri.hourly_upfront) * unused),
                "ri_total_units": reserved,
                "description": f"USD {self.ri.hourly_recurring} hourly fee per Linux/UNIX "
                f"(Amazon VPC), m5.large instance",
            }
        )

        # Credit: promotional credit on acme-dev's EC2 usage (5%, to the cent).
        dev_ec2 = state.by_account_code.get((ACME_DEV, codes.index("AmazonEC2")), 0)
        credit = -to_e10((Decimal(dev_ec2) / SCALE * Decimal("0.05")).quantize(Decimal("0.01")))
        if credit:
            records.append(
                {
                    "type": LIT["Credit"],
                    "account": ACME_DEV,
                    "profile": self.ctx.profile("svc:AmazonEC2"),
                    "start_ms": start,
                    "end_ms": end,
                    "cost": credit,
                    "description": "AWS Promotional Credit",
                }
            )

        # Refund: a correction of an earlier period (the previous month's refund day).
        refund_month = self.months[month_number - 1] if month_number else month
        if month_number:
            basis = self.previous_refund_basis
        else:  # a one-month run still gets a refund, for a day earlier in the same month
            basis = state.refund_basis if len(self.months) == 1 else None
        if basis:
            refund = -to_e10((Decimal(basis) / SCALE * Decimal("0.1")).quantize(Decimal("0.01")))
            day = date(refund_month.start.year, refund_month.start.month, self.refund_day)
            records.append(
                {
                    "type": LIT["Refund"],
                    "bill_type": BT["Refund"],
                    "account": ACME_PROD,
                    "profile": self.ctx.profile("svc:AmazonEC2"),
                    "start_ms": epoch_ms(day),
                    "end_ms": epoch_ms(day) + 86_400_000,
                    "cost": refund,
                    "description": f"Refund for the service event of {day.isoformat()}",
                }
            )
        self.previous_refund_basis = state.refund_basis

        # Support (a Fee without a reservation): 10% of the payer's AWS charges, at least $100.
        for p, payer in enumerate(PAYERS):
            spend = sum(v for (a, _), v in state.by_account_code.items() if ACCOUNT_PAYER[a] == p)
            fee = max(
                Decimal("100.00"),
                (Decimal(spend) / SCALE * Decimal("0.1")).quantize(Decimal("0.01")),
            )
            records.append(
                {
                    "type": LIT["Fee"],
                    "account": ACCOUNT_INDEX[payer.account_id],
                    "profile": self.ctx.profile("support_business"),
                    "start_ms": start,
                    "end_ms": end,
                    "usage": SCALE,
                    "rate": to_e10(fee),
                    "cost": to_e10(fee),
                    "description": "AWS Support (Business)",
                }
            )
            key = (ACCOUNT_INDEX[payer.account_id], codes.index("AWSSupportBusiness"))
            state.by_account_code[key] = state.by_account_code.get(key, 0) + to_e10(fee)

        # Tax: per account and product code, on that month's AWS charges.
        for (a, c), base in sorted(state.by_account_code.items()):
            payer = PAYERS[ACCOUNT_PAYER[a]]
            tax = (Decimal(base) / SCALE * payer.tax_percent / 100).quantize(Decimal("0.01"))
            if tax > 0:
                records.append(
                    {
                        "type": LIT["Tax"],
                        "account": a,
                        "profile": self.ctx.profile(f"svc:{codes[c]}"),
                        "start_ms": start,
                        "end_ms": end,
                        "usage": SCALE,
                        "cost": to_e10(tax),
                        "tax_type": "Sales Tax",
                        "description": f"Tax for product code {codes[c]}",
                    }
                )
        return assemble(records_to_spec(records), month, self.ctx, rng)

    # ---- driver ------------------------------------------------------------------------

    def run(self, out: Path, shapes: Sequence[str]) -> Stats:
        stats = Stats(seed=self.seed, rows_requested=self.rows, shapes=shapes)
        _clear_shapes(out, shapes)
        day_number = 0
        started = time.monotonic()
        written = 0
        for month_number, month in enumerate(self.months):
            writer = MonthWriter(out, shapes, month, stats)
            state = MonthState()
            for offset in range(month.days):
                day = date.fromordinal(month.start.toordinal() + offset)
                batch = self.day_batch(month, day, day_number, state)
                writer.write(batch)
                written += batch["n"]
                day_number += 1
                if offset % 7 == 6:
                    elapsed = time.monotonic() - started
                    LOG.info(
                        "%s: %d rows written (%.0f rows/s)",
                        day.isoformat(),
                        written,
                        written / max(elapsed, 1e-9),
                    )
            batch = self.month_end_batch(month, month_number, state)
            self.rows_so_far += batch["n"]
            self.last_month_end_rows = batch["n"]
            writer.write(batch)
            written += batch["n"]
            writer.close()
            LOG.info(
                "%s done: %d rows, unblended %s USD",
                month.label,
                stats.months[month.label]["rows"],
                e10_to_str(stats.months[month.label]["unblended_cost"]),
            )
        _write_summary(out, stats)
        elapsed = time.monotonic() - started
        LOG.info(
            "wrote %d line items in %s shape(s) in %.1f s (%.0f rows/s)",
            written,
            ",".join(shapes),
            elapsed,
            written / max(elapsed, 1e-9),
        )
        return stats


def records_to_spec(records: Sequence[dict]) -> dict:
    """Row spec from a list of per-row dicts (missing keys take the defaults)."""
    keys = {"type", "account", "profile", "start_ms", "end_ms"}
    spec: dict[str, list] = {k: [r[k] for r in records] for k in keys}
    for key, default in SPEC_DEFAULTS_INT.items():
        spec[key] = [r.get(key, default) for r in records]
    for key in SPEC_DEFAULTS_STR:
        spec[key] = [r.get(key, "") for r in records]
    spec["bill_type"] = [r.get("bill_type", BT["Anniversary"]) for r in records]
    spec["commitment"] = [r.get("commitment", -1) for r in records]
    return spec


def _clear_shapes(out: Path, shapes: Iterable[str]) -> None:
    for shape in shapes:
        target = out / "aws" / SHAPE_DIRS[shape]
        if target.exists():
            shutil.rmtree(target)


def _write_summary(out: Path, stats: Stats) -> None:
    path = out / "aws" / "_generated.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(stats.to_json(), indent=2) + "\n", encoding="utf-8")
    LOG.info("summary: %s", path)


# --------------------------------------------------------------------------------------------
# CLI
# --------------------------------------------------------------------------------------------


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description="Generate AWS billing exports (CUR 2.0, legacy CUR CSV and Parquet)."
    )
    parser.add_argument(
        "--rows",
        type=int,
        default=100_000,
        help="approximate number of line items across all months",
    )
    parser.add_argument(
        "--months",
        default="2025-01,2025-02",
        help="comma-separated billing months, ascending (YYYY-MM)",
    )
    parser.add_argument(
        "--out",
        type=Path,
        default=Path("data/generated"),
        help="output folder; files go under <out>/aws/",
    )
    parser.add_argument(
        "--shapes", default=",".join(SHAPES), help=f"comma-separated subset of {','.join(SHAPES)}"
    )
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument(
        "--fixture",
        type=Path,
        default=None,
        help="write this hand-authored line item CSV instead of generating",
    )
    parser.add_argument("--log-level", default="INFO")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    logging.basicConfig(
        level=args.log_level.upper(), format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    try:
        shapes = [s.strip() for s in args.shapes.split(",") if s.strip()]
        unknown = sorted(set(shapes) - set(SHAPES))
        if unknown or not shapes:
            raise ValueError(f"unknown shape(s) {unknown}; choose from {', '.join(SHAPES)}")
        if args.fixture is not None:
            write_fixture(args.fixture, args.out, shapes)
            return 0
        if args.rows < 0:
            raise ValueError("--rows must not be negative")
        months = parse_months(args.months)
    except (ValueError, OSError) as error:
        LOG.error("%s", error)
        return 2
    Generator(args.seed, args.rows, months).run(args.out, shapes)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
