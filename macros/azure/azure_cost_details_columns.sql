{#-
    The Azure cost details columns the project reads, per staging column: every header spelling
    Microsoft has used for it, first match wins. EA and MCA exports name the same field differently
    (`BillingCurrencyCode` / `billingCurrency`), newer exports are camelCase where older ones are
    PascalCase, and the older pay-as-you-go and EA usage files use other words (`UsageDateTime`,
    `PreTaxCost`, `UsageQuantity`, `ResourceRate`, `SubscriptionGuid`, `InstanceId`). Sources:
    Microsoft Learn "Understand cost details fields" and the EA / MCA cost details file schemas.
    The reader normalizes headers (read_csv normalize_names: lower case, byte-order mark and
    non-alphanumeric characters removed), and azure_header_name does the same to these names.
-#}
{% macro azure_cost_details_columns() %}
    {{ return({
        'billing_account_id': ['BillingAccountId'],
        'billing_account_name': ['BillingAccountName'],
        'billing_profile_id': ['BillingProfileId', 'EnrollmentNumber'],
        'billing_profile_name': ['BillingProfileName'],
        'invoice_section_id': ['InvoiceSectionId', 'DepartmentId'],
        'invoice_section_name': ['InvoiceSectionName', 'DepartmentName'],
        'invoice_id': ['InvoiceId'],
        'subscription_id': ['SubscriptionGuid', 'SubscriptionId'],
        'subscription_name': ['SubscriptionName'],
        'resource_group': ['ResourceGroup', 'ResourceGroupName'],
        'resource_id': ['ResourceId', 'InstanceId', 'InstanceName'],
        'resource_name': ['ResourceName'],
        'resource_location': ['ResourceLocation', 'Location'],
        'meter_id': ['MeterId', 'ResourceGuid'],
        'meter_name': ['MeterName'],
        'meter_category': ['MeterCategory'],
        'meter_subcategory': ['MeterSubCategory'],
        'meter_region': ['MeterRegion'],
        'product_name': ['ProductName', 'Product'],
        'product_id': ['ProductId'],
        'part_number': ['PartNumber'],
        'consumed_service': ['ConsumedService'],
        'service_family': ['ServiceFamily'],
        'charge_type': ['ChargeType'],
        'frequency': ['Frequency'],
        'pricing_model': ['PricingModel'],
        'publisher_type': ['PublisherType'],
        'publisher_name': ['PublisherName'],
        'reservation_id': ['ReservationId'],
        'reservation_name': ['ReservationName'],
        'benefit_id': ['BenefitId'],
        'benefit_name': ['BenefitName'],
        'billing_currency': ['BillingCurrency', 'BillingCurrencyCode', 'Currency'],
        'pricing_currency': ['PricingCurrency', 'PricingCurrencyCode'],
        'unit_of_measure': ['UnitOfMeasure'],
        'term': ['Term'],
        'tags_text': ['Tags'],
        'additional_info': ['AdditionalInfo'],
        'quantity': ['Quantity', 'UsageQuantity', 'ConsumedQuantity'],
        'unit_price': ['UnitPrice', 'ResourceRate'],
        'effective_price': ['EffectivePrice'],
        'payg_price': ['PayGPrice'],
        'cost_in_billing_currency': ['CostInBillingCurrency', 'PreTaxCost', 'Cost'],
        'cost_in_pricing_currency': ['CostInPricingCurrency'],
        'payg_cost_in_billing_currency': ['PaygCostInBillingCurrency'],
        'exchange_rate_pricing_to_billing': ['ExchangeRatePricingToBilling'],
        'charge_date': ['Date', 'UsageDateTime', 'UsageDate'],
        'billing_period_start_date': ['BillingPeriodStartDate'],
        'billing_period_end_date': ['BillingPeriodEndDate'],
    }) }}
{% endmacro %}


{#- A header as the reader normalizes it: no byte-order mark, lower case, letters and digits only. -#}
{% macro azure_header_name(header) %}
    {{ return(modules.re.sub('[^a-z0-9]', '', header | replace('\ufeff', '') | lower)) }}
{% endmacro %}


{#- The first non-empty value among a staging column's header spellings. -#}
{% macro azure_source_value(column_name) %}
    {%- set headers = azure_cost_details_columns()[column_name] -%}
    {%- if headers | length == 1 -%}
        nullif(trim({{ adapter.quote(azure_header_name(headers[0])) }}), '')
    {%- else -%}
        coalesce(
            {%- for header in headers %}
            nullif(trim({{ adapter.quote(azure_header_name(header)) }}), ''){{ ',' if not loop.last }}
            {%- endfor %}
        )
    {%- endif -%}
{% endmacro %}
