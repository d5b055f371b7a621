{#-
    Names the source values that are present but do not cast, as one text ('usage_start_at;
    unblended_cost;') or null when every value cast. Staging casts with the safe forms below, so a
    stray string never stops a build; this column says which values were lost in the cast, and the
    intermediate layer quarantines those rows with the reason instead of letting a cost vanish.
    `checks` is a list of (contract column, source expression, kind) with kind 'decimal',
    'text_decimal' (a decimal written as text) or 'timestamp'.
-#}
{% macro record_cast_failures(checks) -%}
    nullif(
        {%- for column_name, source_expression, kind in checks %}
        coalesce(
            case
                when nullif(trim(cast({{ source_expression }} as {{ dbt.type_string() }})), '') is not null
                    and {{ safe_cast_for_kind(source_expression, kind) }} is null
                    then '{{ column_name }};'
            end,
            ''
        ){{ ' ||' if not loop.last }}
        {%- endfor %},
        ''
    )
{%- endmacro %}


{#- The safe cast staging uses for each kind of checked value. -#}
{% macro safe_cast_for_kind(source_expression, kind) -%}
    {%- if kind == 'timestamp' -%}
        {{ safe_to_utc_timestamp(source_expression) }}
    {%- elif kind == 'text_decimal' -%}
        {{ safe_text_to_focus_decimal(source_expression) }}
    {%- else -%}
        {{ try_cast_to(source_expression, type_focus_decimal()) }}
    {%- endif -%}
{%- endmacro %}
