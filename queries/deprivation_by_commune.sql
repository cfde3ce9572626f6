-- Share of each commune's households of one class deprived in each indicator of the year's standard:
-- the commune x indicator heat map, from the communes' own rows of area_deprivation. Denominator: the
-- commune's households of that class. An indicator no household of the commune has a value for is left out.
select
    m.commune_code,
    u.name as commune_name,
    i.flag as indicator,
    i.position,
    i.label_vi,
    i.label_en,
    d.households,
    d.deprived,
    100.0 * d.deprived / d.households as share_pct
from area_members as m
join area_deprivation as d on d.code_list = m.code_list and d.area_key = area_key(m.commune_code)
join review_years as y on y.code_list = d.code_list and y.review_year = d.review_year
join indicators as i on i.standard = y.standard and i.flag = d.indicator
left join admin_units as u on u.code_list = m.code_list and u.code = m.commune_code and u.level = 'commune'
where
    m.area_key = area_key($area)
    and m.code_list = (select code_list from review_years where review_year = $year)
    and d.review_year = $year
    and d.classification = $classification
    and d.deprived is not null
order by m.commune_code, i.position
