-- Poor and near-poor households (and their members) of an area at one review, and the change in points since
-- the area's previous review over the same ground: on the units of this review's code list, so that a unit of
-- the July-2025 list is compared with its predecessors' 2024 households re-aggregated onto it (`previous_placed`),
-- never with whatever carried its code before. A review under another standard than the previous one is the
-- baseline of its period: `comparable` is false and the changes are null (a new standard is not a change in
-- poverty). Rates are of all households of the area (form R1: 4 = 3/1 x 100). The figures are official when
-- every commune of the area has its review approved (giamngheo.review), provisional until then.
with approved as (
    select count(*) as communes_approved
    from review_status
    where
        review_year = $year
        and status = 'da_phe_duyet'
        and commune_code in (select code from area_communes($area, $year))
),

this_review as (
    select
        *,
        100.0 * poor / nullif(total_households, 0) as poor_rate_pct,
        100.0 * near_poor / nullif(total_households, 0) as near_poor_rate_pct,
        100.0 * previous_poor / nullif(previous_total_households, 0) as previous_poor_rate_pct,
        100.0 * previous_near_poor / nullif(previous_total_households, 0) as previous_near_poor_rate_pct,
        previous_standard = standard as comparable
    from area_year
    where
        area_key = area_key($area)
        and review_year = $year
        and code_list = (select code_list from review_years where review_year = $year)
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
    if(comparable, poor_rate_pct - previous_poor_rate_pct, null) as poor_change_pp,
    if(comparable, near_poor_rate_pct - previous_near_poor_rate_pct, null) as near_poor_change_pp,
    poor_persons,
    near_poor_persons,
    standard,
    previous_year,
    previous_standard,
    comparable,
    previous_poor,
    previous_near_poor,
    previous_placed,
    previous_unallocated_poor,
    communes_with_data,
    communes_total,
    approved.communes_approved,
    approved.communes_approved = communes_total as official,
    communes_without_population,
    total_persons,
    100.0 * poor_persons / nullif(total_persons, 0) as poor_persons_rate_pct,
    100.0 * near_poor_persons / nullif(total_persons, 0) as near_poor_persons_rate_pct
from this_review, approved
