-- Poverty and near-poverty rates of an area at every review, on the units of the selected year's code list:
-- for a unit of the July-2025 list the reviews before the reform are re-aggregated onto it (`placed`), so its
-- line runs on across 2025. Each review carries its standard: rates under two standards are not comparable,
-- and the chart breaks the line there. A review is `official` when every commune of its own code list that
-- makes up the area (the same commune, or one linked to it by the 2025 crosswalk) has it approved
-- (giamngheo.review); otherwise it is provisional.
with trend as (
    select t.*, y.code_list as review_list
    from area_year as t
    join review_years as y using (review_year)
    where
        t.area_key = area_key($area)
        and t.code_list = (select code_list from review_years where review_year = $year)
),

members as (
    select code_list, commune_code
    from area_members
    where area_key = area_key($area) and code_list = (select code_list from review_years where review_year = $year)
),

-- A commune of any list linked to a member of the area: itself, its predecessors or its successors (codes were
-- re-issued in 2025: a link names both lists, never a code alone).
links as (
    select code_list as review_list, commune_code as review_code from members
    union
    select s.from_list, s.from_code
    from commune_successors as s join members as m on m.code_list = s.to_list and m.commune_code = s.to_code
    union
    select s.to_list, s.to_code
    from commune_successors as s join members as m on m.code_list = s.from_list and m.commune_code = s.from_code
),

standing as (
    select
        t.review_year,
        count(distinct l.review_code) as communes,
        count(distinct s.commune_code) as approved
    from trend as t
    join links as l on l.review_list = t.review_list
    left join review_status as s
        on s.review_year = t.review_year and s.commune_code = l.review_code and s.status = 'da_phe_duyet'
    group by all
)

select
    t.review_year,
    t.standard,
    t.placed,
    t.total_households,
    t.poor,
    t.near_poor,
    t.unallocated_poor,
    100.0 * t.poor / nullif(t.total_households, 0) as poor_rate_pct,
    100.0 * t.near_poor / nullif(t.total_households, 0) as near_poor_rate_pct,
    t.communes_with_data,
    t.communes_total,
    coalesce(s.approved = s.communes, false) as official
from trend as t
left join standing as s using (review_year)
order by t.review_year
