"""FinOps marts (models/marts/finops) on the committed AWS fixture, against hand-computed answers.

Every expected figure below is added up by hand from the fixture's line items
(data/fixtures/aws/README.md, rows 1-39); the dbt unit tests beside each mart cover the logic on
hand-made FOCUS rows (currencies, tag casing, the FOCUS spec's commitment examples, thresholds).
"""

from __future__ import annotations

from decimal import Decimal

FINOPS = "main_finops"
CENT = Decimal("0.01")


def money(value) -> Decimal:
    return Decimal(value).quantize(CENT)


def test_spend_monthly_matches_the_invoices(fixture_build, report_figure):
    rows = fixture_build.query(
        f"select billing_period_start::varchar, billing_currency, sum(billed_cost),"
        f" sum(effective_cost), sum(billed_cost_reporting)"
        f" from {FINOPS}.finops_spend_monthly group by all order by 1"
    )
    assert [(r[0], r[1], money(r[2]), money(r[3]), money(r[4])) for r in rows] == [
        # README totals: unblended 766.35 / 129.30, AWS amortized 170.43 / 143.94.
        ("2025-01-01", "USD", Decimal("766.35"), Decimal("170.43"), Decimal("766.35")),
        ("2025-02-01", "USD", Decimal("129.30"), Decimal("143.94"), Decimal("129.30")),
    ]
    report_figure("finops_spend_monthly: billed 766.35 / 129.30 USD, effective 170.43 / 143.94")


def test_spend_daily_counts_the_refund_on_its_charge_day(fixture_build):
    # Row 37 (refund -1.20) is billed in February for usage on 2025-01-05: January by charge day.
    rows = fixture_build.query(
        f"select sum(billed_cost), sum(effective_cost) from {FINOPS}.finops_spend_daily"
        f" where charge_date < date '2025-02-01'"
    )
    assert (money(rows[0][0]), money(rows[0][1])) == (Decimal("765.15"), Decimal("169.23"))


def test_commitment_utilization_follows_the_fixture_commitments(fixture_build):
    rows = fixture_build.query(
        f"select billing_period_start::varchar, commitment_discount_category, used_quantity,"
        f" unused_quantity, utilization, commitment_savings"
        f" from {FINOPS}.finops_commitment_utilization order by 1, 2"
    )
    got = [(r[0], r[1], money(r[2]), money(r[3]), round(r[4], 4), money(r[5])) for r in rows]
    assert got == [
        # Savings Plan, January: used 0.60 + 1.44 + 1.44 = 3.48 of 2 x 2.40 (unused 0.36 + 0.96);
        # savings: contracted 0.85 + 2.04 + 2.04 = 4.93 - 3.48 used - 1.32 unused = 0.13.
        ("2025-01-01", "Spend", Decimal("3.48"), Decimal("1.32"), Decimal("0.725"),
         Decimal("0.13")),
        # RI, January: 48 of 744 hours used; 2 x 2.304 on demand - 2.40 - 34.80 unused.
        ("2025-01-01", "Usage", Decimal("48.00"), Decimal("696.00"), Decimal("0.0645"),
         Decimal("-32.59")),
        # Savings Plan, February: 1.44 of 2.40; 2.04 - 1.44 - 0.96 = -0.36.
        ("2025-02-01", "Spend", Decimal("1.44"), Decimal("0.96"), Decimal("0.6"), Decimal("-0.36")),
        # RI, February: 24 of 672 hours; 2.304 - 1.20 - 32.40.
        ("2025-02-01", "Usage", Decimal("24.00"), Decimal("648.00"), Decimal("0.0357"),
         Decimal("-31.30")),
    ]  # fmt: skip


def test_commitment_coverage_of_ec2(fixture_build):
    # January EC2 usage priced Standard or Committed: RI-covered 2 x 2.304, SP-covered 4.93,
    # on demand 1.20 (row 14) and NAT gateway 1.08 (row 18); spot (row 15) is not eligible.
    rows = fixture_build.query(
        f"select eligible_contracted_cost, covered_contracted_cost, commitment_coverage"
        f" from {FINOPS}.finops_commitment_coverage where billing_period_start = '2025-01-01'"
    )
    assert len(rows) == 1
    eligible, covered, coverage = rows[0]
    assert money(eligible) == Decimal("11.82") and money(covered) == Decimal("9.54")
    assert round(coverage, 4) == round(Decimal("9.538") / Decimal("11.818"), 4)


