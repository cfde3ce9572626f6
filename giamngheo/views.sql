-- Views every rate query reads. Recreated whenever a database is opened for writing, so changing
-- them needs no migration.
--
-- A line `-- @materialise NAME` copies the view NAME_live defined above it into the table NAME, there and
-- after every import (db.refresh_aggregates): the queries read these tables, a few rows per area, instead
-- of grouping millions of households. Statements below a marker may read its table. The copy is sorted by
-- its columns in order, so a view's first columns are what its queries filter on: DuckDB then skips the
-- other row groups.

-- An area's number within a code list. Administrative codes are digits whose length is the level (2 a
-- province, 3 a district, 5 a commune; checked when the code lists load), so length x 1.000.000 + the
-- number is one integer per area. The area tables are sorted and filtered on it: DuckDB compares integers
-- several times faster than the compressed text of the codes. Not a code: never shown, never imported.
create or replace macro area_key(code) as length(code) * 1000000 + try_cast(code as integer);

-- One row per commune and review: households by class and the denominator. A commune-year without a
-- population row falls back on its count of household records, and says so (`denominator_from_records`).
-- `previous_poor_rate_pct` is the commune's rate at its previous review in the same code list; the
-- `*_key` columns are the area keys (area_key above) of its province, district and itself.
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
    u.name as commune_name,
    area_key(u.province_code) as province_key,
    area_key(u.district_code) as district_key,
    area_key(c.commune_code) as commune_key,
    lag(100.0 * c.poor / nullif(c.total_households, 0)) over (
        partition by c.code_list, c.commune_code order by c.review_year
    ) as previous_poor_rate_pct
from counted as c
left join admin_units as u
    on u.code_list = c.code_list and u.code = c.commune_code and u.level = 'commune';
-- @materialise commune_year

-- One row per commune, review and class: its households and, for each indicator and group column, how
-- many of them are deprived or belong.
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
-- @materialise commune_class_year

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
-- @materialise review_years

-- Each area of a code list (province, district, commune) with its communes, one row per pair, sorted by
-- area so that an area's communes are one small range to read.
create or replace view area_members_live as
select code_list, area_key(area) as area_key, area, commune_code
from (
    select code_list, province_code as area, code as commune_code from admin_units
    where level = 'commune' and province_code is not null
    union
    select code_list, district_code, code from admin_units
    where level = 'commune' and district_code is not null
    union
    select code_list, code, code from admin_units
    where level = 'commune'
);
-- @materialise area_members

-- The communes of an area in the code list of a review year.
create or replace macro area_communes(area, year) as table
select m.commune_code as code from area_members as m
where
    m.code_list = (select y.code_list from review_years as y where y.review_year = year)
    and m.area_key = area_key(area);

-- One row per area (province, district, commune) and review: its name, households, poor and near-poor
-- households, and the same at the area's previous review in the same code list (form R1 of every area).
create or replace view area_year_live as
with sums as (
    select
        m.code_list,
        m.area_key,
        c.review_year,
        m.area,
        sum(c.total_households)::bigint as total_households,
        sum(c.poor)::bigint as poor,
        sum(c.near_poor)::bigint as near_poor,
        count(*) as communes_with_data,
        count(*) filter (where c.denominator_from_records) as communes_without_population
    from commune_year as c
    join area_members as m using (code_list, commune_code)
    group by all
)

select
    s.*,
    u.name as area_name,
    lag(s.review_year) over previous as previous_year,
    lag(s.total_households) over previous as previous_total_households,
    lag(s.poor) over previous as previous_poor,
    lag(s.near_poor) over previous as previous_near_poor
from sums as s
left join admin_units as u on u.code_list = s.code_list and u.code = s.area
window previous as (partition by s.code_list, s.area_key order by s.review_year);
-- @materialise area_year

-- Every area's households of each class at every review, with every indicator and group column summed
-- (not copied: area_deprivation and area_groups reshape it).
create or replace view area_class_sums as
select
    m.code_list,
    m.area_key,
    c.review_year,
    c.classification,
    sum(c.households)::bigint as households,
    sum(columns('^td_'))::bigint,
    sum(columns(['khong_kha_nang_lao_dong', 'bao_tro_xa_hoi', 'nguoi_co_cong', 'dan_toc_thieu_so',
                 'chu_ho_nu']))::bigint
from commune_class_year as c
join area_members as m using (code_list, commune_code)
group by all;

-- One row per area, review, class and indicator column: the area's households of that class and how many
-- of them are deprived in it (forms R4-R7). Every indicator column of every class is there, null where no
-- household of the class has a value.
create or replace view area_deprivation_live as
select *
from (select code_list, area_key, review_year, classification, households, columns('^td_') from area_class_sums)
unpivot include nulls (deprived for indicator in (columns('^td_')));
-- @materialise area_deprivation

-- One row per area, review and household group (data/catalogue/groups.csv, form R8): its poor and
-- near-poor households, beside the area's poor, near-poor and all households, the shares' denominators.
-- A group that negates a column (with labour capacity) counts the households without the flag.
create or replace view area_groups_live as
with members as (
    select s.code_list, s.area_key, s.review_year, s.classification, g."group",
        if(g.negate, s.households - s.flagged, s.flagged) as members
    from (
        unpivot (
            select columns(c -> not starts_with(c, 'td_')) from area_class_sums
            where classification in ('ngheo', 'can_ngheo')
        )
        on khong_kha_nang_lao_dong, bao_tro_xa_hoi, nguoi_co_cong, dan_toc_thieu_so, chu_ho_nu
        into name "column" value flagged
    ) as s
    join groups as g using ("column")
)

select
    a.code_list,
    a.review_year,
    a.area_key,
    g."group",
    coalesce(sum(m.members) filter (where m.classification = 'ngheo'), 0)::bigint as poor,
    coalesce(sum(m.members) filter (where m.classification = 'can_ngheo'), 0)::bigint as near_poor,
    a.poor as poor_households,
    a.near_poor as near_poor_households,
    a.total_households
from area_year as a
cross join groups as g
left join members as m
    on m.code_list = a.code_list and m.area_key = a.area_key and m.review_year = a.review_year
    and m."group" = g."group"
group by all;
-- @materialise area_groups
