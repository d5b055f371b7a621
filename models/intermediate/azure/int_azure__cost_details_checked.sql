{#-
    Every Azure cost details row with its identity, its billing period and a verdict, so that none
    is lost silently:
      - `line_item_id`: Azure rows carry no ID, so the staging fingerprint (a hash of the columns
        that identify a charge, as delivered) made unique within a file by the row's ordinal
        among identical rows;
      - `is_replaced_by_amortized`: an actual-cost row FOCUS takes from the amortized dataset
        instead (every actual row except commitment purchases and refunds, DECISIONLOG D-101);
      - `quarantine_reason`: for a row that would reach FOCUS, a value that did not cast, an empty
        key column, a currency that is not ISO 4217, or a pricing currency without exchange rate.
    One row per raw row.
-#}
{%- set mandatory_columns = [
    'charge_date', 'cost_in_billing_currency', 'billing_currency', 'billing_account_id',
] -%}


with

cost_details as (

    select * from {{ ref('int_azure__cost_details_unioned') }}

),

charge_types as (

    select * from {{ ref('map_azure__charge_types') }}

),

pricing_models as (

    select * from {{ ref('map_azure__pricing_models') }}

),

currencies as (

    select currency_code from {{ ref('iso_4217_currencies') }}
    where is_billing_currency

),

identified as (

    select
        *,
        row_fingerprint || '-' || cast(row_number() over (
            partition by source_file, row_fingerprint order by row_fingerprint
        ) as {{ dbt.type_string() }}) as line_item_id,
        coalesce(
            billing_period_start_date,
            {{ dbt.date_trunc('month', 'charge_date') }}
        ) as billing_period_start_at

    from cost_details

),

checked as (

    select
        identified.*,
        {{ dbt.dateadd('month', 1, 'identified.billing_period_start_at') }}
            as billing_period_end_at,
        cast(identified.charge_date as date) as charge_day,
        coalesce(identified.charge_type, 'Usage') as effective_charge_type,
        identified.dataset = 'actual'
        and not coalesce(
            charge_types.kept_from_actual_when_commitment
            and pricing_models.pricing_category = 'Committed',
            false
        ) as is_replaced_by_amortized,
        case
            when identified.cast_failures is not null
                then 'unparseable value in ' || identified.cast_failures
            {% for column in mandatory_columns -%}
                when identified.{{ column }} is null then 'missing key column {{ column }}'
            {% endfor -%}
            when currencies.currency_code is null
                then 'unknown currency code ' || identified.billing_currency
            when
                coalesce(identified.pricing_currency, identified.billing_currency)
                <> identified.billing_currency
                and identified.exchange_rate_pricing_to_billing is null
                then 'missing exchange rate from pricing currency ' || identified.pricing_currency
        end as quarantine_reason

    from identified

    left join charge_types
        on coalesce(identified.charge_type, 'Usage') = charge_types.charge_type

    left join pricing_models
        on identified.pricing_model = pricing_models.pricing_model

    left join currencies
        on identified.billing_currency = currencies.currency_code

)

select * from checked
