-- Poor and near-poor households of an area in each household group (form R8). Shares are of the
-- area's poor (near-poor) households; `poor_share_of_households_pct` is of all households, as in the
-- Thạch Hà plan's "hộ nghèo bảo trợ xã hội 1,94%". Sums the per-commune counts of commune_class_year; a
-- group that negates a column (with labour capacity) counts the households without the flag.
with sums as (
    select
        classification,
        sum(households) as households,
        sum(columns(['khong_kha_nang_lao_dong', 'bao_tro_xa_hoi', 'nguoi_co_cong', 'dan_toc_thieu_so', 'chu_ho_nu']))
    from commune_class_year
    where
        review_year = $year
        and classification in ('ngheo', 'can_ngheo')
        and commune_code in (select code from area_communes($area, $year))
    group by classification
),

memberships as (
    select classification, households, "column", if(g.negate, households - flagged, flagged) as members, g."group"
    from (
        unpivot sums
        on khong_kha_nang_lao_dong, bao_tro_xa_hoi, nguoi_co_cong, dan_toc_thieu_so, chu_ho_nu
        into name "column" value flagged
    )
    join groups as g using ("column")
)

select
    g."group",
    g.position,
    g.label_vi,
    g.label_en,
    coalesce(sum(m.members) filter (where m.classification = 'ngheo'), 0)::bigint as poor,
    100.0 * poor / nullif(sum(m.households) filter (where m.classification = 'ngheo'), 0) as share_of_poor_pct,
    coalesce(sum(m.members) filter (where m.classification = 'can_ngheo'), 0)::bigint as near_poor,
    100.0 * near_poor / nullif(sum(m.households) filter (where m.classification = 'can_ngheo'), 0)
        as share_of_near_poor_pct,
    100.0 * poor / nullif((
        select sum(total_households) from commune_year
        where review_year = $year and commune_code in (select code from area_communes($area, $year))
    ), 0) as poor_share_of_households_pct
from groups as g
left join memberships as m using ("group")
group by all
order by g.position
