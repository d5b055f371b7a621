{#-
    FOCUS 1.3/1.4 Contract Commitment dataset: one row per commitment (term) of a contract. Built
    when var focus_version is 1.3 or later, with that version's columns.
    No source this project reads delivers contract commitments (negotiated spend or usage terms such
    as an AWS Private Pricing Agreement or an Azure MACC are not in CUR, cost details, the GCP export
    or the AI usage APIs; the commitment discounts they do deliver, RIs and savings plans, are
    CostAndUsage's CommitmentDiscount* columns). The dataset is therefore empty, with the version's
    columns and types, and the cost rows' ContractApplied is null (DECISIONLOG D-906). A provider
    that delivers contracts fills it by adding a union here.
-#}
{{ config(enabled=focus_version_at_least('1.3')) }}

-- depends_on: {{ ref('focus_cost_and_usage') }}  (built with the version's cost rows, D-906)

{%- set decimal_columns = [
    'ContractCommitmentCost', 'ContractCommitmentDiscountPercentage',
    'ContractCommitmentPaymentUpfrontPercentage', 'ContractCommitmentQuantity',
    'PricingCurrencyContractCommitmentCost',
] %}
{%- set timestamp_columns = [
    'ContractCommitmentCreated', 'ContractCommitmentLastUpdated', 'ContractCommitmentPeriodEnd',
    'ContractCommitmentPeriodStart', 'ContractPeriodEnd', 'ContractPeriodStart',
] %}

with

superset as (

    select
    {%- for column in focus_version_columns('ContractCommitment', '1.4') %}
            {%- if column in decimal_columns %}
                cast(null as {{ type_focus_decimal() }}) as {{ column }}
            {%- elif column in timestamp_columns %}
                cast(null as {{ dbt.type_timestamp() }}) as {{ column }}
            {%- else %}
                cast(null as {{ dbt.type_string() }}) as {{ column }}
            {%- endif %}{{ ',' if not loop.last }}
    {%- endfor %}

),

final as (

    select {{ focus_version_select('ContractCommitment') }}
    from superset
    where 1 = 0

)

select * from final
