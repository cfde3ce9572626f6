-- The dynamics table (form R2) for each commune of an area. Flows are counted against each commune, so
-- a household moving between two communes of the area is an other decrease of one and an other increase
-- of the other; the area's own row (query transitions) nets such moves out.
with previous as (
    select max(review_year) as review_year
    from households
    where review_year < $year and code_list = (select code_list from review_years where review_year = $year)
),

area_communes as (
    select code as commune_code, name as commune_name
    from admin_units
    where
        level = 'commune'
        and code_list = (select code_list from review_years where review_year = $year)
        and $area in (province_code, district_code, code)
),

before as (
    select household_id, commune_code, classification
    from households where review_year = (select review_year from previous)
),

now as (
    select household_id, commune_code, classification from households where review_year = $year
),

poor_earlier as (
    select distinct household_id from households
    where classification = 'ngheo' and review_year < (select review_year from previous)
),

leaving as (
    select
        b.commune_code,
        case
            when n.commune_code is distinct from b.commune_code and n.household_id is not null then 'other_decrease'
            when n.classification = 'ngheo' then 'stays'
            when n.classification = 'can_ngheo' then 'escaped_to_near_poor'
            else 'escaped_above_near_poor'
        end as flow
    from before as b
    left join now as n using (household_id)
    where b.classification = 'ngheo' and b.commune_code in (select commune_code from area_communes)
),

arriving as (
    select
        n.commune_code,
        case
            when b.household_id is not null and b.commune_code != n.commune_code then 'other_increase'
            when b.classification = 'can_ngheo' then 'from_near_poor'
            when e.household_id is not null then 're_poor'
            else 'new_poor'
        end as flow
    from now as n
    left join before as b using (household_id)
    left join poor_earlier as e using (household_id)
    where
        n.classification = 'ngheo'
        and n.commune_code in (select commune_code from area_communes)
        and not (b.commune_code is not distinct from n.commune_code and b.classification = 'ngheo')
),

flows as (
    select commune_code, flow from leaving
    union all
    select commune_code, flow from arriving
)

select
    a.commune_code,
    a.commune_name,
    (select review_year from previous) as previous_year,
    (select count(*) from before as b where b.commune_code = a.commune_code and b.classification = 'ngheo')
        as poor_start,
    count(*) filter (where f.flow = 'escaped_to_near_poor') as escaped_to_near_poor,
    count(*) filter (where f.flow = 'escaped_above_near_poor') as escaped_above_near_poor,
    count(*) filter (where f.flow = 'other_decrease') as other_decrease,
    count(*) filter (where f.flow = 'from_near_poor') as from_near_poor,
    count(*) filter (where f.flow = 're_poor') as re_poor,
    count(*) filter (where f.flow = 'new_poor') as new_poor,
    count(*) filter (where f.flow = 'other_increase') as other_increase,
    (select count(*) from now as n where n.commune_code = a.commune_code and n.classification = 'ngheo') as poor_end
from area_communes as a
left join flows as f using (commune_code)
where a.commune_code in (select commune_code from now union select commune_code from before)
group by all
order by a.commune_code
