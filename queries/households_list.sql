-- The households of an area at a review, filtered by class and group, for the Households page and its
-- download. Names, and what would point to a household as well as a name (village, members, income), are
-- returned only when $show_names is true (personal data).
select
    h.household_id,
    case when $show_names then h.head_name end as head_name,
    h.commune_code,
    u.name as commune_name,
    case when $show_names then h.village end as village,
    h.classification,
    case when $show_names then h.members end as members,
    h.area_type,
    case when $show_names then h.income_per_capita end as income_per_capita,
    h.deprivation_count,
    h.khong_kha_nang_lao_dong,
    h.bao_tro_xa_hoi,
    h.nguoi_co_cong,
    h.dan_toc_thieu_so,
    h.ethnicity,
    h.chu_ho_nu,
    h.poverty_causes
from area_records($area, $year) as h
left join admin_units as u on u.code_list = h.code_list and u.code = h.commune_code and u.level = 'commune'
where
    ($classification = 'all' or h.classification = $classification)
    and (
        $group = 'all'
        or h.household_id in (select household_id from area_household_groups($area, $year) where "group" = $group)
    )
order by h.commune_code, h.household_id
limit $limit
