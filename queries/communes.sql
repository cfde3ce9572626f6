-- Every commune of an area at one review: households, rates, and the change in points since the
-- same commune's previous review in the same code list.
with area_communes as (
    select *
    from commune_year
    where
        code_list = (select code_list from review_years where review_year = $year)
        and $area in (province_code, district_code, commune_code)
),

previous as (
    select
        commune_code,
        arg_max(100.0 * poor / nullif(total_households, 0), review_year) as poor_rate_pct
    from area_communes
    where review_year < $year
    group by commune_code
)

select
    c.commune_code,
    c.commune_name,
    c.district_code,
    c.total_households,
    c.poor,
    100.0 * c.poor / nullif(c.total_households, 0) as poor_rate_pct,
    c.near_poor,
    100.0 * c.near_poor / nullif(c.total_households, 0) as near_poor_rate_pct,
    100.0 * c.poor / nullif(c.total_households, 0) - p.poor_rate_pct as poor_change_pp,
    c.denominator_from_records
from area_communes as c
left join previous as p using (commune_code)
where c.review_year = $year
order by c.commune_code
