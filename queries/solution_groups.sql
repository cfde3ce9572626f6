-- Poor and near-poor households of each commune that each solution group of the Thủy Nguyên letter
-- serves (data/catalogue/solutions.csv): by household group (income support for no labour capacity,
-- training and credit for those who can work) or by deprivation (housing, health insurance, information).
with listed as (
    select review_year, household_id, commune_code, classification
    from area_records($area, $year)
    where classification in ('ngheo', 'can_ngheo')
),

rules as (
    select solution, basis, unnest(string_split(columns, ';')) as "column" from solutions
),

served as (
    select distinct r.solution, l.commune_code, l.household_id, l.classification
    from listed as l
    join area_household_groups($area, $year) as g using (review_year, household_id)
    join rules as r on r.basis = 'group' and r."column" = g."group"
    union
    select distinct r.solution, l.commune_code, l.household_id, l.classification
    from listed as l
    join area_household_flags($area, $year) as f using (review_year, household_id)
    join rules as r on r.basis = 'flag' and r."column" = f.flag
)

select
    s.solution,
    s.position,
    s.label_vi,
    s.label_en,
    x.commune_code,
    u.name as commune_name,
    count(x.household_id) filter (where x.classification = 'ngheo') as poor,
    count(x.household_id) filter (where x.classification = 'can_ngheo') as near_poor
from solutions as s
join served as x using (solution)
left join admin_units as u
    on u.code = x.commune_code and u.level = 'commune'
    and u.code_list = (select code_list from review_years where review_year = $year)
group by all
order by s.position, x.commune_code
