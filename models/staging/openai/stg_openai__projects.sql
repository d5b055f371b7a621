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
        project -- noqa: RF02, RF03
    from pages
    {{ cross_join_unnest(json_path_array('pages.data'), 'project') }}

),

renamed as (

    select
        projects.source_file,
        {{ json_path_text('projects.project', '$.id') }} as project_id,
        {{ json_path_text('projects.project', '$.name') }} as project_name,
        {{ json_path_text('projects.project', '$.status') }} as project_status
    from projects

)

select * from renamed
