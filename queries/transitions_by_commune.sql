-- The dynamics table (form R2) for each commune of an area, over the same ground as the area's (query
-- transitions). Flows are counted against each commune, so a household moving between two communes of the area
-- is an other decrease of one and an other increase of the other; the area's own row nets such moves out.
-- Households of the previous review that could not be placed in a commune of this review's units (a split
-- commune's household the first review after the reform did not find among its successors) are one row with
-- no commune code (they sit in the province only): in the area's start, never dropped, and leave the row as
-- other decreases.
-- $classification chooses the dynamics: 'ngheo' (the default), the poor households of form R2; 'can_ngheo', the
-- near-poor households of form R3, whose flows come out under R2's column names (poor_start: the near-poor at
-- the start, escaped_to_near_poor: now poor, from_near_poor: poor before...), renamed by
-- giamngheo.comparison.NEAR_POOR_NAMES.
-- $persons counts persons (nhân khẩu, the households' members) instead of households, the forms' second row: a
-- household leaving counts its members at the previous review, one arriving its members now, and one that stays
-- in the class with more or fewer members brings the difference as an other increase or decrease, so that the
-- identity holds in persons too.
with this_review as (
    select code_list, previous_year
    from area_year
    where
        area_key = area_key($area)
        and review_year = $year
        and code_list = (select code_list from review_years where review_year = $year)
),

area_communes as (
    select code as commune_code, name as commune_name
    from admin_units
    where
        level = 'commune'
        and code_list = (select code_list from this_review)
        and $area in (province_code, district_code, code)
),

before as (
    select household_id, commune_code, classification, members
    from area_households($area, (select code_list from this_review), (select previous_year from this_review))
),

now as (
    select household_id, commune_code, classification, members
    from area_households($area, (select code_list from this_review), $year)
),

anywhere_before as (
    select household_id from households where review_year = (select previous_year from this_review)
),

poor_earlier as (
    select distinct household_id from households
    where classification = $classification and review_year < (select previous_year from this_review)
),

leaving as (
    select
        b.members as size,
        n.members as size_now,
        b.commune_code,
        case
            when n.classification = $classification then 'stays'
            when n.classification = other_class($classification) then 'escaped_to_near_poor'
            when n.classification is not null then 'escaped_above_near_poor'
            else 'other_decrease'
        end as flow
    from before as b
    left join now as n on n.household_id = b.household_id and n.commune_code = b.commune_code
    where b.classification = $classification
),

arriving as (
    select
        n.members as size,
        n.commune_code,
        case
            when b.classification = other_class($classification) then 'from_near_poor'
            when b.classification is null and a.household_id is not null then 'other_increase'
            when e.household_id is not null then 're_poor'
            else 'new_poor'
        end as flow
    from now as n
    left join before as b on b.household_id = n.household_id and b.commune_code = n.commune_code
    left join anywhere_before as a on a.household_id = n.household_id
    left join poor_earlier as e on e.household_id = n.household_id
    where n.classification = $classification and b.classification is distinct from $classification
),

flows as (
    select commune_code, flow, 1 as households, size as persons from leaving where flow != 'stays'
    union all
    select commune_code, flow, 1, size from arriving
    union all  -- staying in the class with more or fewer members: persons only
    select commune_code, if(size_now < size, 'other_decrease', 'other_increase'), 0, abs(size_now - size)
    from leaving where flow = 'stays' and size_now != size
),

rows as (
    select commune_code, commune_name from area_communes
    where commune_code in (select commune_code from now union select commune_code from before)
    union all
    select null, null where exists (select 1 from before where commune_code is null)
)

select
    r.commune_code,
    r.commune_name,
    (select previous_year from this_review) as previous_year,
    (select if($persons, coalesce(sum(b.members), 0), count(*))::bigint from before as b where b.commune_code is not distinct from r.commune_code
                                        and b.classification = $classification) as poor_start,
    coalesce(sum(if($persons, f.persons, f.households)) filter (where f.flow = 'escaped_to_near_poor'), 0)::bigint as escaped_to_near_poor,
    coalesce(sum(if($persons, f.persons, f.households)) filter (where f.flow = 'escaped_above_near_poor'), 0)::bigint as escaped_above_near_poor,
    coalesce(sum(if($persons, f.persons, f.households)) filter (where f.flow = 'other_decrease'), 0)::bigint as other_decrease,
    coalesce(sum(if($persons, f.persons, f.households)) filter (where f.flow = 'from_near_poor'), 0)::bigint as from_near_poor,
    coalesce(sum(if($persons, f.persons, f.households)) filter (where f.flow = 're_poor'), 0)::bigint as re_poor,
    coalesce(sum(if($persons, f.persons, f.households)) filter (where f.flow = 'new_poor'), 0)::bigint as new_poor,
    coalesce(sum(if($persons, f.persons, f.households)) filter (where f.flow = 'other_increase'), 0)::bigint as other_increase,
    (select if($persons, coalesce(sum(n.members), 0), count(*))::bigint from now as n where n.commune_code = r.commune_code and n.classification = $classification) as poor_end
from rows as r
left join flows as f on f.commune_code is not distinct from r.commune_code
group by all
order by r.commune_code nulls last
