-- Poverty and near-poverty rates of an area at every review of the selected year's code list, with
-- the standard of each review: rates measured under two standards are not comparable, and the chart
-- marks the break.
select
    a.review_year,
    y.standard,
    a.total_households,
    a.poor,
    a.near_poor,
    100.0 * a.poor / nullif(a.total_households, 0) as poor_rate_pct,
    100.0 * a.near_poor / nullif(a.total_households, 0) as near_poor_rate_pct
from area_year as a
join review_years as y using (review_year, code_list)
where
    a.area_key = area_key($area)
    and a.code_list = (select code_list from review_years where review_year = $year)
order by a.review_year
