-- Share of an area's poor households deprived in each indicator at every review of the selected year's
-- code list. Indicators and their definitions change with the standard: the chart breaks the lines there.
with sums as (
    select review_year, sum(households)::bigint as households, sum(columns('^td_'))::bigint
    from commune_class_year
    where
        classification = 'ngheo'
        and code_list = (select code_list from review_years where review_year = $year)
        and commune_code in (
            select code from area_communes($area, $year)
        )
    group by review_year
),

deprived as (
    unpivot (select * exclude (households) from sums)
    on columns(* exclude (review_year))
    into name flag value deprived
)

select
    d.review_year,
    y.standard,
    i.flag as indicator,
    i.label_vi,
    i.label_en,
    i.dimension,
    d.households,
    coalesce(x.deprived, 0)::bigint as deprived,
    100.0 * coalesce(x.deprived, 0) / d.households as share_pct
from sums as d
join review_years as y using (review_year)
join indicators as i on i.standard = y.standard
left join deprived as x on x.review_year = d.review_year and x.flag = i.flag
order by d.review_year, i.position
