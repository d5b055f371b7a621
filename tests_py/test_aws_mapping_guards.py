"""What the AWS mapping does with values its seeds do not know."""

from __future__ import annotations

import shutil

import duckdb
from conftest import FIXTURE_DATA, MART, build_project


def test_unknown_line_item_type_stops_the_build_with_its_name(tmp_path):
    raw = tmp_path / "raw"
    shutil.copytree(FIXTURE_DATA / "aws" / "cur2", raw / "aws" / "cur2")
    (january,) = (raw / "aws" / "cur2").glob("*/data/BILLING_PERIOD=2025-01/*.parquet")
    with duckdb.connect() as connection:
        connection.execute(
            f"""copy (
                select * replace (
                    case when line_item_line_item_type = 'Credit' then 'LoyaltyRebate'
                    else line_item_line_item_type end as line_item_line_item_type
                )
                from read_parquet('{january}')
            ) to '{january}.new' (format parquet)"""
        )
    (january.parent / (january.name + ".new")).replace(january)

    build = build_project(tmp_path / "work", raw)

    assert build.result.returncode == 1
    output = build.result.output
    assert (
        "AWS line item type LoyaltyRebate is not in seeds/mappings/map_aws__line_item_types.csv"
        in output
    )
    assert "Runtime Error in model int_aws__line_items_mapped" in output


def test_unknown_service_gets_other_and_is_listed_by_a_warning(fixture_build):
    output = fixture_build.result.output
    assert (
        "WARN 1 warn_aws_services_unmapped" in output.replace("\x1b[33m", "").replace("\x1b[0m", "")
        or "warn_aws_services_unmapped" in output
    )
    rows = fixture_build.query(
        f"""select distinct ServiceName, ServiceCategory, ServiceSubcategory from {MART}
        where x_ServiceCode not in (select service_code from main_seeds.map_aws__services)"""
    )
    assert rows == [("Example Log Analytics Pro", "Other", "Other (Other)")]
