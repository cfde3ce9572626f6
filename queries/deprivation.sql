-- Share of an area's households of one class (poor by default) deprived in each indicator of the year's
-- standard (forms R4-R7). The denominator is the households of that class, not all households.
select
    i.flag as indicator,
    i.position,
    i.dimension,
    i.dimension_vi,
    i.dimension_en,
    i.label_vi,
    i.label_en,
    coalesce(d.households, 0)::bigint as households,
    coalesce(d.deprived, 0)::bigint as deprived,
    100.0 * coalesce(d.deprived, 0) / nullif(d.households, 0) as share_pct
from review_years as y
join indicators as i on i.standard = y.standard
left join area_deprivation as d
    on
        d.code_list = y.code_list
        and d.review_year = y.review_year
        and d.area_key = area_key($area)
        and d.classification = $classification
        and d.indicator = i.flag
where y.review_year = $year
order by i.position
