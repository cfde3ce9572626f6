-- Poverty rates of an area of the July-2025 list (a province or a new commune) at every review, earlier
-- reviews re-aggregated onto the new units: each end-2024 commune's households and household totals go to
-- its successor (commune_successor). `uncertain_pct` is the share of those households whose commune was
-- split or mapped with less than high confidence.
with target as (
    select code as commune_code
    from admin_units
    where code_list = 'qd19_2025' and level = 'commune' and $area in (province_code, code)
),

records as (
    select h.review_year, h.classification, s.confidence, s.split
    from households as h
    join commune_successor as s on s.from_code = h.commune_code
    where h.code_list = 'gso_2024' and s.to_code in (select commune_code from target)
    union all
    select review_year, classification, 'high', false
    from households
    where code_list = 'qd19_2025' and commune_code in (select commune_code from target)
),

totals as (
    select p.review_year, sum(p.total_households) as total_households
    from population as p
    join commune_successor as s on s.from_code = p.commune_code
    where p.code_list = 'gso_2024' and s.to_code in (select commune_code from target)
    group by all
    union all
    select review_year, sum(total_households)
    from population
    where code_list = 'qd19_2025' and commune_code in (select commune_code from target)
    group by all
),

counts as (
    select
        review_year,
        count(*) filter (where classification = 'ngheo') as poor,
        count(*) filter (where classification = 'can_ngheo') as near_poor,
        100.0 * count(*) filter (where split or confidence != 'high') / count(*) as uncertain_pct
    from records
    group by all
)

select
    c.review_year,
    y.standard,
    y.code_list,
    t.total_households::bigint as total_households,
    c.poor,
    c.near_poor,
    100.0 * c.poor / nullif(t.total_households, 0) as poor_rate_pct,
    100.0 * c.near_poor / nullif(t.total_households, 0) as near_poor_rate_pct,
    c.uncertain_pct
from counts as c
join totals as t using (review_year)
join review_years as y using (review_year)
order by c.review_year
