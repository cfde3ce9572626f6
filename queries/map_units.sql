-- The shapes of an area's units at a review (communes, or the provinces of the country when $area is
-- 'VN'), in the year's code list, with the households figures to colour them. Units with data but no
-- shape come with a null geometry, so the map can say which are missing.
with list as (
    select code_list from review_years where review_year = $year
),

figures as (
    select
        case when $area = 'VN' then province_code else commune_code end as code,
        sum(total_households)::bigint as total_households,
        sum(poor)::bigint as poor,
        sum(near_poor)::bigint as near_poor
    from commune_year
    where
        review_year = $year and code_list = (select code_list from list)
        and ($area = 'VN' or $area in (province_code, district_code, commune_code))
    group by all
),

-- Provinces keep their codes through 1 July 2025 only when they were not merged; shapes of the year's list.
shapes as (
    select code, name, geometry, source
    from boundaries
    where
        code_list = case when (select code_list from list) = 'qd19_2025' then 'qd19_2025' else 'gso_2024' end
        and level = case when $area = 'VN' then 'province' else 'commune' end
)

select
    coalesce(f.code, s.code) as code,
    coalesce(u.name, s.name) as name,
    f.total_households,
    f.poor,
    f.near_poor,
    100.0 * f.poor / nullif(f.total_households, 0) as poor_rate_pct,
    100.0 * f.near_poor / nullif(f.total_households, 0) as near_poor_rate_pct,
    s.geometry,
    s.source as geometry_source
from figures as f
full outer join (
    select * from shapes
    where
        $area = 'VN'
        or code in (
            select code from admin_units
            where level = 'commune' and code_list = (select code_list from list)
                and $area in (province_code, district_code, code)
        )
) as s using (code)
left join admin_units as u on u.code = coalesce(f.code, s.code) and u.code_list = (select code_list from list)
order by code
