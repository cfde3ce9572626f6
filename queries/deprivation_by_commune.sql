-- Share of each commune's households of one class deprived in each indicator of the year's standard:
-- the commune x indicator heat map. Denominator: the commune's households of that class.
-- Reads the per-commune counts of commune_class_year and unpivots them.
with sums as (
    select commune_code, households, columns('^td_')
    from commune_class_year
    where
        review_year = $year
        and classification = $classification
        and commune_code in (
            select code from area_communes($area, $year)
        )
),

deprived as (
    unpivot sums
    on columns(* exclude (commune_code, households))
    into name indicator value deprived
)

select
    d.commune_code,
    u.name as commune_name,
    i.flag as indicator,
    i.position,
    i.label_vi,
    i.label_en,
    d.households,
    coalesce(d.deprived, 0)::bigint as deprived,
    100.0 * coalesce(d.deprived, 0) / d.households as share_pct
from deprived as d
join indicators as i on i.flag = d.indicator
join review_years as y on y.standard = i.standard and y.review_year = $year
left join admin_units as u
    on u.code = d.commune_code and u.level = 'commune'
    and u.code_list = (select code_list from review_years where review_year = $year)
order by d.commune_code, i.position
