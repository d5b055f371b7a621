{#-
    The delivery rule shared by the providers that write manifests (AWS Data Exports and legacy
    CUR, Azure Cost Management exports): per delivery key (a billing period, an export's month) the
    newest manifest, by the time it was written and then its path, whose listed files are all
    present is chosen; files of two deliveries are never mixed. Emits the CTEs that follow two CTEs
    the calling model defines:
      listed   manifest_file, manifest_modified_at, delivery_id, delivery_key, listed_file, and
               listed_key (the part of the listed path a present file must end with)
      present  present_file (every data file the provider's staging models read)
    and ends with `select * from final`: one row per data file present or listed, with
    delivery_status selected | superseded | unlisted | missing (see int_aws__delivery_files).
    DuckDB only (the object-store path).
-#}
{% macro delivery_file_statuses() %}
listed_matched as (

    select
        listed.*,
        present.present_file

    from listed

    left join present
        on listed.listed_file = present.present_file
            or ends_with(present.present_file, '/' || listed.listed_key)

),

manifests as (

    select
        manifest_file,
        manifest_modified_at,
        delivery_key,
        count(*) as listed_file_count,
        count(present_file) as present_file_count

    from listed_matched

    group by manifest_file, manifest_modified_at, delivery_key

),

chosen as (

    select
        manifest_file,
        delivery_key

    from manifests

    where present_file_count = listed_file_count

    qualify row_number() over (
            partition by delivery_key
            order by manifest_modified_at desc, manifest_file desc
        ) = 1

),

file_status as (

    select
        listed_matched.delivery_key,
        listed_matched.manifest_file,
        listed_matched.delivery_id,
        coalesce(listed_matched.present_file, listed_matched.listed_file) as data_file,
        listed_matched.present_file is not null as is_present,
        case
            when listed_matched.present_file is null then 'missing'
            when chosen.manifest_file is not null then 'selected'
            else 'superseded'
        end as delivery_status

    from listed_matched

    left join chosen
        on listed_matched.manifest_file = chosen.manifest_file

),

per_file as (

    -- A file listed by several manifests keeps its best status (selected over superseded).
    select * from file_status

    qualify row_number() over (
            partition by data_file
            order by
                case delivery_status when 'selected' then 0 when 'superseded' then 1 else 2 end,
                manifest_file desc
        ) = 1

),

unlisted as (

    select
        cast(null as {{ dbt.type_string() }}) as delivery_key,
        cast(null as {{ dbt.type_string() }}) as manifest_file,
        cast(null as {{ dbt.type_string() }}) as delivery_id,
        present.present_file as data_file,
        true as is_present,
        'unlisted' as delivery_status

    from present

    where present.present_file not in (
            select per_file.data_file from per_file
            where per_file.is_present
        )

),

final as (

    select * from per_file
    union all
    select * from unlisted

)

select * from final
{% endmacro %}
