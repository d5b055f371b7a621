{#-
    FOCUS version conversions, in one place: what changes when a row delivered in an older FOCUS
    version is brought to the version this project builds (1.2). Taken from the FOCUS changelogs
    (a column's `introduced_in` in seeds/focus/focus_columns.csv) and, for provider columns that
    became FOCUS columns, from the providers' own migration notes (docs/FOCUS_EXPORTS.md).

    One entry per column: `introduced_in` is the FOCUS version that added it; a row whose file is
    older (source_version_number below it) gets `coalesce(<delivered value>, <expression>)`, so a
    value a provider pre-adopted (Microsoft's BillingAccountType in 1.0) is kept; an entry with
    `replaces_delivered` gives the expression itself (it reads the delivered value). Expressions read
    the staging contract's snake_case columns. A later version (1.3, 1.4) adds its entries here.
    These are conversions, not repairs: they are not written to x_Repairs; x_SourceVersion says
    which file version a row came from.
-#}
{% macro focus_version_conversions() %}
    {{ return([
        {'column': 'capacity_reservation_id', 'introduced_in': '1.1',
         'expression': 'cast(null as ' ~ dbt.type_string() ~ ')',
         'note': 'New in 1.1; no 1.0 export carries capacity reservations: null.'},
        {'column': 'capacity_reservation_status', 'introduced_in': '1.1',
         'expression': 'cast(null as ' ~ dbt.type_string() ~ ')',
         'note': 'New in 1.1; null with CapacityReservationId.'},
        {'column': 'commitment_discount_quantity', 'introduced_in': '1.1',
         'expression': derived_commitment_discount_quantity(),
         'note': 'New in 1.1: Spend commitments in currency (the cost the commitment covers), Usage commitments in the pricing quantity.'},
        {'column': 'commitment_discount_unit', 'introduced_in': '1.1',
         'expression': derived_commitment_discount_unit(),
         'note': 'New in 1.1: the billing currency for Spend commitments, Hours for Usage commitments.'},
        {'column': 'service_subcategory', 'introduced_in': '1.1',
         'expression': "coalesce(mapped_service_subcategory, case when service_category is not null then 'Other (' || service_category || ')' end)",
         'note': 'New in 1.1: the subcategory the provider gives the service in its 1.1+ exports (map_aws__services by x_ServiceCode, map_focus_export__services by name), else the catch-all Other (<ServiceCategory>).'},
        {'column': 'sku_meter', 'introduced_in': '1.1',
         'expression': "case when charge_category in ('Usage', 'Purchase') then coalesce(usage_type, x_sku_meter_name, charge_description) end",
         'note': 'New in 1.1: AWS says x_UsageType became SkuMeter; Microsoft\'s x_SkuMeterName is the meter; Google\'s SKU description (ChargeDescription) names it.'},
        {'column': 'sku_price_details', 'introduced_in': '1.1',
         'expression': 'cast(null as ' ~ dbt.type_string() ~ ')',
         'note': 'New in 1.1; no 1.0 source: null.'},
        {'column': 'billing_account_type', 'introduced_in': '1.2',
         'expression': "case provider when 'aws' then 'Payer Account' else 'Billing Account' end",
         'note': 'New in 1.2: the provider\'s name for its billing account kind (AWS as in the CUR slice).'},
        {'column': 'sub_account_type', 'introduced_in': '1.2',
         'expression': "case when sub_account_id is not null then case provider when 'aws' then 'Linked Account' when 'gcp' then 'Project' else 'Subscription' end end",
         'note': 'New in 1.2: the provider\'s name for its sub account kind.'},
        {'column': 'invoice_id', 'introduced_in': '1.2',
         'expression': 'x_invoice_id',
         'note': 'New in 1.2; Microsoft\'s 1.0 export has it as x_InvoiceId.'},
        {'column': 'pricing_currency', 'introduced_in': '1.2',
         'expression': 'coalesce(x_pricing_currency, billing_currency)',
         'note': 'New in 1.2; Microsoft\'s x_PricingCurrency, else prices are in the billing currency.'},
        {'column': 'pricing_currency_contracted_unit_price', 'introduced_in': '1.2',
         'expression': to_pricing_currency('contracted_unit_price'),
         'note': 'New in 1.2: ContractedUnitPrice in the pricing currency.'},
        {'column': 'pricing_currency_effective_cost', 'introduced_in': '1.2',
         'expression': to_pricing_currency('effective_cost'),
         'note': 'New in 1.2: EffectiveCost in the pricing currency.'},
        {'column': 'pricing_currency_list_unit_price', 'introduced_in': '1.2',
         'expression': to_pricing_currency('list_unit_price'),
         'note': 'New in 1.2: ListUnitPrice in the pricing currency.'},
        {'column': 'tags', 'introduced_in': '1.2', 'replaces_delivered': true,
         'expression': 'case when x_cost_categories is null then tags else '
            ~ merge_prefixed_json_object('tags', 'x_cost_categories', 'costCategory/') ~ ' end',
         'note': 'AWS FOCUS 1.2 folds 1.0\'s x_CostCategories into Tags (keys prefixed costCategory/).'},
    ]) }}
{% endmacro %}


{#-
    CommitmentDiscountQuantity where FOCUS needs it (Usage or Purchase row of a commitment, not a
    correction): Spend commitments count currency (the purchase's billed cost, the usage's
    effective cost), Usage commitments the pricing quantity. Shared by the 1.0 -> 1.1 conversion
    and the repair of Microsoft's 1.2-preview, which leaves it empty.
-#}
{% macro derived_commitment_discount_quantity() -%}
    case
        when
            commitment_discount_id is not null
            and charge_category in ('Usage', 'Purchase')
            and coalesce(charge_class, '') <> 'Correction'
            then abs(case
                when commitment_discount_category = 'Spend' and charge_category = 'Purchase'
                    then billed_cost
                when commitment_discount_category = 'Spend' then effective_cost
                else pricing_quantity
            end)
    end
{%- endmacro %}

{#- CommitmentDiscountUnit beside the derived quantity: currency for Spend, Hours for Usage. -#}
{% macro derived_commitment_discount_unit() -%}
    case
        when
            commitment_discount_id is not null
            and charge_category in ('Usage', 'Purchase')
            and coalesce(charge_class, '') <> 'Correction'
            then case when commitment_discount_category = 'Spend' then billing_currency else 'Hours' end
    end
{%- endmacro %}

{#-
    A billing-currency amount in the pricing currency: Microsoft's x_BillingExchangeRate converts
    pricing to billing currency (multiply), so divide; without a rate the currencies are the same.
-#}
{% macro to_pricing_currency(column) -%}
    {{ column }} / coalesce(nullif(x_billing_exchange_rate, 0), 1)
{%- endmacro %}
