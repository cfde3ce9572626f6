-- Poor and near-poor households of each household group in each commune of an area (form R8).
select
    h.commune_code,
    g."group",
    count(*) filter (where h.classification = 'ngheo') as poor,
    count(*) filter (where h.classification = 'can_ngheo') as near_poor
from households as h
join household_groups as g using (review_year, household_id)
where h.review_year = $year and $area in (h.province_code, h.district_code, h.commune_code)
group by all
order by h.commune_code, g."group"
