-- The views the dashboard may open on: every area at every review of its own units that covers most of the
-- area's communes, the largest areas first, then the latest review, then the most households. The dashboard
-- opens on the first one the signed-in user may see, so that a leader's first screen is not a review of a
-- handful of communes in a province of hundreds.
select
    a.review_year,
    a.code_list,
    a.area as code,
    u.level,
    u.province_code,
    u.district_code,
    a.communes_with_data,
    a.communes_total,
    a.total_households
from area_year as a
join review_years as y on y.review_year = a.review_year and y.code_list = a.code_list
join admin_units as u on u.code_list = a.code_list and u.code = a.area
where 2 * a.communes_with_data > a.communes_total
order by a.communes_total desc, a.review_year desc, a.total_households desc, a.area
