-- The targets set for an area and the units one level down at a review, with each metric's catalogue
-- entry (unit, direction, where its actual comes from, amber band).
with list as (
    select code_list from review_years where review_year = $year
),

units as (
    select * from units_one_level_down($area, (select code_list from list))
)

select
    t.review_year,
    t.area_code,
    u.name as area_name,
    u.level,
    t.metric,
    m.position,
    m.label_vi,
    m.label_en,
    m.unit,
    m.higher_is_better::boolean as higher_is_better,
    m.actual_from,
    m.amber_band::double as amber_band,
    t.target,
    t.actual as entered_actual,
    t.note
from targets as t
join units as u on u.code = t.area_code
join metrics as m using (metric)
where t.review_year in ($year, (select max(review_year) from review_years where review_year < $year))
order by u.level desc, t.area_code, m.position
