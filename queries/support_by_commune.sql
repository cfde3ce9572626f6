-- Poor and near-poor households of each commune of an area that received each type of support at a review
-- (form R8's support columns): a household counted once per type, whatever the number of its support rows.
with listed as (
    select household_id, commune_code, classification
    from households
    where
        review_year = $year
        and classification in ('ngheo', 'can_ngheo')
        and commune_code in (select code from area_communes($area, $year))
),

supported as (
    select distinct l.commune_code, l.classification, l.household_id, s.support_type
    from support as s
    join listed as l using (household_id)
    where s.review_year = $year
)

select
    commune_code,
    support_type,
    count(*) filter (where classification = 'ngheo') as poor,
    count(*) filter (where classification = 'can_ngheo') as near_poor
from supported
group by all
order by commune_code, support_type
