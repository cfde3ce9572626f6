-- Poor and near-poor households of an area in each household group (form R8). Shares are of the
-- area's poor households; `poor_share_of_households_pct` is of all households, as in the Thạch Hà
-- plan's "hộ nghèo bảo trợ xã hội 1,94%".
with area_households as (
    select *
    from households
    where review_year = $year and commune_code in (
        select code from area_communes($area, $year)
    )
),

memberships as (
    unpivot area_households
    on khong_kha_nang_lao_dong, bao_tro_xa_hoi, nguoi_co_cong, dan_toc_thieu_so, chu_ho_nu
    into name "column" value flagged
),

denominator as (
    select sum(total_households) as total_households
    from commune_year
    where review_year = $year and commune_code in (
        select code from area_communes($area, $year)
    )
)

select
    g."group",
    g.position,
    g.label_vi,
    g.label_en,
    count(*) filter (where m.classification = 'ngheo' and m.flagged != g.negate) as poor,
    100.0 * poor / nullif((select count(*) from area_households where classification = 'ngheo'), 0)
        as share_of_poor_pct,
    count(*) filter (where m.classification = 'can_ngheo' and m.flagged != g.negate) as near_poor,
    100.0 * near_poor / nullif((select count(*) from area_households where classification = 'can_ngheo'), 0)
        as share_of_near_poor_pct,
    100.0 * poor / nullif((select total_households from denominator), 0) as poor_share_of_households_pct
from groups as g
left join memberships as m on m."column" = g."column"
group by all
order by g.position
