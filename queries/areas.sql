-- The areas that have data at a review, from province down to commune, for the area picker.
with communes as (
    select distinct code_list, province_code, district_code, commune_code
    from commune_year
    where review_year = $year
),

codes as (
    select code_list, province_code as code from communes
    union
    select code_list, district_code from communes where district_code is not null
    union
    select code_list, commune_code from communes
)

select
    u.level,
    u.code,
    u.name,
    u.province_code,
    u.district_code
from codes as c
join admin_units as u using (code_list, code)
order by u.province_code, u.district_code nulls first, u.level desc, u.code
