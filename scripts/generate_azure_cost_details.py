"""Generate realistic Azure cost details exports: EA and MCA, actual and amortized, as CSV.

Cost Management exports ("cost and usage details") come in two datasets per billing account:
*actual cost* (what is invoiced: commitment purchases and refunds are rows, usage covered by a
reservation or savings plan costs 0) and *amortized cost* (commitment purchases and refunds are
left out; covered usage carries its share of the commitment and the unused part of each
commitment is its own row, ChargeType ``UnusedReservation`` / ``UnusedSavingsPlan``). Every other
row (on-demand and spot usage, Marketplace purchases, rounding adjustments) is the same in both.

Shapes, one folder each, laid out like Cost Management exports
(``<export>/<YYYYMMDD-YYYYMMDD>/<run id>/part_0_0001.csv``):

* ``ea_actual``, ``ea_amortized``    Enterprise Agreement (one currency, USD).
* ``mca_actual``, ``mca_amortized``  Microsoft Customer Agreement: prices in the pricing currency
  (USD), costs in the billing currency (EUR) through ``exchangeRatePricingToBilling``.

The files vary their headers the way real exports do, so that the reader is exercised: January's
EA files are PascalCase with a UTF-8 byte-order mark, ``M/D/YYYY`` dates and tags without braces
(``"env": "prod"``); February's EA files are camelCase with ISO dates and tags in braces; the MCA
files are camelCase, February's naming the currencies ``billingCurrencyCode`` /
``pricingCurrencyCode``.

Prices follow Azure's block pricing: ``UnitPrice``, ``EffectivePrice`` and ``PayGPrice`` are per
``UnitOfMeasure`` block (per ``100 Hours``, per ``10K``), ``Quantity`` is the usage in single
units, so cost = price x quantity / block size (Microsoft, "Convert Cost Management data to
FOCUS": PricingQuantity = Quantity / x_PricingBlockSize).

Every amount is an exact decimal; ``_generated.json`` records rows and totals per shape and month.

Usage:
    python scripts/generate_azure_cost_details.py --rows 20000 --out data/generated
    python scripts/generate_azure_cost_details.py --fixture --out data/fixtures

Nothing runs on import; ``main(argv)`` returns 0 on success and 2 on bad arguments.
"""

from __future__ import annotations

import argparse
import calendar
import csv
import hashlib
import json
import logging
import random
import shutil
import sys
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal
from pathlib import Path

LOG = logging.getLogger("generate_azure_cost_details")

SHAPES = ("ea_actual", "ea_amortized", "mca_actual", "mca_amortized")
FIXTURE_SEED = 20250101
FIXTURE_ROWS = 24
Q = Decimal("0.0000000001")  # ten decimal places, the precision the project keeps


def stable_guid(*parts: object) -> str:
    return str(uuid.UUID(hashlib.sha256("|".join(map(str, parts)).encode()).hexdigest()[:32]))


def text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return format(value.quantize(Q).normalize(), "f") if value else "0"
    return str(value)


# --------------------------------------------------------------------------------------------
# Accounts, meters and commitments
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Account:
    kind: str  # EA or MCA
    billing_account_id: str
    billing_account_name: str
    billing_profile_id: str
    billing_profile_name: str
    invoice_section_id: str
    invoice_section_name: str
    billing_currency: str
    pricing_currency: str
    subscriptions: tuple[tuple[str, str], ...]
    export_name: str


EA = Account(
    kind="EA",
    billing_account_id="8611537",
    billing_account_name="Contoso Enterprise Agreement",
    billing_profile_id="8611537",
    billing_profile_name="Contoso Enterprise Agreement",
    invoice_section_id="212479",
    invoice_section_name="Engineering",
    billing_currency="USD",
    pricing_currency="USD",
    subscriptions=(
        (stable_guid("ea", "prod"), "contoso-prod"),
        (stable_guid("ea", "dev"), "contoso-dev"),
    ),
    export_name="contoso-ea",
)
MCA = Account(
    kind="MCA",
    billing_account_id=f"{stable_guid('mca', 'account')}:{stable_guid('mca', 'tenant')}_2019-05-31",
    billing_account_name="Fabrikam GmbH",
    billing_profile_id="AB12-CD34-EF5-GH6",
    billing_profile_name="Fabrikam Europe",
    invoice_section_id="QRST-UVWX-YZ1-AB2",
    invoice_section_name="Platform",
    billing_currency="EUR",
    pricing_currency="USD",
    subscriptions=((stable_guid("mca", "platform"), "fabrikam-platform"),),
    export_name="fabrikam-mca",
)
# MCA: EUR per USD for each month (exchangeRatePricingToBilling, with its date).
EXCHANGE_RATES = {1: Decimal("0.9"), 2: Decimal("0.95")}


