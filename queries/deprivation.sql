-- Share of an area's households of one class (poor by default) deprived in each indicator of the year's
-- standard (forms R4-R7). The denominator is the households of that class, not all households.
-- The flag columns are summed first and the one-row result unpivoted: millions of households stay columnar.
with standard_indicators as (
    select i.*
    from indicators as i
    join review_years as y on y.standard = i.standard
    where y.review_year = $year
),

class_households as (
    select columns('^td_')
    from households
    where
        review_year = $year
        and classification = $classification
        and commune_code in (
            select code from area_communes($area, $year)
        )
),

totals as (
    select count(*) as households, sum(columns('^td_')::integer)
    from class_households
),

deprived as (
    unpivot (select * exclude (households) from totals)
    on columns(*)
    into name indicator value deprived
)

select
    i.flag as indicator,
    i.position,
    i.dimension,
    i.dimension_vi,
    i.dimension_en,
    i.label_vi,
    i.label_en,
    (select households from totals) as households,
    coalesce(d.deprived, 0)::bigint as deprived,
    100.0 * coalesce(d.deprived, 0) / nullif((select households from totals), 0) as share_pct
from standard_indicators as i
left join deprived as d on d.indicator = i.flag
order by i.position
