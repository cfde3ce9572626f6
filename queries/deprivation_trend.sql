-- Share of an area's poor households deprived in each indicator at every review of the selected year's
-- code list. Indicators and their definitions change with the standard: the chart breaks the lines there.
with poor as (
    select review_year, household_id
    from households
    where
        classification = 'ngheo'
        and code_list = (select code_list from review_years where review_year = $year)
        and commune_code in (
            select code from area_communes($area, $year)
        )
),

denominators as (
    select review_year, count(*) as households from poor group by all
),

deprived as (
    select p.review_year, f.flag, count(*) as deprived
    from poor as p
    join household_flags as f using (review_year, household_id)
    group by all
)

select
    d.review_year,
    y.standard,
    i.flag as indicator,
    i.label_vi,
    i.label_en,
    i.dimension,
    d.households,
    coalesce(x.deprived, 0) as deprived,
    100.0 * coalesce(x.deprived, 0) / d.households as share_pct
from denominators as d
join review_years as y using (review_year)
join indicators as i on i.standard = y.standard
left join deprived as x on x.review_year = d.review_year and x.flag = i.flag
order by d.review_year, i.position
