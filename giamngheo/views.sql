-- Views every rate query reads. Recreated whenever a database is opened for writing, so changing
-- them needs no migration.

-- One row per commune and review: households by class and the denominator. A commune-year without a
-- population row falls back on its count of household records, and says so (`denominator_from_records`).
-- Queries read the table commune_year, this view's copy refreshed by every import (db.refresh_aggregates),
-- so a province's rates add up a few thousand rows instead of grouping millions of households.
create or replace view commune_year_live as
with reviewed as (
    select
        review_year,
        code_list,
        commune_code,
        count(*) filter (where classification = 'ngheo') as poor,
        count(*) filter (where classification = 'can_ngheo') as near_poor,
        count(*) filter (where classification = 'trung_binh') as average_living,
        count(*) as reviewed
    from households
    group by all
),

counted as (
    select
        review_year,
        code_list,
        commune_code,
        coalesce(r.poor, 0) as poor,
        coalesce(r.near_poor, 0) as near_poor,
        coalesce(r.average_living, 0) as average_living,
        coalesce(r.reviewed, 0) as reviewed,
        coalesce(p.total_households, r.reviewed) as total_households,
        p.total_persons,
        p.total_households is null as denominator_from_records
    from population as p
    full outer join reviewed as r using (review_year, code_list, commune_code)
)

select
    c.*,
    u.province_code,
    u.district_code,
    u.name as commune_name
from counted as c
left join admin_units as u
    on u.code_list = c.code_list and u.code = c.commune_code and u.level = 'commune';

-- One row per commune, review and class: its households and, for each indicator and group column, how
-- many of them are deprived or belong. The deprivation and group queries sum this table's copy
-- commune_class_year (refreshed with commune_year), a few thousand rows for a province.
create or replace view commune_class_year_live as
select
    review_year,
    code_list,
    commune_code,
    classification,
    count(*) as households,
    sum(columns('^td_')::integer)::bigint,
    sum(columns(['khong_kha_nang_lao_dong', 'bao_tro_xa_hoi', 'nguoi_co_cong', 'dan_toc_thieu_so',
                 'chu_ho_nu'])::integer)::bigint
from households
group by all;

-- Each household's groups, one row per group it belongs to (data/catalogue/groups.csv; a group may be
-- the negation of a column, as "with labour capacity").
create or replace view household_groups as
with memberships as (
    unpivot (
        select review_year, household_id, khong_kha_nang_lao_dong, bao_tro_xa_hoi, nguoi_co_cong,
               dan_toc_thieu_so, chu_ho_nu
        from households
    )
    on khong_kha_nang_lao_dong, bao_tro_xa_hoi, nguoi_co_cong, dan_toc_thieu_so, chu_ho_nu
    into name "column" value flagged
)
select m.review_year, m.household_id, g."group"
from memberships as m
join groups as g on g."column" = m."column" and m.flagged != g.negate;

-- Each household's deprivations, one row per indicator it is deprived in.
create or replace view household_flags as
select review_year, household_id, flag
from (
    unpivot (select review_year, household_id, columns('^td_') from households)
    on columns('^td_')
    into name flag value deprived
)
where deprived;

-- An area and the units one level down in a code list (province -> districts, or communes after July 2025;
-- district -> communes): the rows of a scorecard.
create or replace macro units_one_level_down(area, list) as table
select code, name, level from admin_units
where
    code_list = list
    and (
        code = area
        or (level = 'district' and province_code = area)
        or (level = 'commune' and district_code = area)
        or (level = 'commune' and province_code = area and district_code is null)
    );

-- The code list and the poverty standard of each review year with data (copied to the table review_years).
create or replace view review_years_live as
select
    y.review_year,
    l.code_list,
    s.standard
from (select review_year from households union select review_year from population) as y
join code_lists as l on y.review_year between l.first_review_year and l.last_review_year
join standards as s on y.review_year between s.first_review_year and s.last_review_year;

-- Each area of a code list (province, district, commune) with its communes, one row per pair (copied to
-- the table area_members, sorted, so that an area's communes are one small range to read).
create or replace view area_members_live as
select code_list, province_code as area, code as commune_code from admin_units
where level = 'commune' and province_code is not null
union
select code_list, district_code, code from admin_units
where level = 'commune' and district_code is not null
union
select code_list, code, code from admin_units
where level = 'commune';

-- @after-aggregates
-- The statements below read the aggregate tables, which must exist before.

-- The communes of an area in the code list of a review year: households are filtered through this
-- semi-join rather than `$area in (province_code, district_code, commune_code)`, which DuckDB cannot prune
-- with its zone maps.
create or replace macro area_communes(area, year) as table
select m.commune_code as code from area_members as m
where
    m.code_list = (select y.code_list from review_years as y where y.review_year = year)
    and m.area = area;
