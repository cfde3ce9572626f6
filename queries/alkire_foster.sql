-- Alkire-Foster measures over the area's income-poor households (poor + near-poor: the households whose
-- deprivations the review records), with the official counting rule: equal weights 1/d over the d
-- indicators of the year's standard and the cut-off k = 3/d ("at least 3 deprivations").
-- One row per indicator, with the area's H, A and M0 repeated on each row.
with standard_indicators as (
    select i.*, 1.0 / count(*) over () as weight
    from indicators as i
    join review_years as y on y.standard = i.standard
    where y.review_year = $year
),

units as (
    select review_year, household_id, deprivation_count
    from households
    where
        review_year = $year
        and classification in ('ngheo', 'can_ngheo')
        and $area in (province_code, district_code, commune_code)
),

scored as (
    select
        *,
        deprivation_count * (select min(weight) from standard_indicators) as score,
        deprivation_count >= 3 as multidimensionally_poor
    from units
),

totals as (
    select
        count(*) as n,
        count(*) filter (where multidimensionally_poor) as q,
        sum(score) filter (where multidimensionally_poor) as censored_score
    from scored
),

censored as (
    select f.flag, count(*) as deprived_and_poor
    from scored as s
    join household_flags as f using (review_year, household_id)
    where s.multidimensionally_poor
    group by all
)

select
    i.flag as indicator,
    i.position,
    i.dimension,
    i.dimension_vi,
    i.dimension_en,
    i.label_vi,
    i.label_en,
    i.weight,
    t.n as households,
    t.q as multidimensionally_poor,
    t.q / nullif(t.n, 0) as h,
    t.censored_score / nullif(t.q, 0) as a,
    t.censored_score / nullif(t.n, 0) as m0,
    coalesce(c.deprived_and_poor, 0) / nullif(t.n, 0) as censored_headcount,
    100.0 * i.weight * coalesce(c.deprived_and_poor, 0) / nullif(t.censored_score, 0) as contribution_pct
from standard_indicators as i
cross join totals as t
left join censored as c on c.flag = i.flag
order by i.position