@dataclass(frozen=True)
class Meter:
    key: str
    meter_category: str
    meter_subcategory: str
    meter_name: str
    unit_of_measure: str
    block_size: int
    payg_price: Decimal  # per block, pricing currency
    contracted_discount: Decimal  # EA / MCA negotiated discount on the PAYG price
    consumed_service: str
    resource_type: str  # ARM provider/type
    service_family: str
    product_name: str
    pricing_model: str = "OnDemand"
    quantity_range: tuple[int, int] = (1, 24)  # single units per day
    commitment: str = ""  # "reservation" or "savings_plan": usage the commitment may cover

    def meter_id(self) -> str:
        return stable_guid("meter", self.key)

    def product_id(self) -> str:
        return "DZH318Z0" + hashlib.sha256(self.key.encode()).hexdigest()[:4].upper()


METERS = (
    Meter(
        "vm_d4sv3",
        "Virtual Machines",
        "Dsv3 Series",
        "D4s v3",
        "100 Hours",
        100,
        Decimal("19.2"),
        Decimal("0"),
        "Microsoft.Compute",
        "Microsoft.Compute/virtualMachines",
        "Compute",
        "Virtual Machines Dsv3 Series",
        quantity_range=(24, 24),
        commitment="reservation",
    ),
    Meter(
        "vm_e2sv5",
        "Virtual Machines",
        "Esv5 Series",
        "E2s v5",
        "1 Hour",
        1,
        Decimal("0.126"),
        Decimal("0.1"),
        "Microsoft.Compute",
        "Microsoft.Compute/virtualMachines",
        "Compute",
        "Virtual Machines Esv5 Series",
        quantity_range=(8, 24),
        commitment="savings_plan",
    ),
    Meter(
        "vm_d2sv3_spot",
        "Virtual Machines",
        "Dsv3 Series",
        "D2s v3 Spot",
        "1 Hour",
        1,
        Decimal("0.0192"),
        Decimal("0"),
        "Microsoft.Compute",
        "Microsoft.Compute/virtualMachines",
        "Compute",
        "Virtual Machines Dsv3 Series",
        pricing_model="Spot",
        quantity_range=(4, 24),
    ),
    Meter(
        "blob_writes",
        "Storage",
        "Tiered Block Blob",
        "Hot Write Operations",
        "10K",
        10000,
        Decimal("0.065"),
        Decimal("0"),
        "Microsoft.Storage",
        "Microsoft.Storage/storageAccounts",
        "Storage",
        "Blob Storage",
        quantity_range=(20000, 900000),
    ),
    Meter(
        "blob_capacity",
        "Storage",
        "Tiered Block Blob",
        "Hot LRS Data Stored",
        "1 GB/Month",
        1,
        Decimal("0.0208"),
        Decimal("0.05"),
        "Microsoft.Storage",
        "Microsoft.Storage/storageAccounts",
        "Storage",
        "Blob Storage",
        quantity_range=(10, 400),
    ),
    Meter(
        "egress",
        "Bandwidth",
        "Rtn Preference: MGN",
        "Standard Data Transfer Out",
        "1 GB",
        1,
        Decimal("0.087"),
        Decimal("0"),
        "Microsoft.Network",
        "Microsoft.Network/publicIPAddresses",
        "Networking",
        "Bandwidth",
        quantity_range=(1, 80),
    ),
    Meter(
        "sql_vcore",
        "SQL Database",
        "General Purpose - Compute Gen5",
        "vCore",
        "1 Hour",
        1,
        Decimal("0.2522"),
        Decimal("0.1"),
        "Microsoft.Sql",
        "Microsoft.Sql/servers/databases",
        "Databases",
        "SQL Database General Purpose - Compute Gen5",
        quantity_range=(24, 48),
    ),
    Meter(
        "app_service",
        "Azure App Service",
        "Premium v3 Plan",
        "P1 v3 App",
        "1 Hour",
        1,
        Decimal("0.2"),
        Decimal("0"),
        "Microsoft.Web",
        "Microsoft.Web/serverFarms",
        "Compute",
        "Azure App Service Premium v3 Plan",
        quantity_range=(24, 24),
    ),
    Meter(
        "log_ingestion",
        "Log Analytics",
        "",
        "Pay-as-you-go Data Ingestion",
        "1 GB",
        1,
        Decimal("2.3"),
        Decimal("0"),
        "Microsoft.OperationalInsights",
        "Microsoft.OperationalInsights/workspaces",
        "Management and Governance",
        "Log Analytics",
        quantity_range=(1, 12),
    ),
    Meter(
        "keyvault_ops",
        "Key Vault",
        "",
        "Operations",
        "10K",
        10000,
        Decimal("0.03"),
        Decimal("0"),
        "Microsoft.KeyVault",
        "Microsoft.KeyVault/vaults",
        "Security",
        "Key Vault",
        quantity_range=(1000, 200000),
    ),
)
METER_BY_KEY = {meter.key: meter for meter in METERS}
REGIONS = (("eastus", "East US", "US East"), ("westeurope", "West Europe", "EU West"))

