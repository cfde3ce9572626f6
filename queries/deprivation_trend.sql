-- Share of an area's poor households deprived in each indicator at every review of the selected year's
-- code list. Indicators and their definitions change with the standard: the chart breaks the lines there.
select
    d.review_year,
    y.standard,
    i.flag as indicator,
    i.label_vi,
    i.label_en,
    i.dimension,
    d.households,
    coalesce(d.deprived, 0)::bigint as deprived,
    100.0 * coalesce(d.deprived, 0) / d.households as share_pct
from area_deprivation as d
join review_years as y using (review_year, code_list)
join indicators as i on i.standard = y.standard and i.flag = d.indicator
where
    d.area_key = area_key($area)
    and d.classification = 'ngheo'
    and d.code_list = (select code_list from review_years where review_year = $year)
order by d.review_year, i.position
