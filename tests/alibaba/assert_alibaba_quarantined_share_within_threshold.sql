{#-
    Fails when the Alibaba rows quarantined pass var focus_quarantine_max_share of the raw rows, by
    count or by absolute cost. Returns the shares when over.
-#}
{{ config(enabled=var('alibaba_enabled', false)) }}
{{ quarantined_share_over_threshold(
    'alibaba',
    "select billed_cost as raw_cost from " ~ ref('stg_alibaba__focus_line_items')
) }}
