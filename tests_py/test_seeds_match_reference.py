"""The FOCUS seeds are copies of the FOCUS reference data, checked against it where it is present.

The reference (../shared/focus-spec beside the project) is not shipped with the project; users
do not have it, so these tests skip without it. Only the header `column` is renamed `column_id`
(`column` is a reserved word in SQL).
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from conftest import REPO_ROOT

REFERENCE = REPO_ROOT.parent / "shared" / "focus-spec"


def rows(path: Path) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as handle:
        return [
            {("column" if key == "column_id" else key): value for key, value in row.items()}
            for row in csv.DictReader(handle)
        ]


@pytest.mark.quick
@pytest.mark.parametrize(
    "seed, reference",
    [("focus_columns.csv", "columns.csv"), ("focus_enumerations.csv", "enumerations.csv")],
)
def test_seed_is_the_reference_data(seed, reference):
    if not (REFERENCE / reference).is_file():
        pytest.skip(f"FOCUS reference data not found at {REFERENCE}")
    assert rows(REPO_ROOT / "seeds" / "focus" / seed) == rows(REFERENCE / reference)


@pytest.mark.quick
def test_service_seed_uses_focus_1_2_values():
    enumerations = rows(REPO_ROOT / "seeds" / "focus" / "focus_enumerations.csv")
    subcategories = {
        (row["value"], row["parent"])
        for row in enumerations
        if row["version"] == "1.2" and row["column"] == "ServiceSubcategory"
    }
    services = rows(REPO_ROOT / "seeds" / "mappings" / "map_aws__services.csv")
    wrong = [
        row
        for row in services
        if (row["service_subcategory"], row["service_category"]) not in subcategories
    ]
    assert wrong == []
