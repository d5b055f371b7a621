{#-
    OpenAI projects (GET /v1/organization/projects): one row per project per page file, renamed.
-#}
with

pages as (

    select * from {{ source('openai', 'projects') }}

),

projects as (

    select
        pages.filename as source_file,
        unnest(cast(pages.data as json[])) as project
    from pages

),

renamed as (

    select
        projects.source_file,
        projects.project ->> '$.id' as project_id,
        projects.project ->> '$.name' as project_name,
        projects.project ->> '$.status' as project_status
    from projects

)

select * from renamed
