{#-
    Azure EA cost details, amortized cost, renamed to the Azure staging contract and cast
    safely (azure_stage_cost_details). One row per raw row.
-#}
{#- Enabled with its source, so that a build without this shape does not trip on it. -#}
{{ config(enabled=var('azure_enabled') and var('azure_ea_amortized_enabled')) }}
{{ azure_stage_cost_details(source('azure', 'ea_amortized')) }}
