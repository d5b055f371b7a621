{#-
    A source column named as the export delivers it, e.g. 'lineItem/referenceNo' (OCI's cost
    report). DuckDB reads the file's header as it is, so the name is quoted as it is. BigQuery
    column names hold only letters, digits and underscores: a table loaded from such a file names
    the column with every other character made an underscore (`lineItem_referenceNo`), which is
    the name align_optional_columns gives a missing column there too.
-#}
{% macro source_column(name) %}
    {{ return(adapter.dispatch('source_column', 'finops_focus')(name)) }}
{% endmacro %}

{% macro default__source_column(name) %}
    {{ return(adapter.quote(name)) }}
{% endmacro %}

{% macro bigquery__source_column(name) %}
    {{ return(adapter.quote(modules.re.sub('[^A-Za-z0-9_]', '_', name))) }}
{% endmacro %}
