{#-
    Every token of the anthropic usage report is in FOCUS exactly once: per billing period, day,
    workspace and model, Σ x_TokenCount of the FOCUS rows equals Σ tokens of the deduplicated usage
    quantities (compare_usage_tokens_with_focus). Returns the groups that differ.
-#}
{{ compare_usage_tokens_with_focus(
    'anthropic', 'int_anthropic__usage_quantities', 'workspace_id', "cost_type = 'tokens'"
) }}
