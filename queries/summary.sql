-- Poor and near-poor households of an area at one review, and the change in points since the
-- previous review of the same code list (codes were re-issued in 2025, so a code in another list
-- is another place). Rates are of all households of the area (form R1: 4 = 3/1 x 100).
-- Reads the area's row of area_year, which carries the previous review beside it; every row of a review
-- year is in that year's code list.
with rates as (
    select
        *,
        100.0 * poor / nullif(total_households, 0) as poor_rate_pct,
        100.0 * near_poor / nullif(total_households, 0) as near_poor_rate_pct,
        100.0 * previous_poor / nullif(previous_total_households, 0) as previous_poor_rate_pct,
        100.0 * previous_near_poor / nullif(previous_total_households, 0) as previous_near_poor_rate_pct
    from area_year
    where area_key = area_key($area) and review_year = $year
)

select
    $area as area_code,
    area_name,
    review_year,
    total_households,
    poor,
    poor_rate_pct,
    near_poor,
    near_poor_rate_pct,
    poor_rate_pct - previous_poor_rate_pct as poor_change_pp,
    near_poor_rate_pct - previous_near_poor_rate_pct as near_poor_change_pp,
    previous_year,
    previous_poor,
    previous_near_poor,
    communes_with_data,
    communes_without_population
from rates
