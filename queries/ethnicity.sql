-- Poor and near-poor households of an area by the head's ethnic group (form R9, the groups page), one row per
-- group with any: the 54 groups of data/catalogue/ethnicities.csv, and, for households with no `dan_toc`, one
-- row for those flagged ethnic minority and one for the rest (ethnicity null, `minority` telling which).
-- The ethnic-minority poverty rate is over all ethnic-minority households of the area, where the population
-- import gives them (`total_ethnic_minority_households`, the same on every row; null otherwise).
with area_households as (
    select ethnicity, dan_toc_thieu_so, classification, members
    from households
    where review_year = $year and commune_code in (select code from area_communes($area, $year))
),

minority_households as (
    select sum(p.total_ethnic_minority_households)::bigint as total
    from population as p
    where p.review_year = $year and p.commune_code in (select code from area_communes($area, $year))
),

by_group as (
    select
        h.ethnicity,
        coalesce(e.minority = 'true', h.dan_toc_thieu_so) as minority,
        e.name,
        e.code::integer as position,
        count(*) filter (where h.classification = 'ngheo') as poor,
        count(*) filter (where h.classification = 'can_ngheo') as near_poor,
        coalesce(sum(h.members) filter (where h.classification = 'ngheo'), 0)::bigint as poor_persons,
        coalesce(sum(h.members) filter (where h.classification = 'can_ngheo'), 0)::bigint as near_poor_persons
    from area_households as h
    left join ethnicities as e on e.code = h.ethnicity
    where h.classification in ('ngheo', 'can_ngheo')
    group by all
)

select
    *,
    100.0 * poor / nullif(sum(poor) over (), 0) as share_of_poor_pct,
    (select total from minority_households) as total_ethnic_minority_households,
    if(minority, 100.0 * sum(poor) over (partition by minority) / nullif((select total from minority_households), 0),
       null) as minority_poor_rate_pct
from by_group
order by minority, position nulls last
