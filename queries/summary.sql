-- Poor and near-poor households of an area at one review, and the change in points since the
-- previous review of the same code list (codes were re-issued in 2025, so a code in another list
-- is another place). Rates are of all households of the area (form R1: 4 = 3/1 x 100).
with area_years as (
    select *
    from commune_year
    where
        code_list = (select code_list from review_years where review_year = $year)
        and $area in (province_code, district_code, commune_code)
),

previous as (
    select max(review_year) as review_year
    from area_years
    where review_year < $year
),

totals as (
    select
        review_year,
        sum(total_households)::bigint as total_households,
        sum(poor)::bigint as poor,
        sum(near_poor)::bigint as near_poor,
        count(*) as communes_with_data,
        count(*) filter (where denominator_from_records) as communes_without_population
    from area_years
    where review_year = $year or review_year = (select review_year from previous)
    group by review_year
),

rates as (
    select
        *,
        100.0 * poor / nullif(total_households, 0) as poor_rate_pct,
        100.0 * near_poor / nullif(total_households, 0) as near_poor_rate_pct
    from totals
)

select
    $area as area_code,
    (
        select name from admin_units
        where code = $area and code_list = (select code_list from review_years where review_year = $year)
    ) as area_name,
    cur.review_year,
    cur.total_households,
    cur.poor,
    cur.poor_rate_pct,
    cur.near_poor,
    cur.near_poor_rate_pct,
    cur.poor_rate_pct - prev.poor_rate_pct as poor_change_pp,
    cur.near_poor_rate_pct - prev.near_poor_rate_pct as near_poor_change_pp,
    prev.review_year as previous_year,
    prev.poor as previous_poor,
    prev.near_poor as previous_near_poor,
    cur.communes_with_data,
    cur.communes_without_population
from rates as cur
left join rates as prev on prev.review_year = (select review_year from previous)
where cur.review_year = $year
