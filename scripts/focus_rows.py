"""FOCUS row-writing helpers shared by the generators of FOCUS-shaped exports.

Used by ``generate_alibaba_focus.py`` (Alibaba's FOCUS 1.0 Preview CSV) and
``generate_focus_export.py`` (the native AWS, Microsoft and Google FOCUS exports): the FOCUS 1.0
column list, money and quantities as plain decimal text, one CSV as text, and month arithmetic.
Nothing runs on import.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from datetime import datetime, timedelta
from decimal import Decimal

# The 43 FOCUS 1.0 columns, in the order the providers write them (alphabetical).
FOCUS_1_0_COLUMNS = [
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
]


def decimal_text(value: Decimal | None) -> str:
    """A decimal as plain text, without exponent or trailing zeros ("0" for any zero, "" for
    None): how the exports write money and quantities."""
    if value is None:
        return ""
    text = format(value.normalize(), "f")
    return "0" if text in ("-0", "") else text


def csv_text(rows: Iterable[dict], columns: Sequence[str], line_terminator: str = "\n") -> str:
    """Rows as one CSV text with a header line, columns in the order given."""
    handle = io.StringIO()
    writer = csv.DictWriter(handle, fieldnames=list(columns), lineterminator=line_terminator)
    writer.writeheader()
    writer.writerows(rows)
    return handle.getvalue()


def next_month(start: datetime) -> datetime:
    """The first day of the month after `start`'s, at the same time of day."""
    return (start.replace(day=28) + timedelta(days=4)).replace(day=1)
