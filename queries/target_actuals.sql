-- The actual of every household-computed target metric (data/catalogue/metrics.csv) for an area and the
-- units one level down, at a review and at the area's previous review (for the trend arrow), on the units of
-- this review's code list: a July-2025 unit's previous review is its predecessors' 2024 households placed on
-- it. Coverage metrics are shares of poor households free of the named deprivations. A cut in points and the
-- households that escaped poverty count from the previous review under the same standard: in the baseline
-- review of a new standard they are null (`comparable` false), so the new period's targets count from it.
with list as (
    select code_list from review_years where review_year = $year
),

units as (
    select code as area_code, name as area_name, level
    from units_one_level_down($area, (select code_list from list))
),

this_area as (  -- this review, the area's previous one and the one before it, on the same ground
    select
        a.review_year,
        a.previous_year,
        (select b.previous_year from area_year as b
         where b.code_list = a.code_list and b.area_key = a.area_key and b.review_year = a.previous_year) as earlier_year
    from area_year as a
    where a.code_list = (select code_list from list) and a.area_key = area_key($area) and a.review_year = $year
),

reviews as (
    select review_year from this_area
    union
    select previous_year from this_area where previous_year is not null
),

unit_reviews as (
    select
        u.area_code,
        a.review_year,
        a.previous_year,
        a.standard = a.previous_standard as comparable,
        100.0 * a.poor / nullif(a.total_households, 0) as poor_rate,
        100.0 * a.near_poor / nullif(a.total_households, 0) as near_poor_rate,
        100.0 * a.previous_poor / nullif(a.previous_total_households, 0) as previous_poor_rate,
        100.0 * a.previous_near_poor / nullif(a.previous_total_households, 0) as previous_near_poor_rate
    from units as u
    join area_year as a
        on a.code_list = (select code_list from list) and a.area_key = area_key(u.area_code)
    where a.review_year in (select review_year from reviews)
),

on_ground as (  -- the area's households at those reviews, and at the one before (for the previous escapes)
    select * from area_households($area, (select code_list from list), $year)
    union all by name
    select * from area_households($area, (select code_list from list), (select previous_year from this_area))
    union all by name
    select * from area_households($area, (select code_list from list), (select earlier_year from this_area))
),

poor as (
    select
        u.area_code,
        h.review_year,
        coalesce(h.td_bhyt, false) as no_insurance,
        coalesce(h.td_vien_thong, false) or coalesce(h.td_tiep_can_thong_tin, false)
            or coalesce(h.td_tai_san_thong_tin, false) as no_information,
        coalesce(h.td_nguon_nuoc, false) or coalesce(h.td_nha_tieu, false) as no_water_sanitation,
        coalesce(h.td_chat_luong_nha, false) as makeshift
    from units as u
    join on_ground as h on u.area_code in (h.province_code, h.district_code, h.commune_code)
    where h.review_year in (select review_year from reviews) and h.classification = 'ngheo'
),

coverage as (
    select
        area_code,
        review_year,
        100.0 * count(*) filter (where not no_insurance) / count(*) as bhyt_pct,
        100.0 * count(*) filter (where not no_information) / count(*) as tiep_can_thong_tin_pct,
        100.0 * count(*) filter (where not no_water_sanitation) / count(*) as nuoc_sach_ve_sinh_pct,
        count(*) filter (where makeshift) as nha_tam_so_ho
    from poor
    group by all
),

-- Escaped (form R2, columns 2 and 3): poor in the unit at its previous review and reviewed in it now as
-- near-poor or above. A household absent now, or now recorded elsewhere, did not escape (other decrease).
escaped as (
    select r.area_code, r.review_year, count(*) as so_ho_thoat_ngheo
    from unit_reviews as r
    join on_ground as b
        on b.review_year = r.previous_year and b.classification = 'ngheo'
        and r.area_code in (b.province_code, b.district_code, b.commune_code)
    join on_ground as n
        on n.review_year = r.review_year and n.household_id = b.household_id and n.classification != 'ngheo'
        and r.area_code in (n.province_code, n.district_code, n.commune_code)
    group by all
),

wide as (
    select
        r.area_code,
        r.review_year,
        r.poor_rate as ty_le_ngheo_pct,
        r.near_poor_rate as ty_le_can_ngheo_pct,
        if(r.comparable, r.previous_poor_rate - r.poor_rate, null) as giam_ty_le_ngheo_pp,
        if(r.comparable, r.previous_near_poor_rate - r.near_poor_rate, null) as giam_ty_le_can_ngheo_pp,
        c.bhyt_pct,
        c.tiep_can_thong_tin_pct,
        c.nuoc_sach_ve_sinh_pct,
        coalesce(c.nha_tam_so_ho, 0)::double as nha_tam_so_ho,
        if(r.comparable, coalesce(e.so_ho_thoat_ngheo, 0)::double, null) as so_ho_thoat_ngheo,
        r.comparable
    from unit_reviews as r
    left join coverage as c using (area_code, review_year)
    left join escaped as e using (area_code, review_year)
)

select
    u.area_code,
    u.area_name,
    u.level,
    w.review_year,
    m.metric,
    m.position,
    case m.metric
        when 'ty_le_ngheo_pct' then w.ty_le_ngheo_pct
        when 'ty_le_can_ngheo_pct' then w.ty_le_can_ngheo_pct
        when 'giam_ty_le_ngheo_pp' then w.giam_ty_le_ngheo_pp
        when 'giam_ty_le_can_ngheo_pp' then w.giam_ty_le_can_ngheo_pp
        when 'bhyt_pct' then w.bhyt_pct
        when 'tiep_can_thong_tin_pct' then w.tiep_can_thong_tin_pct
        when 'nuoc_sach_ve_sinh_pct' then w.nuoc_sach_ve_sinh_pct
        when 'nha_tam_so_ho' then w.nha_tam_so_ho
        when 'so_ho_thoat_ngheo' then w.so_ho_thoat_ngheo
    end as actual,
    w.comparable
from units as u
join wide as w using (area_code)
cross join (select * from metrics where actual_from = 'households') as m
order by u.level desc, u.area_code, m.position, w.review_year
