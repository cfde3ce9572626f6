-- Poor and near-poor households of each household group in each commune of an area (form R8): the
-- communes' own rows of area_groups.
select m.commune_code, a."group", a.poor, a.near_poor
from area_members as m
join area_groups as a on a.code_list = m.code_list and a.area_key = area_key(m.commune_code)
where
    m.area_key = area_key($area)
    and m.code_list = (select code_list from review_years where review_year = $year)
    and a.review_year = $year
    and (a.poor > 0 or a.near_poor > 0)
order by m.commune_code, a."group"
