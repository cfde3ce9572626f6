-- Causes of poverty recorded for the area's households of one class (form R10); a household may have
-- several causes, so shares add up to more than 100.
with class_households as (
    select household_id, poverty_causes
    from households
    where
        review_year = $year
        and classification = $classification
        and commune_code in (
            select code from area_communes($area, $year)
        )
),

mentions as (
    select unnest(poverty_causes) as cause from class_households
)

select
    c.cause,
    c.position,
    c.label_vi,
    c.label_en,
    (select count(*) from class_households) as households,
    count(m.cause) as mentioned,
    100.0 * count(m.cause) / nullif((select count(*) from class_households), 0) as share_pct
from causes as c
left join mentions as m using (cause)
group by all
order by c.position
