{#-
    Every enabled native FOCUS export shape stacked (the staging models share one contract), with
    the row identity FOCUS files do not carry: `line_item_id` is a hash of the columns that
    identify a charge, suffixed with the row's rank among identical rows of the same file, and
    `time_interval` is the charge period as text. One row per row of the providers' files.
-#}
{%- set shapes = [] -%}
{%- for shape in ['aws_1_0', 'aws_1_2', 'azure_1_0', 'azure_1_2_preview', 'gcp'] -%}
    {%- if var('focus_export_' ~ shape ~ '_enabled') -%}
        {%- do shapes.append('stg_focus_export__' ~ shape) -%}
    {%- endif -%}
{%- endfor -%}
{%- if shapes | length == 0 -%}
    {{ exceptions.raise_compiler_error(
        "Native FOCUS exports are enabled (var focus_export_enabled) but no shape is: set one of "
        ~ "focus_export_<aws_1_0|aws_1_2|azure_1_0|azure_1_2_preview|gcp>_enabled to true."
    ) }}
{%- endif -%}
{%- set identity_columns = [
    'provider', 'source_system', 'billing_account_id', 'sub_account_id', 'charge_category',
    'charge_class', 'charge_description', 'commitment_discount_id', 'resource_id', 'sku_id',
    'sku_price_id', 'service_name', 'region_id', 'tags',
] -%}
{%- set identity_values = [] -%}
{%- for column in identity_columns -%}
    {%- do identity_values.append("coalesce(" ~ column ~ ", '')") -%}
{%- endfor -%}
{#- Typed columns as texts that are the same on every engine, so a row has one ID everywhere. -#}
{%- for column in ['charge_period_start_at', 'charge_period_end_at'] -%}
    {%- do identity_values.append("coalesce(" ~ format_utc_timestamp(column) ~ ", '')") -%}
{%- endfor -%}
{%- for column in ['billed_cost', 'effective_cost', 'pricing_quantity'] -%}
    {%- do identity_values.append("coalesce(" ~ format_decimal(column) ~ ", '')") -%}
{%- endfor %}

with

{% for model_name in shapes %}
    {{ model_name }} as (

        select * from {{ ref(model_name) }}

    ),

{% endfor %}
unioned as (

    {% for model_name in shapes %}
        select * from {{ model_name }}
        {% if not loop.last %}union all{% endif %}
    {% endfor %}

),

hashed as (

    select
        *,
        {{ dbt.hash(identity_values | join(" || '|' || ")) }} as row_hash
    from unioned

),

identified as (

    select
        *,
        row_hash || '-' || cast(
            row_number() over (partition by source_file, row_hash order by row_hash)
            as {{ dbt.type_string() }}
        ) as line_item_id,
        coalesce({{ format_utc_timestamp('charge_period_start_at') }}, '') || '/'
        || coalesce({{ format_utc_timestamp('charge_period_end_at') }}, '') as time_interval
    from hashed

)

select * from identified
