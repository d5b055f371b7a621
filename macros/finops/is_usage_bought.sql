{#-
    True for the usage rows that bought something (DECISIONLOG D-704): ChargeCategory 'Usage' and
    not an unused commitment. Their ListCost and ContractedCost are the spend marts' savings basis
    (an unused commitment row bought nothing, so its list and contracted cost count as 0), and they
    are the charges the tag compliance mart checks (D-703).
-#}
{% macro is_usage_bought(relation) %}
    (
        {{ relation }}.ChargeCategory = 'Usage'
        and (
            {{ relation }}.CommitmentDiscountStatus is null
            or {{ relation }}.CommitmentDiscountStatus <> 'Unused'
        )
    )
{%- endmacro %}
