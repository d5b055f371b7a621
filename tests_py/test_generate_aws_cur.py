"""Tests for scripts/generate_aws_cur.py: pure helpers, the generated bill and the fixture.

The generated data set is built once per session (a few thousand rows, all three shapes) and read
back with DuckDB; every invariant runs on it and on the committed fixture.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import sys
from decimal import Decimal
from pathlib import Path

import duckdb
import numpy as np
import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURE_DIR = ROOT / "data" / "fixtures"
FIXTURE_SOURCE = FIXTURE_DIR / "aws" / "line_items.csv"
ROWS = 6000


def _load_module():
    spec = importlib.util.spec_from_file_location(
        "generate_aws_cur", ROOT / "scripts" / "generate_aws_cur.py"
    )
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


gen = _load_module()

pytestmark = pytest.mark.quick


def _file_digests(root: Path) -> dict[str, str]:
    return {
        p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def _connect(root: Path) -> duckdb.DuckDBPyConnection:
    aws = root / "aws"
    con = duckdb.connect()
    con.execute(f"create view cur as select * from read_parquet('{aws}/cur2/*/data/*/*.parquet')")
    con.execute(
        "create view legacy_parquet as select * from "
        f"read_parquet('{aws}/cur_legacy_parquet/*/*/*/*/*.parquet')"
    )
    con.execute(
        "create view legacy_csv as select * from "
        f"read_csv('{aws}/cur_legacy_csv/*/*/*.csv.gz', all_varchar = true)"
    )
    return con


@pytest.fixture(scope="session")
def generated(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("generated")
    assert gen.main(["--rows", str(ROWS), "--out", str(out), "--log-level", "WARNING"]) == 0
    return out


@pytest.fixture(scope="session", params=["generated", "fixture"])
def dataset(request, generated) -> Path:
    return generated if request.param == "generated" else FIXTURE_DIR


@pytest.fixture(scope="session")
def con(dataset) -> duckdb.DuckDBPyConnection:
    return _connect(dataset)


def _summary(root: Path) -> dict:
    return json.loads((root / "aws" / "_generated.json").read_text())


# ------------------------------------------------------------------------------------------
# Pure helpers
# ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("identity/LineItemId", "identity_line_item_id"),
        ("lineItem/UnblendedCost", "line_item_unblended_cost"),
        ("lineItem/NetUnblendedRate", "line_item_net_unblended_rate"),
        ("product/ProductName", "product_product_name"),
        ("product/usagetype", "product_usagetype"),
        ("product/instancesku", "product_instancesku"),
        ("product/maxIopsvolume", "product_max_iopsvolume"),
        ("product/intelAvx2Available", "product_intel_avx2_available"),
        ("pricing/publicOnDemandCost", "pricing_public_on_demand_cost"),
        ("savingsPlan/SavingsPlanARN", "savings_plan_savings_plan_a_r_n"),
        ("reservation/ReservationARN", "reservation_reservation_a_r_n"),
        ("resourceTags/user:CostCenter", "resource_tags_user_cost_center"),
        ("resourceTags/aws:createdBy", "resource_tags_aws_created_by"),
        (
            "resourceTags/user:parallelcluster:cluster-name",
            "resource_tags_user_parallelcluster_cluster_name",
        ),
        ("costCategory/BusinessUnit", "cost_category_business_unit"),
    ],
)
def test_athena_column_name(header, expected):
    assert gen.athena_column_name(header) == expected


def test_map_keys_follow_the_normalised_names():
    assert gen.map_key("resource_tags", "resourceTags/user:CostCenter") == "user_cost_center"
    assert gen.map_key("resource_tags", "resourceTags/aws:createdBy") == "aws_created_by"
    assert gen.map_key("product", "product/ProductName") == "product_name"
    assert gen.map_key("product", "product/region") == "region"
    assert gen.map_key("cost_category", "costCategory/BusinessUnit") == "business_unit"
    assert gen.map_key("discount", "discount/EdpDiscount") == "edp_discount"


def test_decimal_helpers_are_exact():
    assert gen.to_e10("0.0960000000") == 960_000_000
    assert gen.e10_to_str(gen.to_e10("-0.0048")) == "-0.0048000000"
    with pytest.raises(ValueError):
        gen.to_e10("0.00000000001")
    values = np.array([gen.to_e10(v) for v in ("0", "1.5", "-0.0000000001", "12345.6789")])
    assert gen.e10_strings(values).to_pylist() == [
        "0.0000000000",
        "1.5000000000",
        "-0.0000000001",
        "12345.6789000000",
    ]
    assert gen.e10_strings(np.array([gen.NA])).to_pylist() == [""]
    assert gen.percent_of(np.array([gen.to_e10("1.15")]), 5)[0] == gen.to_e10("0.0575")


def test_mul_e10_matches_decimal_arithmetic():
    usage = np.array([gen.to_e10("12.5"), gen.to_e10("3.2258"), gen.to_e10("5000000")])
    rate = np.array([gen.to_e10("0.096"), gen.to_e10("0.023"), gen.to_e10("0.0000002")])
    product = gen.mul_e10(usage, rate, np.array([1, 4, 0]), np.array([3, 3, 7]))
    expected = [
        Decimal("12.5") * Decimal("0.096"),
        Decimal("3.2258") * Decimal("0.023"),
        Decimal("5000000") * Decimal("0.0000002"),
    ]
    assert [gen.e10_to_str(v) for v in product] == [f"{e:.10f}" for e in expected]
    with pytest.raises(ValueError):
        gen.mul_e10(usage, rate, 6, 5)


def test_catalog_rates_and_usage_stay_within_ten_decimals():
    for sku in gen.SKUS:
        for rate in filter(None, (sku.rate, sku.sp_rate, sku.spot_rate)):
            assert sku.usage_dp + gen.decimals_of(rate) <= 10, sku.key


def test_catalog_attributes_are_known_columns():
    known = set(gen.PROFILE_COLUMNS)
    for profile in gen.build_profiles():
        assert set(profile.product) <= known, profile.key


def test_months_parse_and_validate():
    months = gen.parse_months("2024-12,2025-01")
    assert [m.label for m in months] == ["2024-12", "2025-01"]
    assert months[0].end.isoformat() == "2025-01-01" and months[0].days == 31
    for bad in ("2025-13", "2025-02,2025-01", "2025-01,2025-01", "Jan"):
        with pytest.raises(ValueError):
            gen.parse_months(bad)


def test_main_rejects_bad_arguments(tmp_path):
    assert gen.main(["--shapes", "cur3", "--out", str(tmp_path)]) == 2
    assert gen.main(["--months", "2025-02,2025-01", "--out", str(tmp_path)]) == 2
    assert not (tmp_path / "aws").exists()


def test_schemas_follow_the_data_dictionary():
    assert gen.CUR2_COLUMNS == sorted(gen.CUR2_COLUMNS)
    assert len(set(gen.CUR2_COLUMNS)) == len(gen.CUR2_COLUMNS)
    for name in (
        "bill_payer_account_name",
        "line_item_usage_account_name",
        "line_item_net_unblended_cost",
        "pricing_public_on_demand_rate",
        "product_sku",
        "product_from_location",
        "discount_bundled_discount",
        "savings_plan_used_commitment",
        "reservation_unused_recurring_fee",
    ):
        assert name in gen.CUR2_COLUMNS
    types = {f.name: str(f.type) for f in gen.CUR2_SCHEMA}
    for name in ("product", "resource_tags", "cost_category", "discount"):
        assert types[name] == "map<string, string>"
    assert types["line_item_unblended_cost"] == "double"
    assert types["line_item_unblended_rate"] == "string"  # typed string by AWS
    assert types["line_item_usage_start_date"] == "timestamp[ms]"
    assert types["reservation_start_time"] == "string"
    assert "product_product_name" not in types and "resource_tags_user_team" not in types
    assert len(gen.LEGACY_CSV_HEADERS) == len(set(gen.LEGACY_COLUMNS))


# ------------------------------------------------------------------------------------------
# Generated bill: determinism, coverage, shapes
# ------------------------------------------------------------------------------------------


def test_same_seed_writes_identical_files(generated, tmp_path):
    again = tmp_path / "again"
    assert gen.main(["--rows", str(ROWS), "--out", str(again), "--log-level", "WARNING"]) == 0
    assert _file_digests(again) == _file_digests(generated)
    other = tmp_path / "other"
    assert (
        gen.main(
            [
                "--rows",
                str(ROWS),
                "--out",
                str(other),
                "--seed",
                "7",
                "--shapes",
                "cur2",
                "--log-level",
                "WARNING",
            ]
        )
        == 0
    )
    cur2 = [k for k in _file_digests(other) if k.endswith(".parquet")]
    assert all(_file_digests(other)[k] != _file_digests(generated)[k] for k in cur2)


def test_row_count_is_close_to_the_request(generated):
    written = _summary(generated)["rows_written"]
    assert abs(written - ROWS) / ROWS < 0.02


def test_layouts_are_as_aws_delivers_them(generated):
    files = _file_digests(generated)
    assert "aws/cur2/acme-cur2/data/BILLING_PERIOD=2025-01/acme-cur2-00001.snappy.parquet" in files
    assert "aws/cur2/acme-cur2/metadata/BILLING_PERIOD=2025-01/acme-cur2-Manifest.json" in files
    assert "aws/cur_legacy_csv/acme-cur/20250101-20250201/acme-cur-00001.csv.gz" in files
    assert (
        "aws/cur_legacy_parquet/globex-cur/globex-cur/year=2025/month=2/"
        "globex-cur-00001.snappy.parquet"
    ) in files
    manifest = json.loads(
        (
            generated / "aws/cur2/acme-cur2/metadata/BILLING_PERIOD=2025-02/acme-cur2-Manifest.json"
        ).read_text()
    )
    assert manifest["dataFiles"][0].endswith(
        "acme-cur2/data/BILLING_PERIOD=2025-02/acme-cur2-00001.snappy.parquet"
    )
    assert [c["name"] for c in manifest["columns"]] == gen.CUR2_COLUMNS


def test_every_line_item_type_is_present(dataset):
    con = _connect(dataset)
    found = {r[0] for r in con.sql("select distinct line_item_line_item_type from cur").fetchall()}
    assert found == set(gen.LINE_ITEM_TYPES)
    fees = con.sql("""select count(*) filter (where reservation_reservation_a_r_n <> ''),
                             count(*) filter (where reservation_reservation_a_r_n = '')
                      from cur where line_item_line_item_type = 'Fee'""").fetchone()
    assert fees[0] >= 1 and fees[1] >= 1
    spot = con.sql("""select count(*) from cur where line_item_line_item_type = 'Usage'
                      and pricing_term = 'Spot' and line_item_usage_type like '%SpotUsage%'""")
    assert spot.fetchone()[0] >= 1


def test_generated_bill_is_broad(generated):
    con = _connect(generated)
    services = {r[0] for r in con.sql("select distinct line_item_product_code from cur").fetchall()}
    for code in (
        "AmazonEC2",
        "AmazonS3",
        "AmazonRDS",
        "AWSLambda",
        "AmazonCloudFront",
        "AmazonDynamoDB",
        "AWSDataTransfer",
        "AmazonCloudWatch",
        "AmazonEKS",
        "AmazonSageMaker",
        "AmazonBedrock",
        "AWSSupportBusiness",
        gen.MARKETPLACE_CODE,
    ):
        assert code in services
    regions = con.sql("select count(distinct product_region_code) from cur").fetchone()[0]
    assert regions >= 4
    accounts = con.sql("""select count(distinct bill_payer_account_id),
                                 count(distinct line_item_usage_account_id) from cur""").fetchone()
    assert accounts[0] >= 2 and accounts[1] >= 5
    tagged = con.sql("""select avg(case when cardinality(resource_tags) > 0 then 1 else 0 end)
                        from cur where line_item_line_item_type = 'Usage'
                        and line_item_resource_id <> ''""").fetchone()[0]
    assert tagged > 0.7


def test_three_shapes_carry_the_same_totals(dataset):
    con = _connect(dataset)
    cur2 = con.sql("""select strftime(bill_billing_period_start_date, '%Y-%m'),
                             line_item_line_item_type, count(*),
                             sum(line_item_unblended_cost::decimal(38, 10)),
                             sum(line_item_usage_amount::decimal(38, 10))
                      from cur group by all order by all""").fetchall()
    legacy_parquet = con.sql("""select strftime(bill_billing_period_start_date, '%Y-%m'),
                                       line_item_line_item_type, count(*),
                                       sum(line_item_unblended_cost::decimal(38, 10)),
                                       sum(line_item_usage_amount::decimal(38, 10))
                                from legacy_parquet group by all order by all""").fetchall()
    legacy_csv = con.sql("""select substr("bill/BillingPeriodStartDate", 1, 7),
                                   "lineItem/LineItemType", count(*),
                                   sum("lineItem/UnblendedCost"::decimal(38, 10)),
                                   sum("lineItem/UsageAmount"::decimal(38, 10))
                            from legacy_csv group by all order by all""").fetchall()
    assert cur2 == legacy_parquet == legacy_csv
    summary = _summary(dataset)["months"]
    by_month: dict[str, Decimal] = {}
    for month, _, _, cost, _ in cur2:
        by_month[month] = by_month.get(month, Decimal(0)) + cost
    assert {m: f"{v:.10f}" for m, v in by_month.items()} == {
        m: s["unblended_cost"] for m, s in summary.items()
    }


def test_three_shapes_carry_the_same_line_items(dataset):
    con = _connect(dataset)
    mismatches = con.sql("""
        select count(*)
        from cur
        full join legacy_parquet as lp using (identity_line_item_id)
        full join legacy_csv as lc on lc."identity/LineItemId" = identity_line_item_id
        where cur.line_item_resource_id is distinct from lp.line_item_resource_id
           or coalesce(cur.resource_tags['user_cost_center'], '')
              <> lp.resource_tags_user_cost_center
           or coalesce(cur.resource_tags['user_cost_center'], '')
              <> coalesce(lc."resourceTags/user:CostCenter", '')
           or cur.product['product_name'] <> lp.product_product_name
           or cur.product['product_name'] <> lc."product/ProductName"
           or coalesce(cur.product['region'], '') <> coalesce(lc."product/region", '')
           or cur.cost_category['business_unit'] <> lc."costCategory/BusinessUnit"
           or coalesce(cur.discount['edp_discount']::decimal(38, 10), 0)
              <> lp.discount_edp_discount::decimal(38, 10)
           or cur.line_item_unblended_rate <> lp.line_item_unblended_rate
           or coalesce(cur.line_item_unblended_rate, '')
              <> coalesce(lc."lineItem/UnblendedRate", '')
           or strftime(cur.line_item_usage_start_date, '%Y-%m-%dT%H:%M:%SZ')
              <> lc."lineItem/UsageStartDate"
           or cur.identity_time_interval <> lc."identity/TimeInterval"
    """).fetchone()[0]
    assert mismatches == 0


# ------------------------------------------------------------------------------------------
# Consistency invariants (on the generated bill and on the fixture)
# ------------------------------------------------------------------------------------------


def test_cost_is_usage_times_rate_exactly(con):
    bad = con.sql("""
        select count(*) from cur
        where line_item_unblended_rate <> ''
          and line_item_usage_amount::decimal(38, 10)
              * line_item_unblended_rate::decimal(38, 10)
              <> line_item_unblended_cost::decimal(38, 10)
    """).fetchone()[0]
    assert bad == 0
    bad_public = con.sql("""
        select count(*) from cur
        where pricing_public_on_demand_rate <> ''
          and line_item_usage_amount::decimal(38, 10)
              * pricing_public_on_demand_rate::decimal(38, 10)
              <> pricing_public_on_demand_cost::decimal(38, 10)
    """).fetchone()[0]
    assert bad_public == 0
    rated = con.sql("""select count(*) from cur where line_item_line_item_type in
                       ('Usage', 'DiscountedUsage', 'SavingsPlanCoveredUsage',
                        'SavingsPlanNegation', 'RIFee', 'SavingsPlanRecurringFee')
                       and line_item_unblended_rate = ''""").fetchone()[0]
    assert rated == 0


def test_savings_plan_covered_usage(con):
    bad = con.sql("""
        select count(*) from cur
        where line_item_line_item_type = 'SavingsPlanCoveredUsage'
          and (line_item_usage_amount::decimal(38, 10)
               * savings_plan_savings_plan_rate::decimal(38, 10)
               <> savings_plan_savings_plan_effective_cost::decimal(38, 10)
               or savings_plan_savings_plan_a_r_n = '')
    """).fetchone()[0]
    assert bad == 0


def test_one_negation_per_covered_row(con):
    unmatched = con.sql("""
        with covered as (
            select line_item_usage_account_id, line_item_resource_id, line_item_usage_type,
                   line_item_operation, identity_time_interval, savings_plan_savings_plan_a_r_n,
                   line_item_unblended_cost::decimal(38, 10) as cost
            from cur where line_item_line_item_type = 'SavingsPlanCoveredUsage'
        ),
        negation as (
            select line_item_usage_account_id, line_item_resource_id, line_item_usage_type,
                   line_item_operation, identity_time_interval, savings_plan_savings_plan_a_r_n,
                   -line_item_unblended_cost::decimal(38, 10) as cost
            from cur where line_item_line_item_type = 'SavingsPlanNegation'
        )
        select count(*) from covered
        full join negation using (line_item_usage_account_id, line_item_resource_id,
                                  line_item_usage_type, line_item_operation,
                                  identity_time_interval, savings_plan_savings_plan_a_r_n, cost)
        where covered.cost is null or negation.cost is null
    """).fetchone()[0]
    assert unmatched == 0
    counts = con.sql("""select count(*) filter (where line_item_line_item_type =
                                                'SavingsPlanCoveredUsage'),
                               count(*) filter (where line_item_line_item_type =
                                                'SavingsPlanNegation') from cur""").fetchone()
    assert counts[0] == counts[1] > 0


def test_savings_plan_recurring_fee_commitment(con):
    rows = con.sql("""
        with used as (
            select savings_plan_savings_plan_a_r_n as arn, identity_time_interval,
                   sum(savings_plan_savings_plan_effective_cost::decimal(38, 10)) as used
            from cur where line_item_line_item_type = 'SavingsPlanCoveredUsage'
            group by all
        )
        select fee.savings_plan_used_commitment::decimal(38, 10),
               coalesce(used.used, 0),
               fee.savings_plan_total_commitment_to_date::decimal(38, 10),
               fee.identity_time_interval
        from cur as fee
        left join used on used.arn = fee.savings_plan_savings_plan_a_r_n
                      and used.identity_time_interval = fee.identity_time_interval
        where fee.line_item_line_item_type = 'SavingsPlanRecurringFee'
    """).fetchall()
    assert rows
    for used_commitment, covered, total, interval in rows:
        assert used_commitment == covered, interval
        assert total >= used_commitment, interval
    orphan = con.sql("""
        select count(*) from cur as covered
        where line_item_line_item_type = 'SavingsPlanCoveredUsage'
          and not exists (select 1 from cur as fee
                          where fee.line_item_line_item_type = 'SavingsPlanRecurringFee'
                            and fee.identity_time_interval = covered.identity_time_interval)
    """).fetchone()[0]
    assert orphan == 0


def test_reserved_instance_fees_match_usage(con):
    rows = con.sql("""
        with used as (
            select reservation_reservation_a_r_n as arn,
                   strftime(bill_billing_period_start_date, '%Y-%m') as month,
                   sum(line_item_usage_amount::decimal(38, 10)) as hours
            from cur where line_item_line_item_type = 'DiscountedUsage' group by all
        )
        select fee.line_item_usage_amount::decimal(38, 10) as reserved,
               coalesce(used.hours, 0) as used,
               fee.reservation_unused_quantity::decimal(38, 10) as unused,
               fee.reservation_unused_recurring_fee::decimal(38, 10) as unused_recurring,
               fee.line_item_unblended_rate::decimal(38, 10) as recurring_rate,
               fee.reservation_unused_amortized_upfront_fee_for_billing_period::decimal(38, 10)
                   as unused_upfront,
               fee.reservation_amortized_upfront_fee_for_billing_period::decimal(38, 10)
                   as upfront_period,
               fee.reservation_total_reserved_units::decimal(38, 10) as total_units
        from cur as fee
        left join used on used.arn = fee.reservation_reservation_a_r_n
                      and used.month = strftime(fee.bill_billing_period_start_date, '%Y-%m')
        where fee.line_item_line_item_type = 'RIFee'
    """).fetchall()
    assert rows
    for reserved, used, unused, unused_recurring, rate, unused_upfront, upfront, total in rows:
        assert reserved == total
        assert used + unused == reserved
        assert unused * rate == unused_recurring
        assert unused_upfront * reserved == upfront * unused
    bad = con.sql("""
        select count(*) from cur where line_item_line_item_type = 'DiscountedUsage'
        and (reservation_effective_cost::decimal(38, 10)
             <> reservation_amortized_upfront_cost_for_usage::decimal(38, 10)
                + reservation_recurring_fee_for_usage::decimal(38, 10)
             or line_item_unblended_cost <> 0 or reservation_reservation_a_r_n = '')
    """).fetchone()[0]
    assert bad == 0


def test_discounts_and_net_unblended_cost(con):
    bad = con.sql("""
        select count(*) from cur
        where line_item_line_item_type not in ('EdpDiscount', 'PrivateRateDiscount',
                                               'BundledDiscount')
          and (line_item_net_unblended_cost::decimal(38, 10)
               <> line_item_unblended_cost::decimal(38, 10)
                  + discount_total_discount::decimal(38, 10)
               or discount_total_discount::decimal(38, 10)
                  <> discount_bundled_discount::decimal(38, 10)
                     + coalesce(discount['edp_discount']::decimal(38, 10), 0)
                     + coalesce(discount['private_rate_discount']::decimal(38, 10), 0))
    """).fetchone()[0]
    assert bad == 0
    discount_rows = con.sql("""select count(*) from cur where line_item_line_item_type in
                               ('EdpDiscount', 'PrivateRateDiscount', 'BundledDiscount')
                               and line_item_net_unblended_cost <> 0""").fetchone()[0]
    assert discount_rows == 0
    totals = con.sql("""
        select strftime(bill_billing_period_start_date, '%Y-%m') as month,
               sum(line_item_unblended_cost::decimal(38, 10))
                   filter (where line_item_line_item_type = 'EdpDiscount'),
               sum(coalesce(discount['edp_discount']::decimal(38, 10), 0)),
               sum(line_item_unblended_cost::decimal(38, 10))
                   filter (where line_item_line_item_type = 'PrivateRateDiscount'),
               sum(coalesce(discount['private_rate_discount']::decimal(38, 10), 0)),
               sum(line_item_unblended_cost::decimal(38, 10))
                   filter (where line_item_line_item_type = 'BundledDiscount'),
               sum(discount_bundled_discount::decimal(38, 10)),
               sum(line_item_unblended_cost::decimal(38, 10)),
               sum(line_item_net_unblended_cost::decimal(38, 10))
        from cur group by all
    """).fetchall()
    for month, edp_rows, edp, private_rows, private, bundled_rows, bundled, cost, net in totals:
        assert (edp_rows or 0) == edp, month
        assert (private_rows or 0) == private, month
        assert (bundled_rows or 0) == bundled, month
        assert cost == net, month


def test_invoices_entities_and_currency(con):
    per_payer = con.sql("""select bill_payer_account_id, bill_billing_period_start_date,
                                  count(distinct bill_invoice_id)
                           from cur group by all""").fetchall()
    assert per_payer and all(count == 1 for *_, count in per_payer)
    distinct = con.sql("""select count(distinct bill_invoice_id),
                                 count(distinct (bill_payer_account_id,
                                                 bill_billing_period_start_date))
                          from cur""").fetchone()
    assert distinct[0] == distinct[1]
    assert con.sql("""select distinct bill_invoicing_entity, line_item_currency_code
                      from cur""").fetchall() == [("Amazon Web Services, Inc.", "USD")]
    marketplace = con.sql(
        """select distinct bill_billing_entity, line_item_legal_entity
                             from cur where line_item_product_code = ?""",
        params=[gen.MARKETPLACE_CODE],
    ).fetchall()
    assert marketplace == [("AWS Marketplace", gen.MARKETPLACE_SELLER)]


def test_refund_corrects_an_invoiced_period(con):
    refunds = con.sql("""select count(*) from cur
                         where line_item_line_item_type = 'Refund' and bill_bill_type = 'Refund'
                           and bill_billing_period_start_date = '2025-02-01'
                           and line_item_usage_start_date < '2025-02-01'
                           and line_item_unblended_cost < 0""").fetchone()[0]
    assert refunds >= 1


def test_daily_granularity_and_unique_ids(con):
    intervals = con.sql("""select distinct line_item_usage_end_date - line_item_usage_start_date
                           from cur where line_item_line_item_type in
                           ('Usage', 'DiscountedUsage', 'SavingsPlanCoveredUsage',
                            'SavingsPlanNegation', 'SavingsPlanRecurringFee')""").fetchall()
    assert [str(i[0]) for i in intervals] == ["1 day, 0:00:00"]
    ids = con.sql("select count(*), count(distinct identity_line_item_id) from cur").fetchone()
    assert ids[0] == ids[1]


def test_resource_tag_keys_use_the_cur2_format(con):
    keys = {
        r[0] for r in con.sql("select distinct unnest(map_keys(resource_tags)) from cur").fetchall()
    }
    assert keys <= {
        "user_cost_center",
        "user_environment",
        "user_team",
        "user_application",
        "aws_created_by",
    }
    assert "user_cost_center" in keys


def test_summary_amortized_cost_matches_the_aws_formula(con, dataset):
    amortized = dict(
        con.sql("""
        select strftime(bill_billing_period_start_date, '%Y-%m'),
               sum(case
                   when line_item_line_item_type = 'SavingsPlanCoveredUsage'
                       then savings_plan_savings_plan_effective_cost::decimal(38, 10)
                   when line_item_line_item_type = 'SavingsPlanRecurringFee'
                       then savings_plan_total_commitment_to_date::decimal(38, 10)
                            - savings_plan_used_commitment::decimal(38, 10)
                   when line_item_line_item_type in ('SavingsPlanNegation',
                                                     'SavingsPlanUpfrontFee') then 0
                   when line_item_line_item_type = 'DiscountedUsage'
                       then reservation_effective_cost::decimal(38, 10)
                   when line_item_line_item_type = 'RIFee'
                       then reservation_unused_amortized_upfront_fee_for_billing_period
                                ::decimal(38, 10)
                            + reservation_unused_recurring_fee::decimal(38, 10)
                   when line_item_line_item_type = 'Fee' and reservation_reservation_a_r_n <> ''
                       then 0
                   else line_item_unblended_cost::decimal(38, 10)
               end)
        from cur group by all
    """).fetchall()
    )
    summary = _summary(dataset)["months"]
    assert {m: f"{v:.10f}" for m, v in amortized.items()} == {
        m: s["amortized_cost"] for m, s in summary.items()
    }


# ------------------------------------------------------------------------------------------
# Fixture
# ------------------------------------------------------------------------------------------

FIXTURE_TOTALS = {  # hand-computed, see data/fixtures/aws/README.md
    "2025-01": {"rows": 29, "unblended": Decimal("766.35"), "amortized": Decimal("170.43")},
    "2025-02": {"rows": 10, "unblended": Decimal("129.30"), "amortized": Decimal("143.94")},
}


def test_fixture_files_match_the_fixture_source(tmp_path):
    gen.write_fixture(FIXTURE_SOURCE, tmp_path, gen.SHAPES)
    committed = {
        k: v
        for k, v in _file_digests(FIXTURE_DIR).items()
        if k.startswith("aws/") and not k.endswith((".csv", ".md"))
    }
    assert _file_digests(tmp_path) == committed


def test_fixture_hand_totals():
    summary = _summary(FIXTURE_DIR)["months"]
    for month, expected in FIXTURE_TOTALS.items():
        assert summary[month]["rows"] == expected["rows"]
        assert Decimal(summary[month]["unblended_cost"]) == expected["unblended"]
        assert Decimal(summary[month]["net_unblended_cost"]) == expected["unblended"]
        assert Decimal(summary[month]["amortized_cost"]) == expected["amortized"]
    readme = (FIXTURE_DIR / "aws" / "README.md").read_text()
    for expected in FIXTURE_TOTALS.values():
        assert f"{expected['unblended']:.2f}" in readme
        assert f"{expected['amortized']:.2f}" in readme


def test_fixture_rows_are_listed_in_the_readme():
    rows = gen.read_fixture(FIXTURE_SOURCE)
    readme = (FIXTURE_DIR / "aws" / "README.md").read_text()
    for row in rows:
        assert f"| {row['row']} |" in readme
