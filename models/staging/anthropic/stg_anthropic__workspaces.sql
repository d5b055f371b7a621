{#-
    Anthropic workspaces (GET /v1/organizations/workspaces): one row per workspace per page file,
    renamed.
-#}
with

pages as (

    select * from {{ source('anthropic', 'workspaces') }}

),

workspaces as (

    select
        pages.filename as source_file,
        workspace -- noqa: RF02, RF03
    from pages
    {{ cross_join_unnest(json_path_array('pages.data'), 'workspace') }}

),

renamed as (

    select
        workspaces.source_file,
        {{ json_path_text('workspaces.workspace', '$.id') }} as workspace_id,
        {{ json_path_text('workspaces.workspace', '$.name') }} as workspace_name
    from workspaces

)

select * from renamed
