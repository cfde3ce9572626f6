-- Poor and near-poor households of each commune of an area by cause of poverty (form R10): one row per
-- commune and cause of data/catalogue/causes.csv, a household counted under each cause it records, so the
-- causes of a commune add up to more than its households; `households` the commune's households of the class.
with class_households as (
    select commune_code, classification, poverty_causes
    from households
    where
        review_year = $year
        and classification in ('ngheo', 'can_ngheo')
        and commune_code in (select code from area_communes($area, $year))
),

mentions as (
    select commune_code, classification, unnest(poverty_causes) as cause from class_households
),

totals as (
    select
        commune_code,
        count(*) filter (where classification = 'ngheo') as poor_households,
        count(*) filter (where classification = 'can_ngheo') as near_poor_households
    from class_households
    group by all
)

select
    t.commune_code,
    c.cause,
    c.position,
    t.poor_households,
    t.near_poor_households,
    count(m.cause) filter (where m.classification = 'ngheo') as poor,
    count(m.cause) filter (where m.classification = 'can_ngheo') as near_poor
from totals as t
cross join causes as c
left join mentions as m on m.commune_code = t.commune_code and m.cause = c.cause
group by all
order by t.commune_code, c.position
