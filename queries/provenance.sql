-- The imports behind an area's figures at a review: which files (or the demo generator) supplied its
-- household records and its household totals, when, by whom, and whether they are synthetic.
with used as (
    select import_id, 'households' as kind
    from households
    where review_year = $year and commune_code in (
        select code from area_communes($area, $year)
    )
    union all
    select p.import_id, 'population'
    from population as p
    join commune_year as c using (review_year, code_list, commune_code)
    where p.review_year = $year and $area in (c.province_code, c.district_code, c.commune_code)
)

select
    i.import_id,
    i.kind,
    i.file_name,
    i.sha256,
    i.imported_at,
    i.user_name,
    i.synthetic,
    count(*) as records_used
from used as u
join imports as i using (import_id)
group by all
order by i.import_id
