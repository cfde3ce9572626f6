-- The actual of every household-computed target metric (data/catalogue/metrics.csv) for an area and the
-- units one level down, at a review and at the previous review of the same code list (for the trend arrow).
-- Coverage metrics are shares of poor households free of the named deprivations.
with list as (
    select code_list from review_years where review_year = $year
),

previous as (
    select max(review_year) as review_year from review_years
    where review_year < $year and code_list = (select code_list from list)
),

units as (
    select code as area_code, name as area_name, level
    from units_one_level_down($area, (select code_list from list))
),

years as (  -- this review, the previous one (trend arrow) and the one before (that one's cut in points)
    select review_year from review_years
    where code_list = (select code_list from list) and review_year <= $year
    order by review_year desc
    limit 3
),

rates as (
    select u.area_code, c.review_year,
        100.0 * sum(c.poor) / nullif(sum(c.total_households), 0) as poor_rate,
        100.0 * sum(c.near_poor) / nullif(sum(c.total_households), 0) as near_poor_rate
    from units as u
    join commune_year as c on u.area_code in (c.province_code, c.district_code, c.commune_code)
    where c.review_year in (select review_year from years) and c.code_list = (select code_list from list)
    group by all
),

poor as (
    select u.area_code, h.review_year, h.household_id,
        coalesce(h.td_bhyt, false) as no_insurance,
        coalesce(h.td_vien_thong, false) or coalesce(h.td_tiep_can_thong_tin, false)
            or coalesce(h.td_tai_san_thong_tin, false) as no_information,
        coalesce(h.td_nguon_nuoc, false) or coalesce(h.td_nha_tieu, false) as no_water_sanitation,
        coalesce(h.td_chat_luong_nha, false) as makeshift
    from units as u
    join households as h on u.area_code in (h.province_code, h.district_code, h.commune_code)
    where h.review_year in (select review_year from years) and h.classification = 'ngheo'
),

coverage as (
    select area_code, review_year,
        100.0 * count(*) filter (where not no_insurance) / count(*) as bhyt_pct,
        100.0 * count(*) filter (where not no_information) / count(*) as tiep_can_thong_tin_pct,
        100.0 * count(*) filter (where not no_water_sanitation) / count(*) as nuoc_sach_ve_sinh_pct,
        count(*) filter (where makeshift) as nha_tam_so_ho
    from poor
    group by all
),

-- Households poor at the review before `review_year` and not poor at it (absent counts as not poor).
escaped as (
    select u.area_code, y.review_year, count(*) as so_ho_thoat_ngheo
    from units as u
    cross join years as y
    join households as b
        on u.area_code in (b.province_code, b.district_code, b.commune_code)
        and b.classification = 'ngheo'
        and b.review_year = (
            select max(review_year) from review_years
            where review_year < y.review_year and code_list = (select code_list from list)
        )
    left join households as n on n.household_id = b.household_id and n.review_year = y.review_year
    where n.classification is distinct from 'ngheo'
    group by all
),

wide as (
    select
        r.area_code,
        r.review_year,
        r.poor_rate as ty_le_ngheo_pct,
        r.near_poor_rate as ty_le_can_ngheo_pct,
        lag(r.poor_rate) over w - r.poor_rate as giam_ty_le_ngheo_pp,
        lag(r.near_poor_rate) over w - r.near_poor_rate as giam_ty_le_can_ngheo_pp,
        c.bhyt_pct,
        c.tiep_can_thong_tin_pct,
        c.nuoc_sach_ve_sinh_pct,
        coalesce(c.nha_tam_so_ho, 0)::double as nha_tam_so_ho,
        coalesce(e.so_ho_thoat_ngheo, 0)::double as so_ho_thoat_ngheo
    from rates as r
    left join coverage as c using (area_code, review_year)
    left join escaped as e using (area_code, review_year)
    window w as (partition by r.area_code order by r.review_year)
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
    end as actual
from units as u
join wide as w using (area_code)
cross join (select * from metrics where actual_from = 'households') as m
where w.review_year >= coalesce((select review_year from previous), $year)
order by u.level desc, u.area_code, m.position, w.review_year
