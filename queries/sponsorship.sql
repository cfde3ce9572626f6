-- Mass organisations' adopted households (đỡ đầu) in an area at a review, and how many of them were no
-- longer poor at the next review of the same code list (null until that review exists).
with list as (
    select code_list from review_years where review_year = $year
),

next_review as (
    select min(review_year) as review_year from review_years
    where review_year > $year and code_list = (select code_list from list)
),

adopted as (
    select distinct s.sponsor, s.household_id, h.classification
    from support as s
    join households as h using (review_year, household_id)
    where s.review_year = $year and s.sponsor != '' and $area in (h.province_code, h.district_code, h.commune_code)
),

outcome as (
    select a.*, n.classification as next_classification
    from adopted as a
    left join households as n on n.household_id = a.household_id and n.review_year = (select review_year from next_review)
)

select
    sponsor,
    (select review_year from next_review) as next_year,
    count(*) as adopted,
    count(*) filter (where classification = 'ngheo') as adopted_poor,
    case when (select review_year from next_review) is not null then
        count(*) filter (where classification = 'ngheo' and next_classification is distinct from 'ngheo')
    end as escaped_next_review,
    case when (select review_year from next_review) is not null then
        100.0 * count(*) filter (where classification = 'ngheo' and next_classification is distinct from 'ngheo')
        / nullif(count(*) filter (where classification = 'ngheo'), 0)
    end as escaped_pct
from outcome
group by sponsor
order by adopted desc, sponsor
