-- Every commune of an area at one review: households, rates, and the change in points since the commune's
-- previous review over the same ground (for a unit of the July-2025 list, its predecessors' households placed
-- on it); no change where the previous review used another standard (the baseline of a period).
with list as (
    select code_list from review_years where review_year = $year
)

select
    a.area as commune_code,
    a.area_name as commune_name,
    c.district_code,
    a.total_households,
    a.poor,
    100.0 * a.poor / nullif(a.total_households, 0) as poor_rate_pct,
    a.near_poor,
    100.0 * a.near_poor / nullif(a.total_households, 0) as near_poor_rate_pct,
    if(a.previous_standard = a.standard,
       100.0 * a.poor / nullif(a.total_households, 0)
       - 100.0 * a.previous_poor / nullif(a.previous_total_households, 0), null) as poor_change_pp,
    a.communes_without_population > 0 as denominator_from_records,
    a.previous_year,
    a.previous_poor,
    a.previous_placed
from commune_year as c
join area_year as a
    on a.code_list = c.code_list and a.area_key = c.commune_key and a.review_year = c.review_year
where
    area_key($area) in (c.province_key, c.district_key, c.commune_key)
    and c.review_year = $year
    and c.code_list = (select code_list from list)
order by c.commune_code
