-- Share of each commune's households of one class deprived in each indicator of the year's standard:
-- the commune x indicator heat map. Denominator: the commune's households of that class.
with class_households as (
    select review_year, household_id, commune_code
    from households
    where
        review_year = $year
        and classification = $classification
        and $area in (province_code, district_code, commune_code)
),

denominators as (
    select commune_code, count(*) as households from class_households group by all
),

deprived as (
    select h.commune_code, f.flag, count(*) as deprived
    from class_households as h
    join household_flags as f using (review_year, household_id)
    group by all
)

select
    d.commune_code,
    u.name as commune_name,
    i.flag as indicator,
    i.position,
    i.label_vi,
    i.label_en,
    d.households,
    coalesce(x.deprived, 0) as deprived,
    100.0 * coalesce(x.deprived, 0) / d.households as share_pct
from denominators as d
cross join (
    select i.* from indicators as i join review_years as y on y.standard = i.standard where y.review_year = $year
) as i
left join deprived as x on x.commune_code = d.commune_code and x.flag = i.flag
left join admin_units as u
    on u.code = d.commune_code and u.level = 'commune'
    and u.code_list = (select code_list from review_years where review_year = $year)
order by d.commune_code, i.position