# Reservation: 1 x D4s v3, 1 year, paid upfront: 876.00 USD = 0.10 USD an hour.
RI_HOURLY = Decimal("0.1")
RI_UPFRONT = RI_HOURLY * 8760
RI_PRODUCT = "Reserved VM Instance, Standard_D4s_v3, US East, 1 Year"
# Savings plan for compute: 0.30 USD an hour, billed monthly; covers E2s v5 at 30 % off PAYG.
SP_HOURLY = Decimal("0.3")
SP_DISCOUNT = Decimal("0.3")


@dataclass
class Row:
    """One logical charge, with the values both datasets share and the dataset it belongs to."""

    account: Account
    day: date
    subscription: tuple[str, str]
    charge_type: str
    pricing_model: str
    frequency: str
    meter: Meter | None
    quantity: Decimal
    unit_price: Decimal  # per block, pricing currency
    payg_price: Decimal
    effective_price_actual: Decimal
    effective_price_amortized: Decimal
    cost_actual: Decimal  # pricing currency
    cost_amortized: Decimal
    datasets: tuple[str, ...]  # which of actual / amortized carry the row
    region: tuple[str, str, str] = REGIONS[0]
    resource_name: str = ""
    benefit: tuple[str, str] | None = None  # (id, name)
    product_name: str = ""
    unit_of_measure: str = ""
    publisher_type: str = "Azure"
    publisher_name: str = "Microsoft"
    tags: dict[str, str] = field(default_factory=dict)
    additional_info: str = ""
    term: str = ""  # commitment term of a purchase, ISO 8601 duration (P1Y, P3Y)


def reservation(account: Account) -> tuple[str, str]:
    order = stable_guid(account.kind, "reservation order")
    return (
        f"/providers/Microsoft.Capacity/reservationOrders/{order}/reservations/"
        f"{stable_guid(account.kind, 'reservation')}",
        "VM_RI_D4s_v3_1y",
    )


def old_reservation(account: Account) -> tuple[str, str]:
    order = stable_guid(account.kind, "old reservation order")
    return (
        f"/providers/Microsoft.Capacity/reservationOrders/{order}/reservations/"
        f"{stable_guid(account.kind, 'old reservation')}",
        "VM_RI_D2s_v3_exchanged",
    )


def savings_plan(account: Account) -> tuple[str, str]:
    order = stable_guid(account.kind, "savings plan order")
    return (
        f"/providers/Microsoft.BillingBenefits/savingsPlanOrders/{order}/savingsPlans/"
        f"{stable_guid(account.kind, 'savings plan')}",
        "Compute_SP_3y",
    )


def usage_row(account, day, subscription, meter, quantity, region, resource_name, tags,
              contracted=True) -> Row:  # fmt: skip
    unit_price = (
        (meter.payg_price * (1 - meter.contracted_discount)) if contracted else (meter.payg_price)
    )
    cost = unit_price * quantity / meter.block_size
    return Row(
        account=account, day=day, subscription=subscription, charge_type="Usage",
        pricing_model=meter.pricing_model, frequency="UsageBased", meter=meter,
        quantity=quantity, unit_price=unit_price, payg_price=meter.payg_price,
        effective_price_actual=unit_price, effective_price_amortized=unit_price,
        cost_actual=cost, cost_amortized=cost, datasets=("actual", "amortized"), region=region,
        resource_name=resource_name, product_name=meter.product_name,
        unit_of_measure=meter.unit_of_measure, tags=tags,
    )  # fmt: skip


