{#- Reads one top-level key of a JSON object held as text (Tags, SkuPriceDetails) as text: the key
    is quoted in the path, so keys with / or . read as one key. The engines differ only in
    json_path_text. -#}
{% macro get_json_text(json_column, key) %}
    {{ return(json_path_text(json_column, '$."' ~ key ~ '"')) }}
{% endmacro %}
