{#-
    The body of every Azure staging model: one Azure cost details source (EA or MCA, actual or
    amortized; every value read as text) renamed to the staging contract and cast, safely. A value
    present but not castable is named in `cast_failures` (the row is quarantined downstream);
    nothing else is decided here. Every header spelling in azure_cost_details_columns is aligned
    first, so a file that lacks one (older schema, other agreement) reads it as null.
-#}
{% macro azure_stage_cost_details(source_relation) %}
    {%- set columns = azure_cost_details_columns() -%}
    {%- set decimal_columns = [
        'quantity', 'unit_price', 'effective_price', 'payg_price', 'cost_in_billing_currency',
        'cost_in_pricing_currency', 'payg_cost_in_billing_currency',
        'exchange_rate_pricing_to_billing',
    ] -%}
    {%- set date_columns = ['charge_date', 'billing_period_start_date', 'billing_period_end_date'] -%}
    {#- The columns that identify a charge, hashed as delivered (text), so the same row gives the
        same fingerprint on every engine. -#}
    {%- set identity_columns = [
        'billing_account_id', 'billing_profile_id', 'invoice_section_id', 'subscription_id',
        'charge_date', 'charge_type', 'pricing_model', 'frequency', 'meter_id', 'product_id',
        'part_number', 'product_name', 'resource_id', 'resource_location', 'benefit_id',
        'reservation_id', 'unit_of_measure', 'quantity', 'unit_price', 'effective_price',
        'cost_in_billing_currency', 'tags_text', 'additional_info', 'publisher_name', 'invoice_id',
    ] -%}
    {%- set identity_parts = [] -%}
    {%- for column_name in identity_columns -%}
        {%- do identity_parts.append("coalesce(" ~ azure_source_value(column_name) ~ ", '')") -%}
        {%- if not loop.last %}{% do identity_parts.append("'|'") %}{% endif -%}
    {%- endfor -%}
    {%- set optional_columns = {'filename': dbt.type_string()} -%}
    {%- set known_source_columns = [] -%}
    {%- for headers in columns.values() -%}
        {%- for header in headers -%}
            {%- do optional_columns.update({azure_header_name(header): dbt.type_string()}) -%}
            {%- do known_source_columns.append(azure_header_name(header)) -%}
        {%- endfor -%}
    {%- endfor %}

with

source as (

    select * from {{ source_relation }}
    {{ align_optional_columns(optional_columns) }}

),

renamed as (

    select
        {% for column_name in columns -%}
            {%- if column_name in decimal_columns -%}
                {{ safe_text_to_focus_decimal(azure_source_value(column_name)) }} as {{ column_name }},
            {%- elif column_name in date_columns -%}
                {{ safe_azure_date_to_timestamp(azure_source_value(column_name)) }}
                    as {{ column_name }},
            {%- else -%}
                cast({{ azure_source_value(column_name) }} as {{ dbt.type_string() }})
                    as {{ column_name }},
            {%- endif %}
        {% endfor -%}

        -- lineage: DuckDB's reader adds `filename`; a table without it (BigQuery) gives null
        cast(filename as {{ dbt.type_string() }}) as source_file,
        {{ dbt.hash(dbt.concat(identity_parts)) }} as row_fingerprint,

        -- the values above that are present in the file but did not cast (quarantined later)
        nullif(
            {%- for column_name in decimal_columns + date_columns %}
            case
                when {{ azure_source_value(column_name) }} is not null
                    and
                    {%- if column_name in date_columns %}
                    {{ safe_azure_date_to_timestamp(azure_source_value(column_name)) }} is null
                    {%- else %}
                    {{ safe_text_to_focus_decimal(azure_source_value(column_name)) }} is null
                    {%- endif %}
                    then '{{ column_name }};'
                else ''
            end{{ ' ||' if not loop.last }}
            {%- endfor %},
            ''
        ) as cast_failures,

        -- with var focus_carry_unknown_columns: every other source column, as JSON
        {{ unknown_columns_to_json('source', known_source_columns) }} as source_extras

    from source

)

select * from renamed
{%- endmacro %}
