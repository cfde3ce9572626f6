-- Every commune of an area at a review, with where its review stands (giamngheo.review): under review (data
-- imported, not submitted), submitted, approved (with the recognition decision), reopened (with why), or no
-- data yet; who moved it last and when. The rows of the progress page and its map.
with units as (
    select code as commune_code, name as commune_name
    from admin_units
    where
        level = 'commune'
        and code_list = (select code_list from review_years where review_year = $year)
        and code in (select code from area_communes($area, $year))
),

reviewed as (
    select commune_code, reviewed, poor, near_poor
    from commune_year
    where review_year = $year
)

select
    u.commune_code,
    u.commune_name,
    coalesce(s.status, if(r.reviewed > 0, 'dang_ra_soat', 'chua_co_so_lieu')) as status,
    s.decision,
    s.reason,
    s.changed_by,
    s.changed_at,
    coalesce(r.reviewed, 0) as households_reviewed,
    r.poor,
    r.near_poor
from units as u
left join reviewed as r using (commune_code)
left join review_status as s on s.review_year = $year and s.commune_code = u.commune_code
order by u.commune_code
