-- The dynamics of poor households (form R2) of an area: each household's class at this review against the
-- area's previous review, over the same ground. The previous review's households are placed on this review's
-- units (area_households), so a July-2025 unit starts from its predecessors' 2024 poor households.
-- Every household poor then or now falls in exactly one flow, so end = start - decreases + increases holds
-- by construction. A household poor then and absent now (moved away, died, merged into another household) is
-- an other decrease, not an escape; a move between two units of the area is no flow for the area, a move
-- across its border an other decrease or increase. Against a review under another standard the flows are a
-- reclassification under the new standard (`comparable` false), not escapes or new poverty.
-- $classification chooses the dynamics: 'ngheo' (the default), the poor households of form R2; 'can_ngheo', the
-- near-poor households of form R3, whose flows come out under R2's column names (poor_start: the near-poor at
-- the start, escaped_to_near_poor: now poor, from_near_poor: poor before...), renamed by
-- giamngheo.comparison.NEAR_POOR_NAMES.
-- $persons counts persons (nhân khẩu, the households' members) instead of households, the forms' second row: a
-- household leaving counts its members at the previous review, one arriving its members now, and one that stays
-- in the class with more or fewer members brings the difference as an other increase or decrease, so that the
-- identity holds in persons too.
with this_review as (
    select code_list, previous_year, standard, previous_standard
    from area_year
    where
        area_key = area_key($area)
        and review_year = $year
        and code_list = (select code_list from review_years where review_year = $year)
),

before as (
    select household_id, classification, members
    from area_households($area, (select code_list from this_review), (select previous_year from this_review))
),

now as (
    select household_id, classification, members from area_households($area, (select code_list from this_review), $year)
),

-- Recorded anywhere at the previous review (any place, placed or not): arriving from there is an other increase.
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
        case
            when n.classification = $classification then 'stays'
            when n.classification = other_class($classification) then 'escaped_to_near_poor'
            when n.classification is not null then 'escaped_above_near_poor'
            else 'other_decrease'  -- absent from the area's review: moved out, died, merged
        end as flow
    from before as b
    left join now as n using (household_id)
    where b.classification = $classification
),

arriving as (
    select
        n.members as size,
        case
            when b.classification = other_class($classification) then 'from_near_poor'
            when b.classification is null and a.household_id is not null then 'other_increase'
            when e.household_id is not null then 're_poor'
            else 'new_poor'
        end as flow
    from now as n
    left join before as b using (household_id)
    left join anywhere_before as a using (household_id)
    left join poor_earlier as e using (household_id)
    where n.classification = $classification and b.classification is distinct from $classification
),

flows as (
    select flow, 1 as households, size as persons from leaving where flow != 'stays'
    union all
    select flow, 1, size from arriving
    union all  -- staying in the class with more or fewer members: persons only
    select if(size_now < size, 'other_decrease', 'other_increase'), 0, abs(size_now - size)
    from leaving where flow = 'stays' and size_now != size
)

select
    $area as area_code,
    (select previous_year from this_review) as previous_year,
    (select if($persons, coalesce(sum(members), 0), count(*))::bigint from before where classification = $classification) as poor_start,
    coalesce(sum(if($persons, persons, households)) filter (where flow = 'escaped_to_near_poor'), 0)::bigint as escaped_to_near_poor,
    coalesce(sum(if($persons, persons, households)) filter (where flow = 'escaped_above_near_poor'), 0)::bigint as escaped_above_near_poor,
    coalesce(sum(if($persons, persons, households)) filter (where flow = 'other_decrease'), 0)::bigint as other_decrease,
    coalesce(sum(if($persons, persons, households)) filter (where flow = 'from_near_poor'), 0)::bigint as from_near_poor,
    coalesce(sum(if($persons, persons, households)) filter (where flow = 're_poor'), 0)::bigint as re_poor,
    coalesce(sum(if($persons, persons, households)) filter (where flow = 'new_poor'), 0)::bigint as new_poor,
    coalesce(sum(if($persons, persons, households)) filter (where flow = 'other_increase'), 0)::bigint as other_increase,
    (select if($persons, coalesce(sum(members), 0), count(*))::bigint from now where classification = $classification) as poor_end,
    (select standard from this_review) as standard,
    (select previous_standard from this_review) as previous_standard,
    (select previous_standard = standard from this_review) as comparable
from flows
