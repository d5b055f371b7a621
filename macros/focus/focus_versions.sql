{#-
    FOCUS versions, in one place: which columns each dataset has in each FOCUS version this project
    builds (1.0 to 1.4). One entry per column: [the version that added it, the last version that has
    it (none: still in 1.4)]. Read it as the changelog of the columns:
      1.1 added CapacityReservationId/Status, CommitmentDiscountQuantity/Unit, ServiceSubcategory,
          SkuMeter, SkuPriceDetails;
      1.2 added BillingAccountType, InvoiceId, PricingCurrency and the three PricingCurrency*
          prices, SubAccountType;
      1.3 added ServiceProviderName and HostProviderName (they replace ProviderName and
          PublisherName, deprecated in 1.3), the Allocated* split-cost columns, ContractApplied,
          and the ContractCommitment dataset;
      1.4 removed ProviderName and PublisherName, added CommitmentProgramEligibilityDetails and
          InvoiceDetailId, 17 ContractCommitment columns and the BillingPeriod and InvoiceDetail
          datasets.
    Written from seeds/focus/focus_columns.csv (the catalog); the governance test
    focus_required_columns(exact=true) fails when a model's FOCUS columns differ from the catalog's
    for the version, so this table cannot drift from the seed unnoticed. dbt needs the lists at
    compile time (the offline BigQuery compile cannot query the seed), hence a macro.
    How a model gets a column that a later version added, or keeps one that a later version removed:
    the models compute every version's columns (a superset) and select the version's list at the
    end (focus_version_select); older native inputs are upgraded in focus_version_conversions.
-#}
{% macro focus_versions() %}
    {{ return(['1.0', '1.1', '1.2', '1.3', '1.4']) }}
{% endmacro %}

{% macro focus_dataset_column_versions() %}
    {{ return({
        'CostAndUsage': {
            'AllocatedMethodDetails': ['1.3', none],
            'AllocatedMethodId': ['1.3', none],
            'AllocatedResourceId': ['1.3', none],
            'AllocatedResourceName': ['1.3', none],
            'AllocatedTags': ['1.3', none],
            'AvailabilityZone': ['1.0', none],
            'BilledCost': ['1.0', none],
            'BillingAccountId': ['1.0', none],
            'BillingAccountName': ['1.0', none],
            'BillingAccountType': ['1.2', none],
            'BillingCurrency': ['1.0', none],
            'BillingPeriodEnd': ['1.0', none],
            'BillingPeriodStart': ['1.0', none],
            'CapacityReservationId': ['1.1', none],
            'CapacityReservationStatus': ['1.1', none],
            'ChargeCategory': ['1.0', none],
            'ChargeClass': ['1.0', none],
            'ChargeDescription': ['1.0', none],
            'ChargeFrequency': ['1.0', none],
            'ChargePeriodEnd': ['1.0', none],
            'ChargePeriodStart': ['1.0', none],
            'CommitmentDiscountCategory': ['1.0', none],
            'CommitmentDiscountId': ['1.0', none],
            'CommitmentDiscountName': ['1.0', none],
            'CommitmentDiscountQuantity': ['1.1', none],
            'CommitmentDiscountStatus': ['1.0', none],
            'CommitmentDiscountType': ['1.0', none],
            'CommitmentDiscountUnit': ['1.1', none],
            'CommitmentProgramEligibilityDetails': ['1.4', none],
            'ConsumedQuantity': ['1.0', none],
            'ConsumedUnit': ['1.0', none],
            'ContractApplied': ['1.3', none],
            'ContractedCost': ['1.0', none],
            'ContractedUnitPrice': ['1.0', none],
            'EffectiveCost': ['1.0', none],
            'HostProviderName': ['1.3', none],
            'InvoiceDetailId': ['1.4', none],
            'InvoiceId': ['1.2', none],
            'InvoiceIssuerName': ['1.0', none],
            'ListCost': ['1.0', none],
            'ListUnitPrice': ['1.0', none],
            'PricingCategory': ['1.0', none],
            'PricingCurrency': ['1.2', none],
            'PricingCurrencyContractedUnitPrice': ['1.2', none],
            'PricingCurrencyEffectiveCost': ['1.2', none],
            'PricingCurrencyListUnitPrice': ['1.2', none],
            'PricingQuantity': ['1.0', none],
            'PricingUnit': ['1.0', none],
            'ProviderName': ['1.0', '1.3'],
            'PublisherName': ['1.0', '1.3'],
            'RegionId': ['1.0', none],
            'RegionName': ['1.0', none],
            'ResourceId': ['1.0', none],
            'ResourceName': ['1.0', none],
            'ResourceType': ['1.0', none],
            'ServiceCategory': ['1.0', none],
            'ServiceName': ['1.0', none],
            'ServiceProviderName': ['1.3', none],
            'ServiceSubcategory': ['1.1', none],
            'SkuId': ['1.0', none],
            'SkuMeter': ['1.1', none],
            'SkuPriceDetails': ['1.1', none],
            'SkuPriceId': ['1.0', none],
            'SubAccountId': ['1.0', none],
            'SubAccountName': ['1.0', none],
            'SubAccountType': ['1.2', none],
            'Tags': ['1.0', none],
        },
        'ContractCommitment': {
            'BillingCurrency': ['1.3', none],
            'ContractCommitmentApplicability': ['1.4', none],
            'ContractCommitmentBenefitCategory': ['1.4', none],
            'ContractCommitmentCategory': ['1.3', none],
            'ContractCommitmentCost': ['1.3', none],
            'ContractCommitmentCreated': ['1.4', none],
            'ContractCommitmentDescription': ['1.3', none],
            'ContractCommitmentDiscountPercentage': ['1.4', none],
            'ContractCommitmentDurationType': ['1.4', none],
            'ContractCommitmentFulfillmentInterval': ['1.4', none],
            'ContractCommitmentId': ['1.3', none],
            'ContractCommitmentLastUpdated': ['1.4', none],
            'ContractCommitmentLifecycleStatus': ['1.4', none],
            'ContractCommitmentModel': ['1.4', none],
            'ContractCommitmentOfferCategory': ['1.4', none],
            'ContractCommitmentPaymentInterval': ['1.4', none],
            'ContractCommitmentPaymentModel': ['1.4', none],
            'ContractCommitmentPaymentUpfrontPercentage': ['1.4', none],
            'ContractCommitmentPeriodEnd': ['1.3', none],
            'ContractCommitmentPeriodStart': ['1.3', none],
            'ContractCommitmentQuantity': ['1.3', none],
            'ContractCommitmentType': ['1.3', none],
            'ContractCommitmentUnit': ['1.3', none],
            'ContractId': ['1.3', none],
            'ContractPeriodEnd': ['1.3', none],
            'ContractPeriodStart': ['1.3', none],
            'InvoiceIssuerName': ['1.4', none],
            'PricingCurrency': ['1.4', none],
            'PricingCurrencyContractCommitmentCost': ['1.4', none],
            'ServiceProviderName': ['1.4', none],
        },
        'BillingPeriod': {
            'BillingPeriodCreated': ['1.4', none],
            'BillingPeriodEnd': ['1.4', none],
            'BillingPeriodLastUpdated': ['1.4', none],
            'BillingPeriodStart': ['1.4', none],
            'BillingPeriodStatus': ['1.4', none],
            'InvoiceIssuerName': ['1.4', none],
        },
        'InvoiceDetail': {
            'BilledCost': ['1.4', none],
            'BillingAccountId': ['1.4', none],
            'BillingCurrency': ['1.4', none],
            'BillingPeriodEnd': ['1.4', none],
            'BillingPeriodStart': ['1.4', none],
            'ChargeCategory': ['1.4', none],
            'InvoiceDetailCreated': ['1.4', none],
            'InvoiceDetailDescription': ['1.4', none],
            'InvoiceDetailGrain': ['1.4', none],
            'InvoiceDetailId': ['1.4', none],
            'InvoiceDetailLastUpdated': ['1.4', none],
            'InvoiceId': ['1.4', none],
            'InvoiceIssueDate': ['1.4', none],
            'InvoiceIssueStatus': ['1.4', none],
            'InvoiceIssuerName': ['1.4', none],
            'PaymentCurrency': ['1.4', none],
            'PaymentCurrencyBilledCost': ['1.4', none],
            'PaymentCurrencyInvoiceDetailId': ['1.4', none],
            'PaymentDueDate': ['1.4', none],
            'PaymentTerms': ['1.4', none],
            'PurchaseOrderNumber': ['1.4', none],
            'ReferenceInvoiceId': ['1.4', none],
        },
    }) }}
{% endmacro %}

{#-
    The FOCUS column IDs of `dataset` in `version` (default: var focus_version), alphabetical
    (the order the marts use: FOCUS columns first, alphabetical, then x_ columns).
-#}
{% macro focus_version_columns(dataset='CostAndUsage', version=none) %}
    {%- set version = (version or var('focus_version')) | string -%}
    {%- set versions = focus_versions() -%}
    {#- An unknown version fails when a model compiles, not while dbt parses: the governance test
        focus_version_declared must be able to run and say so. -#}
    {%- if version not in versions -%}
        {%- if execute -%}
            {{ exceptions.raise_compiler_error(
                "focus_version '" ~ version ~ "' is not one of " ~ versions | join(', ')
            ) }}
        {%- endif -%}
        {{ return([]) }}
    {%- endif -%}
    {%- set columns = [] -%}
    {%- for column, span in focus_dataset_column_versions()[dataset].items() | sort -%}
        {%- set first = versions.index(span[0]) -%}
        {%- set last = versions.index(span[1]) if span[1] else versions | length - 1 -%}
        {%- if first <= versions.index(version) <= last -%}
            {%- do columns.append(column) -%}
        {%- endif -%}
    {%- endfor -%}
    {{ return(columns) }}
{% endmacro %}

{#-
    True when the build's FOCUS version is at least `minimum` (e.g. '1.3'): the version a dataset
    or a rule starts in.
-#}
{% macro focus_version_at_least(minimum) %}
    {%- set versions = focus_versions() -%}
    {%- set version = var('focus_version') | string -%}
    {{ return(version in versions and versions.index(version) >= versions.index(minimum)) }}
{% endmacro %}

{#-
    The select list of a mart for the build's version: the version's FOCUS columns of `dataset`
    (each read from the superset CTE under the same name), then the x_ columns given.
-#}
{% macro focus_version_select(dataset, custom_columns=[]) %}
    {%- set columns = focus_version_columns(dataset) + custom_columns -%}
    {%- for column in columns %}
        {{ column }}{{ ',' if not loop.last }}
    {%- endfor %}
{% endmacro %}


{#-
    The column naming the provider in the chosen version: ProviderName until 1.3, ServiceProviderName
    from 1.4 (ProviderName removed). Used where a config needs a provider column in every version,
    such as the mart's BigQuery clustering.
-#}
{% macro focus_provider_column() %}
    {{- return('ServiceProviderName' if focus_version_at_least('1.4') else 'ProviderName') -}}
{% endmacro %}
