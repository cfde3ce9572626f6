-- Support received by an area's households at a review, by type: households supported and amounts.
select
    t.support_type,
    t.position,
    t.label_vi,
    t.label_en,
    count(distinct s.household_id) as households,
    coalesce(sum(s.amount_vnd), 0)::bigint as amount_vnd
from support_types as t
left join (
    select s.*
    from support as s
    join households as h using (review_year, household_id)
    where s.review_year = $year and $area in (h.province_code, h.district_code, h.commune_code)
) as s using (support_type)
group by all
order by t.position
