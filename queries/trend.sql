-- Poverty and near-poverty rates of an area at every review, on the units of the selected year's code list:
-- for a unit of the July-2025 list the reviews before the reform are re-aggregated onto it (`placed`), so its
-- line runs on across 2025. Each review carries its standard: rates under two standards are not comparable,
-- and the chart breaks the line there.
select
    review_year,
    standard,
    placed,
    total_households,
    poor,
    near_poor,
    unallocated_poor,
    100.0 * poor / nullif(total_households, 0) as poor_rate_pct,
    100.0 * near_poor / nullif(total_households, 0) as near_poor_rate_pct
from area_year
where
    area_key = area_key($area)
    and code_list = (select code_list from review_years where review_year = $year)
order by review_year