def test_allocation_by_team_in_january(fixture_build):
    rows = fixture_build.query(
        f"select coalesce(allocation_value, '(unallocated)'), sum(effective_cost)"
        f" from {FINOPS}.finops_allocation_daily"
        f" where allocation_key = 'team' and charge_date < date '2025-02-01'"
        f" group by 1 order by 1"
    )
    assert {r[0]: money(r[1]) for r in rows} == {
        # RI-covered 2 x 1.20 (row 3, 4) + row 14 1.20 + row 19 1.00.
        "checkout": Decimal("4.60"),
        # Rows 16 (2.30) and 18 (1.08).
        "platform": Decimal("3.38"),
        # SP-covered 1.44 + 0.60 + 1.44, rows 15 (3.00) and 17 (3.60).
        "search": Decimal("10.08"),
        # The rest of January's 169.23 by charge day.
        "(unallocated)": Decimal("151.17"),
    }


def test_tag_compliance_of_acme_prod_in_january(fixture_build):
    # Taggable: rows 3, 4, 6-8 (merged SP usage), 16, 17, 18, 20; row 20 (Marketplace) has no team.
    rows = fixture_build.query(
        f"select taggable_charge_count, compliant_charge_count, taggable_effective_cost,"
        f" compliant_effective_cost from {FINOPS}.finops_tag_compliance"
        f" where billing_period_start = '2025-01-01' and sub_account_id = '318273645546'"
        f" and tag_key = 'team'"
    )
    count, compliant, cost, compliant_cost = rows[0]
    assert (count, compliant) == (9, 8)
    assert (money(cost), money(compliant_cost)) == (Decimal("27.86"), Decimal("12.86"))


def test_invoices_reconcile(fixture_build):
    rows = fixture_build.query(
        f"select invoice_id, billed_cost, invoice_total, drift, reconciliation_status"
        f" from {FINOPS}.finops_invoice_reconciliation order by billing_period_start"
    )
    assert [(r[0], money(r[1]), money(r[2]), money(r[3]), r[4]) for r in rows] == [
        ("8075745975", Decimal("766.35"), Decimal("766.35"), Decimal("0.00"), "matched"),
        ("9919301645", Decimal("129.30"), Decimal("129.30"), Decimal("0.00"), "matched"),
    ]


def test_budget_burn(fixture_build):
    rows = fixture_build.query(
        f"select budget_id, as_of_date::varchar, actual_cost, projected_cost, budget_status"
        f" from {FINOPS}.finops_budget_burn where budget_id in ('all-2025-01', 'dev-2025-02')"
        f" order by 1"
    )
    assert [(r[0], r[1], money(r[2]), money(r[3]), r[4]) for r in rows] == [
        # January by charge day (169.23), period over: projected = actual.
        ("all-2025-01", "2025-02-03", Decimal("169.23"), Decimal("169.23"), "on track"),
        # acme-dev to 2025-02-03: usage 1.20 - EDP 0.06 = 1.14 in 3 days; 1.14 + 0.38 x 25.
        ("dev-2025-02", "2025-02-03", Decimal("1.14"), Decimal("10.64"), "forecast over budget"),
    ]


def test_no_anomaly_in_the_sparse_fixture(fixture_build):
    # The fixture has usage on a few days only; the largest usage-based day (Marketplace, 15.00 on
    # 2025-01-05) starts its series, so it has no baseline; every other day is below 10 USD.
    rows = fixture_build.query(
        f"select count(*) filter (where is_anomaly), max(charge_date)::varchar"
        f" from {FINOPS}.finops_cost_anomalies"
    )
    # The last day is the end of February's month-long unused-RI row, spread over its days.
    assert rows == [(0, "2025-02-28")]


def test_semantic_layer_is_parsed_by_dbt(fixture_build):
    # dbt writes semantic_manifest.json only when the semantic models and metrics validate.
    import json

    manifest = json.loads((fixture_build.target_path / "semantic_manifest.json").read_text())
    metrics = {metric["name"] for metric in manifest["metrics"]}
    assert {
        "total_billed_cost",
        "total_effective_cost",
        "total_list_cost",
        "total_contracted_cost",
        "negotiated_savings",
        "commitment_savings",
        "total_savings",
        "effective_savings_rate",
        "allocation_coverage",
        "commitment_coverage",
    } <= metrics
    models = {model["name"] for model in manifest["semantic_models"]}
    assert models == {"spend", "allocation", "commitment_coverage"}
    # Every money measure is in the reporting currency, so no metric adds two currencies.
    money = [
        measure
        for model in manifest["semantic_models"]
        for measure in model["measures"]
        if measure["name"].endswith("_cost_reporting") or "savings" in measure["name"]
    ]
    assert money and all((m.get("expr") or m["name"]).find("_reporting") >= 0 for m in money)
