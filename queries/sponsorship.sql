-- Mass organisations' adopted households (đỡ đầu) in an area at a review, and how many of them escaped
-- poverty by the next review: reviewed then as near-poor or above (a household absent from it did not escape).
-- Null until that review exists, and when it applied another standard (a reclassification, not an escape).
-- Households are followed by their code, wherever the next review recorded them, across the 2025 reform too.
with next_review as (
    select y.review_year
    from review_years as y
    join review_years as this on this.review_year = $year and this.standard = y.standard
    where y.review_year = (select min(review_year) from review_years where review_year > $year)
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
        count(*) filter (where classification = 'ngheo' and next_classification != 'ngheo')
    end as escaped_next_review,
    case when (select review_year from next_review) is not null then
        100.0 * count(*) filter (where classification = 'ngheo' and next_classification != 'ngheo')
        / nullif(count(*) filter (where classification = 'ngheo'), 0)
    end as escaped_pct
from outcome
group by sponsor
order by adopted desc, sponsor