class Generator:
    """Builds the logical rows of each account and month, then writes the four shapes."""

    def __init__(self, seed: int, rows: int, months: Sequence[tuple[int, int]]) -> None:
        self.rng = random.Random(seed)
        self.rows = rows
        self.months = months

    def resource(self, account: Account, subscription: tuple[str, str], meter: Meter, n: int):
        name = f"{meter.key.replace('_', '-')}-{n:02d}"
        group = f"rg-{subscription[1]}"
        return (
            f"/subscriptions/{subscription[0]}/resourceGroups/{group}/providers/"
            f"{meter.resource_type}/{name}"
        ), name

    def month_rows(self, account: Account, year: int, month: int, usage_rows: int) -> list[Row]:
        rng = self.rng
        days = [date(year, month, d) for d in range(1, calendar.monthrange(year, month)[1] + 1)]
        rows: list[Row] = []
        prod = account.subscriptions[0]
        teams = ("payments", "search", "platform")
        # Reserved VM: one D4s v3 runs 24 hours on some days, idle on the others.
        ri_id = reservation(account)
        ri_meter = METER_BY_KEY["vm_d4sv3"]
        ri_days = sorted(rng.sample(days, k=max(1, min(len(days), 2 + usage_rows // 40))))
        for day in days:
            used = Decimal(24) if day in ri_days else Decimal(0)
            if used:
                row = usage_row(account, day, prod, ri_meter, used, REGIONS[0], "vm-ri-01",
                                {"env": "prod", "team": "platform"})  # fmt: skip
                rows.append(replace(
                    row, pricing_model="Reservation", benefit=ri_id,
                    effective_price_actual=Decimal(0), cost_actual=Decimal(0),
                    effective_price_amortized=RI_HOURLY * ri_meter.block_size,
                    cost_amortized=RI_HOURLY * used,
                    additional_info='{"ServiceType":"Standard_D4s_v3","VCPUs":4}',
                ))  # fmt: skip
            unused = Decimal(24) - used
            if unused and (day in ri_days or day.day % 7 == 1):
                rows.append(Row(
                    account=account, day=day, subscription=prod, charge_type="UnusedReservation",
                    pricing_model="Reservation", frequency="UsageBased", meter=ri_meter,
                    quantity=unused, unit_price=RI_HOURLY * ri_meter.block_size,
                    payg_price=RI_HOURLY * ri_meter.block_size, effective_price_actual=Decimal(0),
                    effective_price_amortized=RI_HOURLY * ri_meter.block_size,
                    cost_actual=Decimal(0), cost_amortized=RI_HOURLY * unused,
                    datasets=("amortized",), benefit=ri_id,
                    product_name=RI_PRODUCT, unit_of_measure=ri_meter.unit_of_measure,
                ))  # fmt: skip
        # The reservation is bought in the first month, upfront.
        if month == self.months[0][1] and year == self.months[0][0]:
            rows.append(Row(
                account=account, day=days[0], subscription=prod, charge_type="Purchase",
                pricing_model="Reservation", frequency="OneTime", meter=None,
                quantity=Decimal(1), unit_price=RI_UPFRONT, payg_price=RI_UPFRONT,
                effective_price_actual=RI_UPFRONT, effective_price_amortized=RI_UPFRONT,
                cost_actual=RI_UPFRONT, cost_amortized=RI_UPFRONT, datasets=("actual",),
                benefit=ri_id, product_name=RI_PRODUCT, unit_of_measure="1", term="P1Y",
            ))  # fmt: skip
        else:
            # An older reservation is exchanged: its remaining value is refunded.
            refund = Decimal("-146")
            rows.append(Row(
                account=account, day=days[9], subscription=prod, charge_type="Refund",
                pricing_model="Reservation", frequency="OneTime", meter=None,
                quantity=Decimal(1), unit_price=-refund, payg_price=-refund,
                effective_price_actual=-refund, effective_price_amortized=-refund,
                cost_actual=refund, cost_amortized=refund, datasets=("actual",),
                benefit=old_reservation(account),
                product_name="Reserved VM Instance, Standard_D2s_v3, US East, 1 Year",
                unit_of_measure="1", term="P1Y",
            ))  # fmt: skip
        # Savings plan: billed monthly; covers E2s v5 usage at its discounted price.
        sp_id = savings_plan(account)
        sp_meter = METER_BY_KEY["vm_e2sv5"]
        month_commitment = SP_HOURLY * 24 * len(days)
        rows.append(Row(
            account=account, day=days[0], subscription=prod, charge_type="Purchase",
            pricing_model="SavingsPlan", frequency="Recurring", meter=None,
            quantity=Decimal(1), unit_price=month_commitment, payg_price=month_commitment,
            effective_price_actual=month_commitment, effective_price_amortized=month_commitment,
            cost_actual=month_commitment, cost_amortized=month_commitment, datasets=("actual",),
            benefit=sp_id, product_name="Azure savings plan for compute, 3 Years",
            unit_of_measure="1", term="P3Y",
        ))  # fmt: skip
        sp_days = sorted(rng.sample(days, k=max(1, min(len(days), 2 + usage_rows // 40))))
        daily_commitment = SP_HOURLY * 24
        for day in days:
            used_cost = Decimal(0)
            if day in sp_days:
                hours = Decimal(rng.randint(*sp_meter.quantity_range))
                tags = {"env": "prod", "team": rng.choice(teams)}
                row = usage_row(account, day, prod, sp_meter, hours, REGIONS[1], "vm-sp-01",
                                tags, contracted=False)  # fmt: skip
                sp_price = sp_meter.payg_price * (1 - SP_DISCOUNT)
                used_cost = min(sp_price * hours, daily_commitment)
                rows.append(replace(
                    row, pricing_model="SavingsPlan", benefit=sp_id,
                    effective_price_actual=Decimal(0), cost_actual=Decimal(0),
                    effective_price_amortized=used_cost / hours, cost_amortized=used_cost,
                ))  # fmt: skip
            unused = daily_commitment - used_cost
            if unused and (day in sp_days or day.day % 7 == 2):
                rows.append(Row(
                    account=account, day=day, subscription=prod, charge_type="UnusedSavingsPlan",
                    pricing_model="SavingsPlan", frequency="UsageBased", meter=None,
                    quantity=unused, unit_price=Decimal(1), payg_price=Decimal(1),
                    effective_price_actual=Decimal(0), effective_price_amortized=Decimal(1),
                    cost_actual=Decimal(0), cost_amortized=unused, datasets=("amortized",),
                    benefit=sp_id, product_name="Azure savings plan for compute, 3 Years",
                    unit_of_measure="1",
                ))  # fmt: skip
        # On-demand and spot usage spread over the other meters.
        plain = [m for m in METERS if not m.commitment]
        for n in range(usage_rows):
            meter = plain[n % len(plain)] if n < len(plain) else rng.choice(plain)
            subscription = rng.choice(account.subscriptions)
            low, high = meter.quantity_range
            quantity = Decimal(rng.randint(low, high))
            resource_id, name = self.resource(account, subscription, meter, rng.randint(1, 3))
            row = usage_row(account, rng.choice(days), subscription, meter, quantity,
                            rng.choice(REGIONS), name,
                            {"env": rng.choice(("prod", "dev")), "team": rng.choice(teams)}
                            if rng.random() < 0.8 else {})  # fmt: skip
            rows.append(row)
        # A Marketplace SaaS purchase (not a commitment: the same row in both datasets).
        rows.append(Row(
            account=account, day=days[4], subscription=prod, charge_type="Purchase",
            pricing_model="OnDemand", frequency="Recurring", meter=None,
            quantity=Decimal(5), unit_price=Decimal("12"), payg_price=Decimal("12"),
            effective_price_actual=Decimal("12"), effective_price_amortized=Decimal("12"),
            cost_actual=Decimal("60"), cost_amortized=Decimal("60"),
            datasets=("actual", "amortized"), product_name="Contoso Observability - Pro plan",
            unit_of_measure="1/Month", publisher_type="Marketplace",
            publisher_name="Contoso Software Ltd",
        ))  # fmt: skip
        # A rounding adjustment on the invoice (both datasets).
        rows.append(Row(
            account=account, day=days[-1], subscription=prod, charge_type="RoundingAdjustment",
            pricing_model="", frequency="OneTime", meter=None, quantity=Decimal(0),
            unit_price=Decimal(0), payg_price=Decimal(0), effective_price_actual=Decimal(0),
            effective_price_amortized=Decimal(0), cost_actual=Decimal("-0.0037"),
            cost_amortized=Decimal("-0.0037"), datasets=("actual", "amortized"),
            product_name="Rounding adjustment", unit_of_measure="",
        ))  # fmt: skip
        rows.sort(key=lambda row: (row.day, row.charge_type, row.meter.key if row.meter else ""))
        return rows

    def run(self, out: Path, shapes: Sequence[str]) -> dict:
        summary: dict = {"generator": "scripts/generate_azure_cost_details.py", "shapes": {}}
        azure_out = out / "azure"
        for shape in shapes:
            shutil.rmtree(azure_out / shape, ignore_errors=True)
        per_account = max(1, self.rows // 2 // max(1, len(self.months)))
        for account in (EA, MCA):
            for year, month in self.months:
                rows = self.month_rows(account, year, month, per_account)
                for dataset in ("actual", "amortized"):
                    shape = f"{account.kind.lower()}_{dataset}"
                    if shape not in shapes:
                        continue
                    path, totals = write_file(azure_out / shape, account, year, month, dataset,
                                              rows)  # fmt: skip
                    summary["shapes"].setdefault(shape, {})[f"{year}-{month:02d}"] = totals
                    LOG.info("wrote %s (%d rows)", path, totals["rows"])
        (azure_out / "_generated.json").write_text(json.dumps(summary, indent=2) + "\n")
        return summary


# --------------------------------------------------------------------------------------------
# Writers
# --------------------------------------------------------------------------------------------

EA_COLUMNS = (
    "InvoiceSectionName", "AccountName", "AccountOwnerId", "SubscriptionId", "SubscriptionName",
    "ResourceGroup", "ResourceLocation", "Date", "ProductName", "MeterCategory",
    "MeterSubCategory", "MeterId", "MeterName", "MeterRegion", "UnitOfMeasure", "Quantity",
    "EffectivePrice", "CostInBillingCurrency", "CostCenter", "ConsumedService", "ResourceId",
    "Tags", "OfferId", "AdditionalInfo", "ServiceInfo1", "ServiceInfo2", "ResourceName",
    "ReservationId", "ReservationName", "UnitPrice", "ProductOrderId", "ProductOrderName", "Term",
    "PublisherType", "PublisherName", "ChargeType", "Frequency", "PricingModel",
    "AvailabilityZone", "BillingAccountId", "BillingAccountName", "BillingCurrencyCode",
    "BillingPeriodStartDate", "BillingPeriodEndDate", "BillingProfileId", "BillingProfileName",
    "InvoiceSectionId", "IsAzureCreditEligible", "PartNumber", "PayGPrice", "PlanName",
    "ServiceFamily", "CostAllocationRuleName", "benefitId", "benefitName",
)  # fmt: skip
MCA_COLUMNS = (
    "invoiceId", "previousInvoiceId", "billingAccountId", "billingAccountName",
    "billingProfileId", "billingProfileName", "invoiceSectionId", "invoiceSectionName",
    "resellerName", "resellerMpnId", "costCenter", "billingPeriodEndDate",
    "billingPeriodStartDate", "servicePeriodEndDate", "servicePeriodStartDate", "date",
    "serviceFamily", "productOrderId", "productOrderName", "consumedService", "meterId",
    "meterName", "meterCategory", "meterSubCategory", "meterRegion", "ProductId", "ProductName",
    "SubscriptionId", "subscriptionName", "publisherType", "publisherId", "publisherName",
    "resourceGroupName", "ResourceId", "resourceLocation", "location", "effectivePrice",
    "quantity", "unitOfMeasure", "chargeType", "billingCurrency", "pricingCurrency",
    "costInBillingCurrency", "costInPricingCurrency", "costInUsd", "paygCostInBillingCurrency",
    "paygCostInUsd", "exchangeRatePricingToBilling", "exchangeRateDate",
    "isAzureCreditEligible", "serviceInfo1", "serviceInfo2", "additionalInfo", "tags",
    "PayGPrice", "frequency", "term", "reservationId", "reservationName", "pricingModel",
    "unitPrice", "benefitId", "benefitName", "provider",
)  # fmt: skip


def camel(name: str) -> str:
    return name[0].lower() + name[1:]


def tags_text(tags: dict[str, str], braces: bool) -> str:
    if not tags:
        return ""
    body = ",".join(f'"{key}": "{value}"' for key, value in sorted(tags.items()))
    return "{" + body + "}" if braces else body


def ea_record(row: Row, dataset: str, us_dates: bool) -> dict[str, str]:
    account, meter = row.account, row.meter
    start = row.day.replace(day=1)
    end = row.day.replace(day=calendar.monthrange(row.day.year, row.day.month)[1])

    def day_text(value: date) -> str:
        return f"{value.month}/{value.day}/{value.year}" if us_dates else value.isoformat()

    cost = row.cost_actual if dataset == "actual" else row.cost_amortized
    effective_price = (
        row.effective_price_actual if dataset == "actual" else row.effective_price_amortized
    )
    resource_id = ""
    if meter is not None and row.resource_name:
        resource_id = (
            f"/subscriptions/{row.subscription[0]}/resourceGroups/rg-{row.subscription[1]}/"
            f"providers/{meter.resource_type}/{row.resource_name}"
        )
    benefit_id, benefit_name = row.benefit or ("", "")
    is_reservation = "/microsoft.capacity/" in benefit_id.lower()
    return {
        "InvoiceSectionName": account.invoice_section_name,
        "AccountName": "Engineering Account",
        "AccountOwnerId": "finops@contoso.example",
        "SubscriptionId": row.subscription[0],
        "SubscriptionName": row.subscription[1],
        "ResourceGroup": f"rg-{row.subscription[1]}" if resource_id else "",
        "ResourceLocation": row.region[2] if resource_id else "",
        "Date": day_text(row.day),
        "ProductName": row.product_name,
        "MeterCategory": meter.meter_category if meter else "",
        "MeterSubCategory": meter.meter_subcategory if meter else "",
        "MeterId": meter.meter_id() if meter else "",
        "MeterName": meter.meter_name if meter else "",
        "MeterRegion": row.region[1] if meter else "",
        "UnitOfMeasure": row.unit_of_measure,
        "Quantity": text(row.quantity),
        "EffectivePrice": text(effective_price),
        "CostInBillingCurrency": text(cost),
        "CostCenter": "CC-1001",
        "ConsumedService": meter.consumed_service if meter else "",
        "ResourceId": resource_id,
        "Tags": tags_text(row.tags, braces=not us_dates),
        "OfferId": "MS-AZR-0017P",
        "AdditionalInfo": row.additional_info,
        "ServiceInfo1": "",
        "ServiceInfo2": "",
        "ResourceName": row.resource_name if resource_id else "",
        "ReservationId": benefit_id.rsplit("/", 1)[-1] if is_reservation else "",
        "ReservationName": benefit_name if is_reservation else "",
        "UnitPrice": text(row.unit_price),
        "ProductOrderId": benefit_id.split("/")[4] if benefit_id else "",
        "ProductOrderName": benefit_name,
        "Term": row.term,
        "PublisherType": row.publisher_type,
        "PublisherName": row.publisher_name,
        "ChargeType": row.charge_type,
        "Frequency": row.frequency,
        "PricingModel": row.pricing_model,
        "AvailabilityZone": "",
        "BillingAccountId": account.billing_account_id,
        "BillingAccountName": account.billing_account_name,
        "BillingCurrencyCode": account.billing_currency,
        "BillingPeriodStartDate": day_text(start),
        "BillingPeriodEndDate": day_text(end),
        "BillingProfileId": account.billing_profile_id,
        "BillingProfileName": account.billing_profile_name,
        "InvoiceSectionId": account.invoice_section_id,
        "IsAzureCreditEligible": "True" if row.publisher_type == "Azure" else "False",
        "PartNumber": ("AAA-" + meter.product_id()[-4:]) if meter else "",
        "PayGPrice": text(row.payg_price),
        "PlanName": "Pro" if row.publisher_type == "Marketplace" else "",
        "ServiceFamily": meter.service_family if meter else "",
        "CostAllocationRuleName": "",
        "benefitId": benefit_id,
        "benefitName": benefit_name,
    }


def mca_record(row: Row, dataset: str, currency_code_names: bool) -> dict[str, str]:
    account, meter = row.account, row.meter
    rate = EXCHANGE_RATES[row.day.month] if row.day.month in EXCHANGE_RATES else Decimal("0.9")
    start = row.day.replace(day=1)
    end = row.day.replace(day=calendar.monthrange(row.day.year, row.day.month)[1])
    cost_pricing = row.cost_actual if dataset == "actual" else row.cost_amortized
    effective_price = (
        row.effective_price_actual if dataset == "actual" else row.effective_price_amortized
    )
    block = meter.block_size if meter else 1
    payg_pricing = row.payg_price * row.quantity / block if row.meter else cost_pricing
    resource_id = ""
    if meter is not None and row.resource_name:
        resource_id = (
            f"/subscriptions/{row.subscription[0]}/resourceGroups/rg-{row.subscription[1]}/"
            f"providers/{meter.resource_type}/{row.resource_name}"
        )
    benefit_id, benefit_name = row.benefit or ("", "")
    is_reservation = "/microsoft.capacity/" in benefit_id.lower()
    record = {
        "invoiceId": f"G0{row.day.year % 100}{row.day.month:02d}{account.billing_profile_id[:4]}01",
        "previousInvoiceId": "",
        "billingAccountId": account.billing_account_id,
        "billingAccountName": account.billing_account_name,
        "billingProfileId": account.billing_profile_id,
        "billingProfileName": account.billing_profile_name,
        "invoiceSectionId": account.invoice_section_id,
        "invoiceSectionName": account.invoice_section_name,
        "resellerName": "",
        "resellerMpnId": "",
        "costCenter": "",
        "billingPeriodEndDate": end.isoformat(),
        "billingPeriodStartDate": start.isoformat(),
        "servicePeriodEndDate": end.isoformat(),
        "servicePeriodStartDate": start.isoformat(),
        "date": row.day.isoformat(),
        "serviceFamily": meter.service_family if meter else "",
        "productOrderId": benefit_id.split("/")[4] if benefit_id else "",
        "productOrderName": benefit_name,
        "consumedService": meter.consumed_service if meter else "",
        "meterId": meter.meter_id() if meter else "",
        "meterName": meter.meter_name if meter else "",
        "meterCategory": meter.meter_category if meter else "",
        "meterSubCategory": meter.meter_subcategory if meter else "",
        "meterRegion": row.region[1] if meter else "",
        "ProductId": meter.product_id() if meter else "",
        "ProductName": row.product_name,
        "SubscriptionId": row.subscription[0],
        "subscriptionName": row.subscription[1],
        "publisherType": row.publisher_type,
        "publisherId": "",
        "publisherName": row.publisher_name,
        "resourceGroupName": f"rg-{row.subscription[1]}" if resource_id else "",
        "ResourceId": resource_id,
        "resourceLocation": row.region[0] if resource_id else "",
        "location": row.region[1] if resource_id else "",
        "effectivePrice": text(effective_price),
        "quantity": text(row.quantity),
        "unitOfMeasure": row.unit_of_measure,
        "chargeType": row.charge_type,
        "billingCurrency": account.billing_currency,
        "pricingCurrency": account.pricing_currency,
        "costInBillingCurrency": text(cost_pricing * rate),
        "costInPricingCurrency": text(cost_pricing),
        "costInUsd": text(cost_pricing),
        "paygCostInBillingCurrency": text(payg_pricing * rate),
        "paygCostInUsd": text(payg_pricing),
        "exchangeRatePricingToBilling": text(rate),
        "exchangeRateDate": start.isoformat(),
        "isAzureCreditEligible": "True" if row.publisher_type == "Azure" else "False",
        "serviceInfo1": "",
        "serviceInfo2": "",
        "additionalInfo": row.additional_info,
        "tags": tags_text(row.tags, braces=True),
        "PayGPrice": text(row.payg_price),
        "frequency": row.frequency,
        "term": row.term,
        "reservationId": benefit_id.rsplit("/", 1)[-1] if is_reservation else "",
        "reservationName": benefit_name if is_reservation else "",
        "pricingModel": row.pricing_model,
        "unitPrice": text(row.unit_price),
        "benefitId": benefit_id,
        "benefitName": benefit_name,
        "provider": "Azure",
    }
    if currency_code_names:
        record["billingCurrencyCode"] = record.pop("billingCurrency")
        record["pricingCurrencyCode"] = record.pop("pricingCurrency")
    return record


def write_file(root: Path, account: Account, year: int, month: int, dataset: str,
               rows: list[Row]) -> tuple[Path, dict]:  # fmt: skip
    first = date(year, month, 1)
    last = date(year, month, calendar.monthrange(year, month)[1])
    run_id = stable_guid(account.kind, dataset, year, month)
    folder = root / f"{account.export_name}-{dataset}" / f"{first:%Y%m%d}-{last:%Y%m%d}" / run_id
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "part_0_0001.csv"
    january_style = month == 1
    if account.kind == "EA":
        header = EA_COLUMNS if january_style else tuple(camel(name) for name in EA_COLUMNS)
        records = []
        for row in rows:
            if dataset not in row.datasets:
                continue
            record = ea_record(row, dataset, us_dates=january_style)
            records.append(record if january_style else {camel(k): v for k, v in record.items()})
    else:
        currency_code_names = not january_style
        records = [
            mca_record(row, dataset, currency_code_names) for row in rows if dataset in row.datasets
        ]
        header = tuple(records[0]) if records else MCA_COLUMNS
    encoding = "utf-8-sig" if (account.kind == "EA" and january_style) else "utf-8"
    with path.open("w", newline="", encoding=encoding) as handle:
        writer = csv.DictWriter(handle, fieldnames=header, lineterminator="\r\n")
        writer.writeheader()
        writer.writerows(records)
    cost_column = "CostInBillingCurrency" if account.kind == "EA" else "costInBillingCurrency"
    if account.kind == "EA" and not january_style:
        cost_column = camel(cost_column)
    total = sum((Decimal(record[cost_column]) for record in records), Decimal(0))
    by_type: dict[str, int] = {}
    for record in records:
        charge_type = record.get("ChargeType") or record.get("chargeType") or ""
        by_type[charge_type] = by_type.get(charge_type, 0) + 1
    totals = {
        "rows": len(records),
        "cost_in_billing_currency": text(total),
        "billing_currency": account.billing_currency,
        "rows_by_charge_type": dict(sorted(by_type.items())),
        "file": path.relative_to(root.parent.parent).as_posix(),
    }
    return path, totals


# --------------------------------------------------------------------------------------------
# Command line
# --------------------------------------------------------------------------------------------


def parse_months(value: str) -> list[tuple[int, int]]:
    months = []
    for item in value.split(","):
        year, _, month = item.strip().partition("-")
        if not (year.isdigit() and month.isdigit() and 1 <= int(month) <= 12):
            raise ValueError(f"--months: '{item}' is not YYYY-MM")
        months.append((int(year), int(month)))
    return months


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=2000, help="usage rows to spread (about)")
    parser.add_argument("--months", default="2025-01,2025-02", help="YYYY-MM list")
    parser.add_argument("--seed", type=int, default=7, help="random seed (same seed, same files)")
    parser.add_argument("--out", type=Path, default=Path("data/generated"))
    parser.add_argument("--shapes", default=",".join(SHAPES), help="subset of " + ",".join(SHAPES))
    parser.add_argument(
        "--fixture", action="store_true",
        help=f"write the small committed fixture (seed {FIXTURE_SEED}, {FIXTURE_ROWS} usage rows)",
    )  # fmt: skip
    parser.add_argument("--log-level", default="INFO")
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    logging.basicConfig(
        level=args.log_level.upper(), format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    try:
        shapes = [shape.strip() for shape in args.shapes.split(",") if shape.strip()]
        unknown = sorted(set(shapes) - set(SHAPES))
        if unknown or not shapes:
            raise ValueError(f"unknown shape(s) {unknown}; choose from {', '.join(SHAPES)}")
        months = parse_months(args.months)
        if args.rows < 0:
            raise ValueError("--rows must not be negative")
    except ValueError as error:
        LOG.error("%s", error)
        return 2
    seed, rows = (FIXTURE_SEED, FIXTURE_ROWS) if args.fixture else (args.seed, args.rows)
    Generator(seed, rows, months).run(args.out, shapes)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
