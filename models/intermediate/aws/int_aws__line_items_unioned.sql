{#-
    One relation of AWS line items whatever shape they arrived in. Every staging model has the same
    enforced contract, so the shapes stack column for column; `source_system` says which one.
    With delivery manifests (var aws_manifest_path) only the files of each billing period's latest
    complete delivery are read.
    Only the billing periods the run rebuilds (var focus_billing_periods; all when unset) are kept,
    here at the first step, so that a restated month reads that month's files and nothing else:
    DuckDB pushes the condition into the Parquet reader, which skips other months' row groups by
    their statistics (DECISIONLOG D-602).
-#}
{%- set shapes = [] -%}
{%- if var('aws_cur2_enabled') -%}
    {%- do shapes.append(('aws_cur2', 'stg_aws__cur2_line_items')) -%}
{%- endif -%}
{%- if var('aws_cur_legacy_csv_enabled') -%}
    {%- do shapes.append(('aws_cur_legacy_csv', 'stg_aws__cur_legacy_csv_line_items')) -%}
{%- endif -%}
{%- if var('aws_cur_legacy_parquet_enabled') -%}
    {%- do shapes.append(('aws_cur_legacy_parquet', 'stg_aws__cur_legacy_parquet_line_items')) -%}
{%- endif -%}
{%- if shapes | length == 0 -%}
    {{ exceptions.raise_compiler_error(
        "AWS is enabled (var aws_enabled) but no AWS export shape is: set one of aws_cur2_enabled, "
        ~ "aws_cur_legacy_csv_enabled or aws_cur_legacy_parquet_enabled to true, or aws_enabled to false."
    ) }}
{%- endif %}
{%- set read_manifests = var('aws_manifest_path', env_var('FOCUS_AWS_MANIFEST_PATH', '')) != '' %}

with

{% if read_manifests -%}
    selected_files as (

        select data_file from {{ ref('int_aws__delivery_files') }}
        where delivery_status = 'selected'

    ),

{% endif -%}
{% for source_system, model_name in shapes %}
    {{ source_system }} as (

        select
            *,
            '{{ source_system }}' as source_system

        from {{ ref(model_name) }}
        where {{ billing_periods_condition('billing_period_start_at') }}
        {% if read_manifests %}
            -- Only the files of each billing period's latest complete delivery.
            and source_file in (select selected_files.data_file from selected_files)
        {% endif %}

    ),

{% endfor %}
unioned as (

    {% for source_system, model_name in shapes %}
        select * from {{ source_system }}
        {% if not loop.last %}union all{% endif %}
    {% endfor %}

)

select * from unioned
