-- Alkire-Foster measures over the area's income-poor households (poor + near-poor: the households whose
-- deprivations the review records), with the official counting rule: equal weights 1/d over the d
-- indicators of the year's standard and its cut-off k (data/catalogue/standards.csv: "at least 3 deprivations").
-- One row per indicator, with the area's H, A and M0 repeated on each row.
with standard_indicators as (
    select i.*, 1.0 / count(*) over () as weight
    from indicators as i
    join review_years as y on y.standard = i.standard
    where y.review_year = $year
),

cutoff as (
    select s.deprivation_cutoff from standards as s
    join review_years as y on y.standard = s.standard
    where y.review_year = $year
),

units as (
    select deprivation_count >= (select deprivation_cutoff from cutoff) as multidimensionally_poor, deprivation_count,
        columns('^td_')
    from households
    where
        review_year = $year
        and classification in ('ngheo', 'can_ngheo')
        and commune_code in (
            select code from area_communes($area, $year)
        )
),

totals as (
    select
        count(*) as n,
        count(*) filter (where multidimensionally_poor) as q,
        sum(deprivation_count) filter (where multidimensionally_poor) as censored_count,
        sum(columns('^td_')::integer) filter (where multidimensionally_poor)
    from units
),

censored as (  -- households both multidimensionally poor and deprived in each indicator
    unpivot (select * exclude (n, q, censored_count) from totals)
    on columns(*)
    into name flag value deprived_and_poor
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
    t.censored_count * i.weight / nullif(t.q, 0) as a,
    t.censored_count * i.weight / nullif(t.n, 0) as m0,
    coalesce(c.deprived_and_poor, 0) / nullif(t.n, 0) as censored_headcount,
    100.0 * coalesce(c.deprived_and_poor, 0) / nullif(t.censored_count, 0) as contribution_pct
from standard_indicators as i
cross join totals as t
left join censored as c on c.flag = i.flag
order by i.position
