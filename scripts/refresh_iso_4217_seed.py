"""Rebuild seeds/focus/iso_4217_currencies.csv from the ISO 4217 List One.

The list is read from the `table.xml` that the PyPI package `iso4217` ships (a copy of the
ISO 4217 maintenance agency's published XML). Run it when ISO publishes an amendment:

    pip install iso4217 && python scripts/refresh_iso_4217_seed.py

Nothing in the project runs this at build time; the seed is the source of truth.
"""

from __future__ import annotations

import csv
import sys
import xml.etree.ElementTree as ElementTree
from importlib import resources
from pathlib import Path

SEED = Path(__file__).resolve().parent.parent / "seeds" / "focus" / "iso_4217_currencies.csv"

# Codes that ISO lists but that are not currencies a bill can be issued in: precious metals,
# testing and "no currency" codes, bond-market units and special drawing rights.
NON_BILLING_CODES = {
    "XAD", "XAG", "XAU", "XBA", "XBB", "XBC", "XBD",
    "XDR", "XPD", "XPT", "XSU", "XTS", "XUA", "XXX",
}  # fmt: skip


def read_list_one(xml_text: str) -> tuple[str, list[dict[str, str]]]:
    """Return the publication date and one row per active currency code."""
    root = ElementTree.fromstring(xml_text)
    published = root.attrib.get("Pblshd", "")
    by_code: dict[str, dict[str, str]] = {}
    for entry in root.iter("CcyNtry"):
        code = (entry.findtext("Ccy") or "").strip()
        if not code:
            continue
        minor_units = (entry.findtext("CcyMnrUnts") or "").strip()
        by_code.setdefault(
            code,
            {
                "currency_code": code,
                "currency_name": (entry.findtext("CcyNm") or "").strip(),
                "numeric_code": (entry.findtext("CcyNbr") or "").strip(),
                "minor_units": minor_units if minor_units.isdigit() else "",
                "is_billing_currency": "false" if code in NON_BILLING_CODES else "true",
            },
        )
    return published, [by_code[code] for code in sorted(by_code)]


def main(argv: list[str] | None = None) -> int:
    xml_text = resources.files("iso4217").joinpath("table.xml").read_text(encoding="utf-8")
    published, rows = read_list_one(xml_text)
    with SEED.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    sys.stderr.write(f"wrote {len(rows)} codes (ISO 4217 list published {published}) to {SEED}\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
