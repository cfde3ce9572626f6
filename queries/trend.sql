-- Poverty and near-poverty rates of an area at every review of the selected year's code list, with
-- the standard of each review: rates measured under two standards are not comparable, and the chart
-- marks the break.
select
    c.review_year,
    y.standard,
    sum(c.total_households)::bigint as total_households,
    sum(c.poor)::bigint as poor,
    sum(c.near_poor)::bigint as near_poor,
    100.0 * sum(c.poor) / nullif(sum(c.total_households), 0) as poor_rate_pct,
    100.0 * sum(c.near_poor) / nullif(sum(c.total_households), 0) as near_poor_rate_pct
from commune_year as c
join review_years as y using (review_year, code_list)
where
    c.code_list = (select code_list from review_years where review_year = $year)
    and $area in (c.province_code, c.district_code, c.commune_code)
group by all
order by c.review_year
