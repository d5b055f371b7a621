{#-
    With delivery manifests, every billing period a manifest names must have one complete delivery
    (all its listed files present); otherwise that period would silently vanish from FOCUS.
    Returns the billing periods without one.
-#}
{{ config(
    enabled=var('aws_enabled')
    and var('aws_manifest_path', env_var('FOCUS_AWS_MANIFEST_PATH', '')) != ''
) }}

select
    billing_period_start_date,
    count(*) filter (where delivery_status = 'missing') as missing_file_count

from {{ ref('int_aws__delivery_files') }}

where billing_period_start_date is not null

group by billing_period_start_date

having count(*) filter (where delivery_status = 'selected') = 0
