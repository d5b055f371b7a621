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
        unnest(cast(pages.data as json[])) as workspace
    from pages

),

renamed as (

    select
        workspaces.source_file,
        workspaces.workspace ->> '$.id' as workspace_id,
        workspaces.workspace ->> '$.name' as workspace_name
    from workspaces

)

select * from renamed
