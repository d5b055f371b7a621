{#-
    The staging contract of every native FOCUS export shape (stg_focus_export__*): the FOCUS 1.2
    columns, snake_case (timestamps end in `_at`), each with the kind staging casts it to, then the
    provider `x_` columns the project reads (snake_case, `x_` kept), then lineage. A shape that
    lacks a column (an older FOCUS version, a column the provider leaves out) gives a typed null.
    Returns a list of (snake_case name, source column or none, kind); kind is text, decimal,
    timestamp or tags.
-#}
{% macro focus_export_focus_columns() %}
    {%- set pascal = [
        'AvailabilityZone', 'BilledCost', 'BillingAccountId', 'BillingAccountName',
        'BillingAccountType', 'BillingCurrency', 'BillingPeriodEnd', 'BillingPeriodStart',
        'CapacityReservationId', 'CapacityReservationStatus', 'ChargeCategory', 'ChargeClass',
        'ChargeDescription', 'ChargeFrequency', 'ChargePeriodEnd', 'ChargePeriodStart',
        'CommitmentDiscountCategory', 'CommitmentDiscountId', 'CommitmentDiscountName',
        'CommitmentDiscountQuantity', 'CommitmentDiscountStatus', 'CommitmentDiscountType',
        'CommitmentDiscountUnit', 'ConsumedQuantity', 'ConsumedUnit', 'ContractedCost',
        'ContractedUnitPrice', 'EffectiveCost', 'InvoiceId', 'InvoiceIssuerName', 'ListCost',
        'ListUnitPrice', 'PricingCategory', 'PricingCurrency',
        'PricingCurrencyContractedUnitPrice', 'PricingCurrencyEffectiveCost',
        'PricingCurrencyListUnitPrice', 'PricingQuantity', 'PricingUnit', 'ProviderName',
        'PublisherName', 'RegionId', 'RegionName', 'ResourceId', 'ResourceName', 'ResourceType',
        'ServiceCategory', 'ServiceName', 'ServiceSubcategory', 'SkuId', 'SkuMeter',
        'SkuPriceDetails', 'SkuPriceId', 'SubAccountId', 'SubAccountName', 'SubAccountType',
        'Tags',
    ] -%}
    {%- set decimals = [
        'BilledCost', 'CommitmentDiscountQuantity', 'ConsumedQuantity', 'ContractedCost',
        'ContractedUnitPrice', 'EffectiveCost', 'ListCost', 'ListUnitPrice',
        'PricingCurrencyContractedUnitPrice', 'PricingCurrencyEffectiveCost',
        'PricingCurrencyListUnitPrice', 'PricingQuantity',
    ] -%}
    {%- set columns = [] -%}
    {%- for column in pascal -%}
        {%- set snake = modules.re.sub('(?<!^)(?=[A-Z])', '_', column) | lower -%}
        {%- if column in ['BillingPeriodEnd', 'BillingPeriodStart', 'ChargePeriodEnd', 'ChargePeriodStart'] -%}
            {%- do columns.append((snake ~ '_at', column, 'timestamp')) -%}
        {%- elif column in decimals -%}
            {%- do columns.append((snake, column, 'decimal')) -%}
        {%- elif column == 'Tags' -%}
            {%- do columns.append((snake, column, 'tags')) -%}
        {%- else -%}
            {%- do columns.append((snake, column, 'text')) -%}
        {%- endif -%}
    {%- endfor -%}
    {{ return(columns) }}
{% endmacro %}


{#-
    The provider x_ columns the project reads, by staging name -> kind (text, decimal, or json: JSON
    text made from the form the file holds, as Tags). Each shape maps the ones its export has
    (docs/FOCUS_EXPORTS.md); the others are typed nulls. `service_code`,
    `usage_type` and `operation` reach the mart's existing x_ServiceCode, x_UsageType, x_Operation.
-#}
{% macro focus_export_extra_columns() %}
    {{ return([
        ('service_code', 'text'),
        ('usage_type', 'text'),
        ('operation', 'text'),
        ('x_cost_categories', 'json'),
        ('x_invoice_id', 'text'),
        ('x_pricing_currency', 'text'),
        ('x_billing_exchange_rate', 'decimal'),
        ('x_sku_meter_id', 'text'),
        ('x_sku_meter_name', 'text'),
        ('x_sku_meter_subcategory', 'text'),
        ('x_sku_description', 'text'),
    ]) }}
{% endmacro %}


{#- Every column of the staging contract, in order, as (name, kind). -#}
{% macro focus_export_staging_columns() %}
    {%- set columns = [
        ('provider', 'text'), ('source_system', 'text'), ('source_version', 'text'),
        ('source_version_number', 'decimal'), ('source_file', 'text'),
    ] -%}
    {%- for name, source_column, kind in focus_export_focus_columns() -%}
        {%- do columns.append((name, 'text' if kind == 'tags' else kind)) -%}
    {%- endfor -%}
    {%- for name, kind in focus_export_extra_columns() -%}
        {%- do columns.append((name, kind)) -%}
    {%- endfor -%}
    {%- do columns.append(('source_extras', 'text')) -%}
    {%- do columns.append(('cast_failures', 'text')) -%}
    {{ return(columns) }}
{% endmacro %}
