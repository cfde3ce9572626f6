-- Every commune of an area at one review: households, rates, and the change in points since the
-- same commune's previous review in the same code list.
select
    commune_code,
    commune_name,
    district_code,
    total_households,
    poor,
    100.0 * poor / nullif(total_households, 0) as poor_rate_pct,
    near_poor,
    100.0 * near_poor / nullif(total_households, 0) as near_poor_rate_pct,
    100.0 * poor / nullif(total_households, 0) - previous_poor_rate_pct as poor_change_pp,
    denominator_from_records
from commune_year
where
    area_key($area) in (province_key, district_key, commune_key)
    and review_year = $year
order by commune_code
