{#-
    The per-provider models of one kind that this build stacks: `int_<provider>__<entity>` for every
    provider whose `<provider>_enabled` variable is true, in a fixed order. The one place that
    lists the providers, so adding a provider is one line here. No provider enabled is an error.
-#}
{% macro enabled_provider_models(entity) %}
    {%- set providers = ['aws', 'azure', 'gcp', 'oci', 'alibaba', 'openai', 'anthropic', 'focus_export'] -%}
    {%- set model_names = [] -%}
    {%- for provider in providers if var(provider ~ '_enabled', false) -%}
        {%- do model_names.append('int_' ~ provider ~ '__' ~ entity) -%}
    {%- endfor -%}
    {%- if model_names | length == 0 -%}
        {{ exceptions.raise_compiler_error(
            "No billing provider is enabled: set at least one of the *_enabled variables"
            ~ " (e.g. aws_enabled) to true."
        ) }}
    {%- endif -%}
    {{ return(model_names) }}
{% endmacro %}
