-- Poor and near-poor households (and their persons) of each commune of an area by the head's ethnic group
-- (form R9): one row per commune and group with any, ethnicity null for households with no `dan_toc` (then
-- `minority` is their ethnic-minority flag), and the commune's ethnic-minority households from the population
-- import where it gives them.
with communes as (
    select code from area_communes($area, $year)
)

select
    h.commune_code,
    h.ethnicity,
    coalesce(e.minority = 'true', h.dan_toc_thieu_so) as minority,
    count(*) filter (where h.classification = 'ngheo') as poor,
    count(*) filter (where h.classification = 'can_ngheo') as near_poor,
    coalesce(sum(h.members) filter (where h.classification = 'ngheo'), 0)::bigint as poor_persons,
    coalesce(sum(h.members) filter (where h.classification = 'can_ngheo'), 0)::bigint as near_poor_persons,
    any_value(p.total_ethnic_minority_households)::bigint as total_ethnic_minority_households
from households as h
left join ethnicities as e on e.code = h.ethnicity
left join population as p on p.review_year = h.review_year and p.commune_code = h.commune_code
where
    h.review_year = $year
    and h.commune_code in (select code from communes)
    and h.classification in ('ngheo', 'can_ngheo')
group by all
order by h.commune_code, minority, h.ethnicity nulls last
