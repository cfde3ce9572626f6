-- Data-quality warnings of an area's review, per commune. None of them blocks an import:
-- class_rule: the reported class differs from the standard's rule given income and deprivations
--             (a village meeting may decide so, but it should be looked at);
-- population_low: the commune reviewed more households than it has;
-- moved: a household code recorded in another commune at the previous review of the same code list.
with area_households as (
    select *
    from households
    where review_year = $year and commune_code in (
        select code from area_communes($area, $year)
    )
),

previous as (
    select max(review_year) as review_year
    from households
    where review_year < $year and code_list = (select code_list from review_years where review_year = $year)
),

issues as (
    select commune_code, 'class_rule' as "check", count(*) as records
    from area_households
    where expected_class is not null and expected_class != classification
    group by all
    union all
    select commune_code, 'population_low', reviewed
    from commune_year
    where
        review_year = $year and commune_code in (
            select code from area_communes($area, $year)
        )
        and not denominator_from_records and reviewed > total_households
    union all
    select h.commune_code, 'moved', count(*)
    from area_households as h
    join households as p
        on p.household_id = h.household_id and p.review_year = (select review_year from previous)
    where p.commune_code != h.commune_code
    group by all
)

select
    i.commune_code,
    u.name as commune_name,
    i."check",
    i.records
from issues as i
left join admin_units as u
    on u.code = i.commune_code and u.level = 'commune'
    and u.code_list = (select code_list from review_years where review_year = $year)
order by i.commune_code, i."check"
