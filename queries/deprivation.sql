-- Share of an area's households of one class (poor by default) deprived in each indicator of the year's
-- standard (forms R4-R7). The denominator is the households of that class, not all households.
-- Sums the per-commune counts of commune_class_year, then unpivots the one-row result.
with standard_indicators as (
    select i.*
    from indicators as i
    join review_years as y on y.standard = i.standard
    where y.review_year = $year
),

totals as (
    select coalesce(sum(households), 0)::bigint as households, sum(columns('^td_'))::bigint
    from commune_class_year
    where
        review_year = $year
        and classification = $classification
        and commune_code in (
            select code from area_communes($area, $year)
        )
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
