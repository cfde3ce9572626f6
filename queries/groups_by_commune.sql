-- Poor and near-poor households of each household group in each commune of an area (form R8).
select
    h.commune_code,
    g."group",
    count(*) filter (where h.classification = 'ngheo') as poor,
    count(*) filter (where h.classification = 'can_ngheo') as near_poor
from households as h
join household_groups as g using (review_year, household_id)
where h.review_year = $year and h.commune_code in (
    select code from area_communes($area, $year)
)
group by all
order by h.commune_code, g."group"
