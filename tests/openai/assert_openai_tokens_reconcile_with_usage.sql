{#-
    Every token of the openai usage report is in FOCUS exactly once: per billing period, day,
    project and model, Σ x_TokenCount of the FOCUS rows equals Σ tokens of the deduplicated usage
    quantities (compare_usage_tokens_with_focus). Returns the groups that differ.
-#}
{{ compare_usage_tokens_with_focus(
    'openai', 'int_openai__usage_quantities', 'project_id', "consumed_unit = 'Tokens'"
) }}
