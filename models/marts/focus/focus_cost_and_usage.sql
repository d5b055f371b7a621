{#-
    The FOCUS Cost and Usage dataset: FOCUS column IDs, types from the contract, FOCUS columns
    first (alphabetical) and provider extras after them, prefixed x_. One row per charge.
    Replaced by month of BillingPeriodStart: a run rebuilds the periods in var('focus_billing_periods')
    (all when unset) and replaces each month whole, leaving the others (DECISIONLOG D-019, D-685).
    DuckDB: one Parquet file per month and a view over them (focus_parquet_periods, D-680);
    BigQuery: an incremental table partitioned by month.
-#}
{%- set custom_columns = [] %}
{%- for column in declared_columns(model.name) if column.startswith('x_') %}
    {%- do custom_columns.append(column) %}
{%- endfor %}
{{ config(
    contract={'enforced': var('focus_version') | string == '1.2'},
    materialized=focus_mart_materialization(),
    incremental_strategy=billing_period_incremental_strategy(),
    partition_by=billing_period_partition_by('BillingPeriodStart'),
    cluster_by=[focus_provider_column(), 'ServiceName'],
) }}

with

cost_and_usage as (

    select * from {{ ref('int_focus__cost_and_usage_unioned') }}
    where {{ billing_periods_condition('billing_period_start_at') }}

),

superset as (

    select
        -- FOCUS 1.3 and 1.4 columns (the provider columns when a provider supplies them, D-905)
        cast(allocated_method_details as {{ dbt.type_string() }}) as AllocatedMethodDetails,
        cast(allocated_method_id as {{ dbt.type_string() }}) as AllocatedMethodId,
        cast(allocated_resource_id as {{ dbt.type_string() }}) as AllocatedResourceId,
        cast(allocated_resource_name as {{ dbt.type_string() }}) as AllocatedResourceName,
        cast(allocated_tags as {{ dbt.type_string() }}) as AllocatedTags,
        cast(commitment_program_eligibility_details as {{ dbt.type_string() }})
            as CommitmentProgramEligibilityDetails,
        cast(contract_applied as {{ dbt.type_string() }}) as ContractApplied,
        cast(coalesce(host_provider_name, provider_name) as {{ dbt.type_string() }})
            as HostProviderName,
        {{ focus_invoice_detail_id('invoice_id', 'billing_account_id', 'charge_category') }}
            as InvoiceDetailId,
        cast(coalesce(service_provider_name, provider_name) as {{ dbt.type_string() }})
            as ServiceProviderName,

        -- FOCUS 1.0 to 1.3 columns
        cast(availability_zone as {{ dbt.type_string() }}) as AvailabilityZone,
        {{ to_focus_decimal('billed_cost') }} as BilledCost,
        cast(billing_account_id as {{ dbt.type_string() }}) as BillingAccountId,
        cast(billing_account_name as {{ dbt.type_string() }}) as BillingAccountName,
        cast(billing_account_type as {{ dbt.type_string() }}) as BillingAccountType,
        cast(billing_currency as {{ dbt.type_string() }}) as BillingCurrency,
        cast(billing_period_end_at as {{ dbt.type_timestamp() }}) as BillingPeriodEnd,
        cast(billing_period_start_at as {{ dbt.type_timestamp() }}) as BillingPeriodStart,
        cast(capacity_reservation_id as {{ dbt.type_string() }}) as CapacityReservationId,
        cast(capacity_reservation_status as {{ dbt.type_string() }}) as CapacityReservationStatus,
        cast(charge_category as {{ dbt.type_string() }}) as ChargeCategory,
        cast(charge_class as {{ dbt.type_string() }}) as ChargeClass,
        cast(charge_description as {{ dbt.type_string() }}) as ChargeDescription,
        cast(charge_frequency as {{ dbt.type_string() }}) as ChargeFrequency,
        cast(charge_period_end_at as {{ dbt.type_timestamp() }}) as ChargePeriodEnd,
        cast(charge_period_start_at as {{ dbt.type_timestamp() }}) as ChargePeriodStart,
        cast(commitment_discount_category as {{ dbt.type_string() }}) as CommitmentDiscountCategory,
        cast(commitment_discount_id as {{ dbt.type_string() }}) as CommitmentDiscountId,
        cast(commitment_discount_name as {{ dbt.type_string() }}) as CommitmentDiscountName,
        {{ to_focus_decimal('commitment_discount_quantity') }} as CommitmentDiscountQuantity,
        cast(commitment_discount_status as {{ dbt.type_string() }}) as CommitmentDiscountStatus,
        cast(commitment_discount_type as {{ dbt.type_string() }}) as CommitmentDiscountType,
        cast(commitment_discount_unit as {{ dbt.type_string() }}) as CommitmentDiscountUnit,
        {{ to_focus_decimal('consumed_quantity') }} as ConsumedQuantity,
        cast(consumed_unit as {{ dbt.type_string() }}) as ConsumedUnit,
        {{ to_focus_decimal('contracted_cost') }} as ContractedCost,
        {{ to_focus_decimal('contracted_unit_price') }} as ContractedUnitPrice,
        {{ to_focus_decimal('effective_cost') }} as EffectiveCost,
        cast(invoice_id as {{ dbt.type_string() }}) as InvoiceId,
        cast(invoice_issuer_name as {{ dbt.type_string() }}) as InvoiceIssuerName,
        {{ to_focus_decimal('list_cost') }} as ListCost,
        {{ to_focus_decimal('list_unit_price') }} as ListUnitPrice,
        cast(pricing_category as {{ dbt.type_string() }}) as PricingCategory,
        cast(pricing_currency as {{ dbt.type_string() }}) as PricingCurrency,
        {{ to_focus_decimal('pricing_currency_contracted_unit_price') }}
            as PricingCurrencyContractedUnitPrice,
        {{ to_focus_decimal('pricing_currency_effective_cost') }} as PricingCurrencyEffectiveCost,
        {{ to_focus_decimal('pricing_currency_list_unit_price') }} as PricingCurrencyListUnitPrice,
        {{ to_focus_decimal('pricing_quantity') }} as PricingQuantity,
        cast(pricing_unit as {{ dbt.type_string() }}) as PricingUnit,
        cast(provider_name as {{ dbt.type_string() }}) as ProviderName,
        cast(publisher_name as {{ dbt.type_string() }}) as PublisherName,
        cast(region_id as {{ dbt.type_string() }}) as RegionId,
        cast(region_name as {{ dbt.type_string() }}) as RegionName,
        cast(resource_id as {{ dbt.type_string() }}) as ResourceId,
        cast(resource_name as {{ dbt.type_string() }}) as ResourceName,
        cast(resource_type as {{ dbt.type_string() }}) as ResourceType,
        cast(service_category as {{ dbt.type_string() }}) as ServiceCategory,
        cast(service_name as {{ dbt.type_string() }}) as ServiceName,
        cast(service_subcategory as {{ dbt.type_string() }}) as ServiceSubcategory,
        cast(sku_id as {{ dbt.type_string() }}) as SkuId,
        cast(sku_meter as {{ dbt.type_string() }}) as SkuMeter,
        cast(sku_price_details as {{ dbt.type_string() }}) as SkuPriceDetails,
        cast(sku_price_id as {{ dbt.type_string() }}) as SkuPriceId,
        cast(sub_account_id as {{ dbt.type_string() }}) as SubAccountId,
        cast(sub_account_name as {{ dbt.type_string() }}) as SubAccountName,
        cast(sub_account_type as {{ dbt.type_string() }}) as SubAccountType,
        cast(tags as {{ dbt.type_string() }}) as Tags,

        -- provider extras
        cast(provider as {{ dbt.type_string() }}) as x_Provider,
        cast(service_code as {{ dbt.type_string() }}) as x_ServiceCode,
        cast(usage_type as {{ dbt.type_string() }}) as x_UsageType,
        cast(operation as {{ dbt.type_string() }}) as x_Operation,
        cast(bill_type as {{ dbt.type_string() }}) as x_BillType,
        cast(invoicing_entity as {{ dbt.type_string() }}) as x_InvoicingEntity,
        cast(line_item_type as {{ dbt.type_string() }}) as x_SourceLineItemType,
        cast(line_item_id as {{ dbt.type_string() }}) as x_SourceLineItemId,
        cast(time_interval as {{ dbt.type_string() }}) as x_SourceTimeInterval,
        cast(source_system as {{ dbt.type_string() }}) as x_SourceSystem,
        cast(source_file as {{ dbt.type_string() }}) as x_SourceFile,
        cast(source_version as {{ dbt.type_string() }}) as x_SourceVersion,
        cast(row_origin as {{ dbt.type_string() }}) as x_RowOrigin,
        cast(merged_line_item_count as {{ dbt.type_bigint() }}) as x_MergedLineItemCount,
        cast(source_extras as {{ dbt.type_string() }}) as x_SourceExtras,
        cast(repairs as {{ dbt.type_string() }}) as x_Repairs,

        -- AI spend (OpenAI, Anthropic)
        cast(model_name as {{ dbt.type_string() }}) as x_ModelName,
        cast(token_type as {{ dbt.type_string() }}) as x_TokenType,
        cast(token_count as {{ dbt.type_bigint() }}) as x_TokenCount,
        cast(service_tier as {{ dbt.type_string() }}) as x_ServiceTier

    from cost_and_usage

),

final as (

    select {{ focus_version_select('CostAndUsage', custom_columns) }}
    from superset

)

select * from final
