"""Every governance test of the FOCUS mart fails when the data breaks its rule.

For each case the built fixture database is copied, the mart is damaged in one way, and only the
tests of that kind are run (`dbt test`, no rebuild). The case passes when the expected test fails
and the same tests pass on the undamaged copy (checked once, in the first test). The copy always
lands at the same path and dbt keeps one target folder, so dbt can reuse its parse between cases.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import duckdb
import pytest
from conftest import MART, Build, mart_as_table, run_dbt

CASES = [
    # (case id, damage SQL, dbt selector, failing test name prefix)
    (
        "required_column_missing",
        f"alter table {MART} drop column BillingCurrency",
        "test_name:focus_required_columns",
        "focus_required_columns_focus_cost_and_usage",
    ),
    (
        "currency_not_iso_4217",
        f"update {MART} set BillingCurrency = 'USX' where ChargeCategory = 'Usage'",
        "test_name:focus_currency_code",
        "focus_currency_code_focus_cost_and_usage_BillingCurrency",
    ),
    (
        "currency_not_a_billing_currency",
        f"update {MART} set PricingCurrency = 'XAU' where ChargeCategory = 'Tax'",
        "test_name:focus_currency_code",
        "focus_currency_code_focus_cost_and_usage_PricingCurrency",
    ),
    (
        "charge_category_wrong_case",
        f"update {MART} set ChargeCategory = 'usage' where ChargeCategory = 'Usage'",
        "test_name:focus_allowed_values",
        "focus_allowed_values_focus_cost_and_usage_ChargeCategory",
    ),
    (
        "charge_class_not_correction",
        f"update {MART} set ChargeClass = 'Rebate' where ChargeCategory = 'Credit'",
        "test_name:focus_allowed_values",
        "focus_allowed_values_focus_cost_and_usage_ChargeClass",
    ),
    (
        "pricing_category_unknown",
        f"update {MART} set PricingCategory = 'Spot' where PricingCategory = 'Dynamic'"
        f" or PricingCategory = 'Standard'",
        "test_name:focus_allowed_values",
        "focus_allowed_values_focus_cost_and_usage_PricingCategory",
    ),
    (
        "subcategory_under_wrong_category",
        f"update {MART} set ServiceSubcategory = 'Object Storage'"
        f" where ServiceCategory = 'Compute'",
        "test_name:focus_service_subcategory_parent",
        "focus_service_subcategory_parent_focus_cost_and_usage_ServiceSubcategory",
    ),
    (
        "custom_column_without_prefix",
        f"alter table {MART} add column CostCenter varchar",
        "test_name:focus_custom_columns_prefixed",
        "focus_custom_columns_prefixed_focus_cost_and_usage",
    ),
    (
        "decimal_column_stored_as_double",
        f"alter table {MART} alter BilledCost type double",
        "test_name:focus_column_types",
        "focus_column_types_focus_cost_and_usage",
    ),
    # FOCUS versions (issue 7, DECISIONLOG D-903): the version's exact columns and nullability.
    (
        "conditional_column_of_the_version_missing",
        f"alter table {MART} drop column CapacityReservationId",
        "test_name:focus_required_columns",
        "focus_cost_and_usage_has_exactly_the_version_columns",
    ),
    (
        "column_without_nulls_in_the_version_null",
        f"alter table {MART} alter column ChargeFrequency drop not null; "
        f"update {MART} set ChargeFrequency = null where ChargeCategory = 'Tax'",
        "test_name:focus_column_types",
        "focus_column_types_focus_cost_and_usage",
    ),
    (
        "tags_nested_object",
        f"""update {MART} set Tags = '{{"team": {{"name": "a"}}}}' where Tags is not null""",
        "test_name:focus_key_value_format",
        "focus_key_value_format_focus_cost_and_usage_Tags",
    ),
    (
        "tags_not_an_object",
        f'update {MART} set Tags = \'["a", "b"]\' where Tags is not null',
        "test_name:focus_key_value_format",
        "focus_key_value_format_focus_cost_and_usage_Tags",
    ),
    (
        "sub_account_name_without_id",
        f"update {MART} set SubAccountName = null where SubAccountId is not null",
        "test_name:focus_null_iff",
        "focus_null_iff_focus_cost_and_usage_SubAccountName__SubAccountId",
    ),
    (
        "empty_string_instead_of_null",
        f"update {MART} set ChargeDescription = '' where ChargeCategory = 'Tax'",
        "test_name:focus_no_empty_strings",
        "focus_no_empty_strings_focus_cost_and_usage",
    ),
    (
        "charge_period_not_ordered",
        f"update {MART} set ChargePeriodEnd = ChargePeriodStart where ChargeCategory = 'Usage'",
        "test_name:focus_rule",
        "focus_rule_r_dt_03_charge_period_ordered",
    ),
    (
        "list_cost_not_price_times_quantity",
        f"update {MART} set ListCost = ListCost + 1 where ListUnitPrice is not null",
        "test_name:focus_rule",
        "focus_rule_r_lc_02_list_cost_is_price_times_quantity",
    ),
    (
        "tax_row_with_price",
        f"update {MART} set SkuId = 'sku' where ChargeCategory = 'Tax'",
        "test_name:focus_rule",
        "focus_rule_r_price_01_tax_rows_have_no_price",
    ),
    (
        "credit_effective_cost_differs",
        f"update {MART} set EffectiveCost = 0 where ChargeCategory = 'Credit'",
        "test_name:focus_rule",
        "focus_rule_r_ec_03_credit_costs_equal_billed",
    ),
    (
        "service_name_in_two_categories",
        f"update {MART} set ServiceCategory = 'Other', ServiceSubcategory = 'Other (Other)'"
        f" where ChargeCategory = 'Tax'",
        "test_name:focus_determines",
        "focus_determines_focus_cost_and_usage_ServiceName__ServiceCategory",
    ),
    # The grain test (two steps on DuckDB, D-671): an exact copy of a row, and keys that repeat as
    # NULLs (GROUP BY takes NULLs as equal; so must the fingerprint step).
    (
        "charge_written_twice",
        f"insert into {MART} select * from {MART} where ChargeCategory = 'Tax' limit 1",
        "test_name:unique_combination",
        "unique_combination_focus_cost_and_usage",
    ),
    (
        "grain_keys_null_twice",
        f"update {MART} set x_SourceLineItemId = null, x_SourceTimeInterval = null"
        f" where x_RowOrigin = 'source'"
        f" and x_SourceSystem = (select min(x_SourceSystem) from {MART})",
        "test_name:unique_combination",
        "unique_combination_focus_cost_and_usage",
    ),
]


def run_tests(build: Build, work_dir: Path, selector: str, dbt_vars: dict | None = None):
    result = run_dbt(
        ["test", "--select", f"focus_cost_and_usage,{selector}"],
        duckdb_path=build.duckdb_path,
        raw_path=build.raw_path,
        work_dir=work_dir,
        dbt_vars=dbt_vars,
    )
    results = json.loads((work_dir / "target" / "run_results.json").read_text())["results"]
    statuses = {entry["unique_id"].split(".")[2]: entry["status"] for entry in results}
    return result, statuses


@pytest.fixture(scope="module")
def work_dir(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("governance")


def damaged_copy(fixture_build: Build, work_dir: Path, damage_sql: str | None) -> Build:
    copy = work_dir / "damaged.duckdb"
    shutil.copyfile(fixture_build.duckdb_path, copy)
    if damage_sql:
        with duckdb.connect(str(copy)) as connection:
            mart_as_table(connection)
            connection.execute(damage_sql)
    return Build(copy, fixture_build.raw_path, work_dir / "target", fixture_build.result)


def test_governance_tests_pass_on_the_fixture(fixture_build, work_dir):
    selector = "test_name:focus_rule test_name:focus_allowed_values test_name:focus_null_iff"
    undamaged = damaged_copy(fixture_build, work_dir, None)
    result, statuses = run_tests(undamaged, work_dir, selector)
    assert result.returncode == 0, result.output[-3000:]
    assert len(statuses) > 20
    assert set(statuses.values()) == {"pass"}


@pytest.mark.parametrize(
    "damage_sql, selector, failing_test",
    [case[1:] for case in CASES],
    ids=[case[0] for case in CASES],
)
def test_governance_test_fails_on_bad_data(
    fixture_build, work_dir, damage_sql, selector, failing_test
):
    damaged = damaged_copy(fixture_build, work_dir, damage_sql)
    result, statuses = run_tests(damaged, work_dir, selector)
    failing = [name for name, status in statuses.items() if name.startswith(failing_test)]
    assert failing, f"no test named {failing_test}* ran: {sorted(statuses)}"
    assert all(statuses[name] == "fail" for name in failing), statuses
    assert result.returncode == 1


def test_version_not_in_catalog_fails(fixture_build, work_dir):
    undamaged = damaged_copy(fixture_build, work_dir, None)
    result, statuses = run_tests(
        undamaged, work_dir, "test_name:focus_version_declared", {"focus_version": "9.9"}
    )
    assert list(statuses.values()) == ["fail"]
    assert result.returncode == 1
