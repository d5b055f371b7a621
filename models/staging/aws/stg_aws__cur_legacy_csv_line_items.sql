{#-
    Legacy Cost and Usage Report, gzipped CSV (`lineItem/UnblendedCost` headers; every value read as
    text, blanks as null): rename to the AWS staging contract and cast, safely: a value present but
    not castable is named in `cast_failures` and its row is quarantined downstream; nothing else.
    Optional columns, aligned to null when a month's report lacks them (align_optional_columns):
    the invoicing entity (added to CUR later), resource IDs (a report option), net costs (only with
    discounts), pricing and product attributes (they follow the products used), reservation and
    Savings Plan columns (only with commitments), the tag and cost category columns, and the
    reader's `filename`. Every other column read is aligned too (see below): the key columns are
    enforced per file downstream, with the file's name in the message.
    Tags and cost categories are one column each, gathered into maps keyed as delivered minus the
    prefix (`user:CostCenter`). Column names are the headers as DuckDB reads them; BigQuery cannot
    hold `/` in a name, so load the Athena Parquet shape there.
-#}
{#- Enabled with its source, so that a build without this shape does not trip on it. -#}
{{ config(enabled=var('aws_enabled') and var('aws_cur_legacy_csv_enabled')) }}
{%- set optional_columns = {} -%}
{%- for column_name in [
    'bill/InvoicingEntity',
    'lineItem/ResourceId',
    'lineItem/NetUnblendedRate',
    'lineItem/NetUnblendedCost',
    'pricing/currency',
    'pricing/publicOnDemandRate',
    'pricing/publicOnDemandCost',
    'pricing/term',
    'pricing/unit',
    'pricing/RateCode',
    'pricing/RateId',
    'pricing/PurchaseOption',
    'pricing/OfferingClass',
    'pricing/LeaseContractLength',
    'product/ProductName',
    'product/servicecode',
    'product/sku',
    'product/productFamily',
    'product/regionCode',
    'product/region',
    'product/location',
    'product/instanceType',
    'reservation/ReservationARN',
    'reservation/EffectiveCost',
    'reservation/UnusedAmortizedUpfrontFeeForBillingPeriod',
    'reservation/UnusedRecurringFee',
    'reservation/UnusedQuantity',
    'reservation/TotalReservedUnits',
    'reservation/StartTime',
    'reservation/EndTime',
    'savingsPlan/SavingsPlanARN',
    'savingsPlan/SavingsPlanEffectiveCost',
    'savingsPlan/SavingsPlanRate',
    'savingsPlan/TotalCommitmentToDate',
    'savingsPlan/UsedCommitment',
    'savingsPlan/OfferingType',
    'savingsPlan/PaymentOption',
    'savingsPlan/PurchaseTerm',
    'savingsPlan/StartTime',
    'savingsPlan/EndTime',
    'resourceTags/',
    'costCategory/',
    'filename',
] -%}
    {%- do optional_columns.update({column_name: dbt.type_string()}) -%}
{%- endfor -%}

{#- The source columns this model reads; any other is carried only on request (x_SourceExtras). -#}
{%- set known_source_columns = [
    'bill/BillType',
    'bill/BillingEntity',
    'bill/BillingPeriodEndDate',
    'bill/BillingPeriodStartDate',
    'bill/InvoiceId',
    'bill/InvoicingEntity',
    'bill/PayerAccountId',
    'identity/LineItemId',
    'identity/TimeInterval',
    'lineItem/AvailabilityZone',
    'lineItem/CurrencyCode',
    'lineItem/LegalEntity',
    'lineItem/LineItemDescription',
    'lineItem/LineItemType',
    'lineItem/NetUnblendedCost',
    'lineItem/NetUnblendedRate',
    'lineItem/Operation',
    'lineItem/ProductCode',
    'lineItem/ResourceId',
    'lineItem/TaxType',
    'lineItem/UnblendedCost',
    'lineItem/UnblendedRate',
    'lineItem/UsageAccountId',
    'lineItem/UsageAmount',
    'lineItem/UsageEndDate',
    'lineItem/UsageStartDate',
    'lineItem/UsageType',
    'pricing/LeaseContractLength',
    'pricing/OfferingClass',
    'pricing/PurchaseOption',
    'pricing/RateCode',
    'pricing/RateId',
    'pricing/currency',
    'pricing/publicOnDemandCost',
    'pricing/publicOnDemandRate',
    'pricing/term',
    'pricing/unit',
    'product/ProductName',
    'product/instanceType',
    'product/location',
    'product/productFamily',
    'product/region',
    'product/regionCode',
    'product/servicecode',
    'product/sku',
    'reservation/EffectiveCost',
    'reservation/EndTime',
    'reservation/ReservationARN',
    'reservation/StartTime',
    'reservation/TotalReservedUnits',
    'reservation/UnusedAmortizedUpfrontFeeForBillingPeriod',
    'reservation/UnusedQuantity',
    'reservation/UnusedRecurringFee',
    'savingsPlan/EndTime',
    'savingsPlan/OfferingType',
    'savingsPlan/PaymentOption',
    'savingsPlan/PurchaseTerm',
    'savingsPlan/SavingsPlanARN',
    'savingsPlan/SavingsPlanEffectiveCost',
    'savingsPlan/SavingsPlanRate',
    'savingsPlan/StartTime',
    'savingsPlan/TotalCommitmentToDate',
    'savingsPlan/UsedCommitment'
] %}
{#-
    Every column read is aligned, so no header a month lacks can stop the query with a bare binder
    error: a missing optional column reads as null, and a missing key column (identity, billing
    period, usage dates, cost, currency, accounts, line item type) is caught per file downstream
    (int_aws__line_items_checked), which names the file and says what to do.
-#}
{%- for column_name in known_source_columns %}
    {%- do optional_columns.setdefault(column_name, dbt.type_string()) %}
{%- endfor %}

with

source as (

    select * from {{ source('aws', 'cur_legacy_csv') }}
    {{ align_optional_columns(optional_columns) }}

),

renamed as (

    select
        -- identity
        cast("identity/LineItemId" as {{ dbt.type_string() }}) as line_item_id,
        cast("identity/TimeInterval" as {{ dbt.type_string() }}) as time_interval,

        -- bill; legacy CUR has no account names, and FOCUS 1.2 requires a name wherever the ID
        -- is set, so the account ID stands in for the name (here and for the usage account)
        cast("bill/InvoiceId" as {{ dbt.type_string() }}) as invoice_id,
        cast("bill/InvoicingEntity" as {{ dbt.type_string() }}) as invoicing_entity,
        cast("bill/BillingEntity" as {{ dbt.type_string() }}) as billing_entity,
        cast("bill/BillType" as {{ dbt.type_string() }}) as bill_type,
        cast("bill/PayerAccountId" as {{ dbt.type_string() }}) as payer_account_id,
        cast("bill/PayerAccountId" as {{ dbt.type_string() }}) as payer_account_name,
        {{ safe_to_utc_timestamp('"bill/BillingPeriodStartDate"') }} as billing_period_start_at,
        {{ safe_to_utc_timestamp('"bill/BillingPeriodEndDate"') }} as billing_period_end_at,

        -- line item
        cast("lineItem/UsageAccountId" as {{ dbt.type_string() }}) as usage_account_id,
        cast("lineItem/UsageAccountId" as {{ dbt.type_string() }}) as usage_account_name,
        cast("lineItem/LineItemType" as {{ dbt.type_string() }}) as line_item_type,
        {{ safe_to_utc_timestamp('"lineItem/UsageStartDate"') }} as usage_start_at,
        {{ safe_to_utc_timestamp('"lineItem/UsageEndDate"') }} as usage_end_at,
        cast("lineItem/ProductCode" as {{ dbt.type_string() }}) as product_code,
        cast("lineItem/UsageType" as {{ dbt.type_string() }}) as usage_type,
        cast("lineItem/Operation" as {{ dbt.type_string() }}) as operation,
        cast("lineItem/AvailabilityZone" as {{ dbt.type_string() }}) as availability_zone,
        cast("lineItem/ResourceId" as {{ dbt.type_string() }}) as resource_id,
        {{ safe_text_to_focus_decimal('"lineItem/UsageAmount"') }} as usage_amount,
        cast("lineItem/CurrencyCode" as {{ dbt.type_string() }}) as currency_code,
        {{ safe_text_to_focus_decimal('"lineItem/UnblendedRate"') }} as unblended_rate,
        {{ safe_text_to_focus_decimal('"lineItem/UnblendedCost"') }} as unblended_cost,
        {{ safe_text_to_focus_decimal('"lineItem/NetUnblendedRate"') }} as net_unblended_rate,
        {{ safe_text_to_focus_decimal('"lineItem/NetUnblendedCost"') }} as net_unblended_cost,
        cast("lineItem/LineItemDescription" as {{ dbt.type_string() }}) as line_item_description,
        cast("lineItem/TaxType" as {{ dbt.type_string() }}) as tax_type,
        cast("lineItem/LegalEntity" as {{ dbt.type_string() }}) as legal_entity,

        -- pricing
        cast("pricing/currency" as {{ dbt.type_string() }}) as pricing_currency,
        {{ safe_text_to_focus_decimal('"pricing/publicOnDemandRate"') }} as public_on_demand_rate,
        {{ safe_text_to_focus_decimal('"pricing/publicOnDemandCost"') }} as public_on_demand_cost,
        cast("pricing/term" as {{ dbt.type_string() }}) as pricing_term,
        cast("pricing/unit" as {{ dbt.type_string() }}) as pricing_unit,
        cast("pricing/RateCode" as {{ dbt.type_string() }}) as pricing_rate_code,
        cast("pricing/RateId" as {{ dbt.type_string() }}) as pricing_rate_id,
        cast("pricing/PurchaseOption" as {{ dbt.type_string() }}) as purchase_option,
        cast("pricing/OfferingClass" as {{ dbt.type_string() }}) as offering_class,
        cast("pricing/LeaseContractLength" as {{ dbt.type_string() }}) as lease_contract_length,

        -- product; older reports carry the region code only in `product/region`
        cast("product/ProductName" as {{ dbt.type_string() }}) as product_name,
        cast("product/servicecode" as {{ dbt.type_string() }}) as product_servicecode,
        cast("product/sku" as {{ dbt.type_string() }}) as product_sku,
        cast("product/productFamily" as {{ dbt.type_string() }}) as product_family,
        cast(coalesce("product/regionCode", "product/region") as {{ dbt.type_string() }})
            as region_code,
        cast("product/location" as {{ dbt.type_string() }}) as region_name,
        cast("product/instanceType" as {{ dbt.type_string() }}) as instance_type,

        -- reservations (RIs)
        cast("reservation/ReservationARN" as {{ dbt.type_string() }}) as reservation_arn,
        {{ safe_text_to_focus_decimal('"reservation/EffectiveCost"') }} as reservation_effective_cost,
        {{ safe_text_to_focus_decimal('"reservation/UnusedAmortizedUpfrontFeeForBillingPeriod"') }}
            as reservation_unused_amortized_upfront_fee,
        {{ safe_text_to_focus_decimal('"reservation/UnusedRecurringFee"') }}
            as reservation_unused_recurring_fee,
        {{ safe_text_to_focus_decimal('"reservation/UnusedQuantity"') }} as reservation_unused_quantity,
        {{ safe_text_to_focus_decimal('"reservation/TotalReservedUnits"') }}
            as reservation_total_reserved_units,
        {{ safe_to_utc_timestamp('"reservation/StartTime"') }} as reservation_start_at,
        {{ safe_to_utc_timestamp('"reservation/EndTime"') }} as reservation_end_at,

        -- savings plans
        cast("savingsPlan/SavingsPlanARN" as {{ dbt.type_string() }}) as savings_plan_arn,
        {{ safe_text_to_focus_decimal('"savingsPlan/SavingsPlanEffectiveCost"') }}
            as savings_plan_effective_cost,
        {{ safe_text_to_focus_decimal('"savingsPlan/SavingsPlanRate"') }} as savings_plan_rate,
        {{ safe_text_to_focus_decimal('"savingsPlan/TotalCommitmentToDate"') }}
            as savings_plan_total_commitment,
        {{ safe_text_to_focus_decimal('"savingsPlan/UsedCommitment"') }} as savings_plan_used_commitment,
        cast("savingsPlan/OfferingType" as {{ dbt.type_string() }}) as savings_plan_offering_type,
        cast("savingsPlan/PaymentOption" as {{ dbt.type_string() }})
            as savings_plan_payment_option,
        cast("savingsPlan/PurchaseTerm" as {{ dbt.type_string() }}) as savings_plan_purchase_term,
        {{ safe_to_utc_timestamp('"savingsPlan/StartTime"') }} as savings_plan_start_at,
        {{ safe_to_utc_timestamp('"savingsPlan/EndTime"') }} as savings_plan_end_at,

        -- maps, keys as the CSV headers write them minus the prefix (user:CostCenter, ...)
        {{ prefixed_columns_to_map('source', 'resourceTags/') }} as resource_tags,
        {{ prefixed_columns_to_map('source', 'costCategory/') }} as cost_categories,

        -- lineage: DuckDB's reader adds `filename`; a table without it (BigQuery) gives null
        cast(filename as {{ dbt.type_string() }}) as source_file,

        -- the values above that are present in the file but did not cast (quarantined later)
        {{ record_cast_failures([
            ('billing_period_start_at', '"bill/BillingPeriodStartDate"', 'timestamp'),
            ('billing_period_end_at', '"bill/BillingPeriodEndDate"', 'timestamp'),
            ('usage_start_at', '"lineItem/UsageStartDate"', 'timestamp'),
            ('usage_end_at', '"lineItem/UsageEndDate"', 'timestamp'),
            ('usage_amount', '"lineItem/UsageAmount"', 'text_decimal'),
            ('unblended_rate', '"lineItem/UnblendedRate"', 'text_decimal'),
            ('unblended_cost', '"lineItem/UnblendedCost"', 'text_decimal'),
            ('net_unblended_rate', '"lineItem/NetUnblendedRate"', 'text_decimal'),
            ('net_unblended_cost', '"lineItem/NetUnblendedCost"', 'text_decimal'),
            ('public_on_demand_rate', '"pricing/publicOnDemandRate"', 'text_decimal'),
            ('public_on_demand_cost', '"pricing/publicOnDemandCost"', 'text_decimal'),
            ('reservation_effective_cost', '"reservation/EffectiveCost"', 'text_decimal'),
            ('reservation_unused_amortized_upfront_fee', '"reservation/UnusedAmortizedUpfrontFeeForBillingPeriod"', 'text_decimal'),
            ('reservation_unused_recurring_fee', '"reservation/UnusedRecurringFee"', 'text_decimal'),
            ('reservation_unused_quantity', '"reservation/UnusedQuantity"', 'text_decimal'),
            ('reservation_total_reserved_units', '"reservation/TotalReservedUnits"', 'text_decimal'),
            ('reservation_start_at', '"reservation/StartTime"', 'timestamp'),
            ('reservation_end_at', '"reservation/EndTime"', 'timestamp'),
            ('savings_plan_effective_cost', '"savingsPlan/SavingsPlanEffectiveCost"', 'text_decimal'),
            ('savings_plan_rate', '"savingsPlan/SavingsPlanRate"', 'text_decimal'),
            ('savings_plan_total_commitment', '"savingsPlan/TotalCommitmentToDate"', 'text_decimal'),
            ('savings_plan_used_commitment', '"savingsPlan/UsedCommitment"', 'text_decimal'),
            ('savings_plan_start_at', '"savingsPlan/StartTime"', 'timestamp'),
            ('savings_plan_end_at', '"savingsPlan/EndTime"', 'timestamp')
        ]) }} as cast_failures,

        -- with var focus_carry_unknown_columns: every other source column, as JSON
        {{ unknown_columns_to_json(
            'source', known_source_columns, ['resourceTags/', 'costCategory/']
        ) }} as source_extras

    from source

)

select * from renamed
