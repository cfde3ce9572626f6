-- Poor and near-poor households of each household group in each commune of an area (form R8), from
-- the per-commune counts of commune_class_year.
with memberships as (
    unpivot (
        select *
        from commune_class_year
        where review_year = $year and classification in ('ngheo', 'can_ngheo') and commune_code in (
            select code from area_communes($area, $year)
        )
    )
    on khong_kha_nang_lao_dong, bao_tro_xa_hoi, nguoi_co_cong, dan_toc_thieu_so, chu_ho_nu
    into name "column" value flagged
),

counted as (
    select
        m.commune_code,
        g."group",
        sum(if(g.negate, m.households - m.flagged, m.flagged)) filter (where m.classification = 'ngheo')
            as poor,
        sum(if(g.negate, m.households - m.flagged, m.flagged)) filter (where m.classification = 'can_ngheo')
            as near_poor
    from memberships as m
    join groups as g on g."column" = m."column"
    group by all
)

select commune_code, "group", coalesce(poor, 0)::bigint as poor, coalesce(near_poor, 0)::bigint as near_poor
from counted
where poor > 0 or near_poor > 0
order by commune_code, "group"
