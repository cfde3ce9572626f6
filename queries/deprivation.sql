-- Share of an area's households of one class (poor by default) deprived in each indicator of the
-- year's standard (forms R4-R7). The denominator is the households of that class, not all households.
with standard_indicators as (
    select i.*
    from indicators as i
    join review_years as y on y.standard = i.standard
    where y.review_year = $year
),

class_households as (
    select *
    from households
    where
        review_year = $year
        and classification = $classification
        and $area in (province_code, district_code, commune_code)
),

flags as (
    unpivot (select household_id, columns('^td_') from class_households)
    on columns('^td_')
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
    (select count(*) from class_households) as households,
    count(*) filter (where f.deprived) as deprived,
    100.0 * count(*) filter (where f.deprived) / nullif((select count(*) from class_households), 0) as share_pct
from standard_indicators as i
left join flags as f on f.indicator = i.flag
group by all
order by i.position
