-- Poor and near-poor households of an area in each household group (form R8). Shares are of the
-- area's poor (near-poor) households; `poor_share_of_households_pct` is of all households, as in the
-- Thạch Hà plan's "hộ nghèo bảo trợ xã hội 1,94%". Every row of a review year is in that year's code list.
select
    g."group",
    g.position,
    g.label_vi,
    g.label_en,
    coalesce(a.poor, 0)::bigint as poor,
    100.0 * coalesce(a.poor, 0) / nullif(a.poor_households, 0) as share_of_poor_pct,
    coalesce(a.near_poor, 0)::bigint as near_poor,
    100.0 * coalesce(a.near_poor, 0) / nullif(a.near_poor_households, 0) as share_of_near_poor_pct,
    100.0 * coalesce(a.poor, 0) / nullif(a.total_households, 0) as poor_share_of_households_pct
from groups as g
left join area_groups as a
    on
        a."group" = g."group"
        and a.area_key = area_key($area)
        and a.review_year = $year
order by g.position
