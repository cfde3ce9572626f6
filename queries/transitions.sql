-- The official dynamics table of poor households (form R2) for an area, from household codes:
-- start = poor at the previous review of the same code list; each household that was poor then or is
-- poor now falls in exactly one flow, so end = start - decreases + increases holds by construction.
-- "Other" flows are households recorded in another area at the other review (moved in or out).
with area_records as (
    select household_id, review_year, classification
    from households
    where
        code_list = (select code_list from review_years where review_year = $year)
        and commune_code in (
            select code from area_communes($area, $year)
        )
),

previous as (
    select max(review_year) as review_year from area_records where review_year < $year
),

before as (
    select * from area_records where review_year = (select review_year from previous)
),

now as (
    select * from area_records where review_year = $year
),

-- Where each household was recorded at either review, inside the area or not.
anywhere_before as (
    select household_id, classification from households where review_year = (select review_year from previous)
),

anywhere_now as (
    select household_id, classification from households where review_year = $year
),

poor_earlier as (
    select distinct household_id from households
    where classification = 'ngheo' and review_year < (select review_year from previous)
),

leaving as (
    select
        b.household_id,
        case
            when n.classification = 'ngheo' then 'stays'
            when n.classification = 'can_ngheo' then 'escaped_to_near_poor'
            when n.classification is not null then 'escaped_above_near_poor'
            when a.household_id is not null then 'other_decrease'
            else 'escaped_above_near_poor'  -- absent from the review: no longer on the lists
        end as flow
    from before as b
    left join now as n using (household_id)
    left join anywhere_now as a using (household_id)
    where b.classification = 'ngheo'
),

arriving as (
    select
        n.household_id,
        case
            when b.classification = 'can_ngheo' then 'from_near_poor'
            when b.classification is null and a.household_id is not null then 'other_increase'
            when e.household_id is not null then 're_poor'
            else 'new_poor'
        end as flow
    from now as n
    left join before as b using (household_id)
    left join anywhere_before as a using (household_id)
    left join poor_earlier as e using (household_id)
    where n.classification = 'ngheo' and b.classification is distinct from 'ngheo'
),

flows as (
    select flow from leaving
    union all
    select flow from arriving
)

select
    $area as area_code,
    (select review_year from previous) as previous_year,
    (select count(*) from before where classification = 'ngheo') as poor_start,
    count(*) filter (where flow = 'escaped_to_near_poor') as escaped_to_near_poor,
    count(*) filter (where flow = 'escaped_above_near_poor') as escaped_above_near_poor,
    count(*) filter (where flow = 'other_decrease') as other_decrease,
    count(*) filter (where flow = 'from_near_poor') as from_near_poor,
    count(*) filter (where flow = 're_poor') as re_poor,
    count(*) filter (where flow = 'new_poor') as new_poor,
    count(*) filter (where flow = 'other_increase') as other_increase,
    (select count(*) from now where classification = 'ngheo') as poor_end
from flows
