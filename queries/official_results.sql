-- Form R1, the official results of a review, for each commune of an area: households and persons by class
-- (poor, near-poor, and middle-income agricultural households, `trung_binh`, counted here but never in a
-- poverty rate) beside the commune's population. The denominator is the population import's households,
-- or the count of household records where the commune has no population row (as in the query communes);
-- persons only from the population import.
with communes as (
    select u.code, u.name, u.district_code
    from admin_units as u
    where
        u.level = 'commune'
        and u.code_list = (select code_list from review_years where review_year = $year)
        and u.code in (select code from area_communes($area, $year))
),

reviewed as (
    select
        commune_code,
        count(*) as reviewed,
        count(*) filter (where classification = 'ngheo') as poor,
        count(*) filter (where classification = 'can_ngheo') as near_poor,
        count(*) filter (where classification = 'trung_binh') as average_living,
        coalesce(sum(members) filter (where classification = 'ngheo'), 0) as poor_persons,
        coalesce(sum(members) filter (where classification = 'can_ngheo'), 0) as near_poor_persons,
        coalesce(sum(members) filter (where classification = 'trung_binh'), 0) as average_living_persons
    from households
    where review_year = $year and commune_code in (select code from communes)
    group by all
)

select
    c.code as commune_code,
    c.name as commune_name,
    c.district_code,
    coalesce(p.total_households, r.reviewed)::bigint as total_households,
    p.total_persons::bigint as total_persons,
    coalesce(r.poor, 0)::bigint as poor,
    coalesce(r.near_poor, 0)::bigint as near_poor,
    coalesce(r.average_living, 0)::bigint as average_living,
    coalesce(r.poor_persons, 0)::bigint as poor_persons,
    coalesce(r.near_poor_persons, 0)::bigint as near_poor_persons,
    coalesce(r.average_living_persons, 0)::bigint as average_living_persons,
    p.total_households is null as denominator_from_records
from communes as c
left join reviewed as r on r.commune_code = c.code
left join population as p on p.review_year = $year and p.commune_code = c.code
where r.commune_code is not null or p.commune_code is not null
order by c.code
