-- Views every rate query reads. Recreated whenever a database is opened for writing, so changing
-- them needs no migration.
--
-- group_columns in braces stands for the household columns the groups are read from
-- (data/catalogue/groups.csv), as identifiers, group_column_names for the same as strings: giamngheo.store.schema
-- fills them in.
--
-- A line `-- @materialise NAME` copies the view NAME_live defined above it into the table NAME, there and
-- after every import (store.schema.refresh_aggregates): the queries read these tables, a few rows per area, instead
-- of grouping millions of households. Statements below a marker may read its table. The copy is sorted by
-- its columns in order, so a view's first columns are what its queries filter on: DuckDB then skips the
-- other row groups.

-- An area's number within a code list. Administrative codes are digits whose length is the level (2 a
-- province, 3 a district, 5 a commune; checked when the code lists load), so length x 1.000.000 + the
-- number is one integer per area. The area tables are sorted and filtered on it: DuckDB compares integers
-- several times faster than the compressed text of the codes. Not a code: never shown, never imported.
create or replace macro area_key(code) as length(code) * 1000000 + try_cast(code as integer);

-- The other class of the pair whose dynamics the forms follow: poor (form R2) and near-poor (form R3).
create or replace macro other_class(classification) as
    case classification when 'ngheo' then 'can_ngheo' when 'can_ngheo' then 'ngheo' end;

-- One row per commune and review: households (and their members) by class and the denominator. A
-- commune-year without a population row falls back on its count of household records, and says so
-- (`denominator_from_records`). The `*_key` columns are the area keys (area_key above) of its province,
-- district and itself.
create or replace view commune_year_live as
with reviewed as (
    select
        review_year,
        code_list,
        commune_code,
        count(*) filter (where classification = 'ngheo') as poor,
        count(*) filter (where classification = 'can_ngheo') as near_poor,
        count(*) filter (where classification = 'trung_binh') as average_living,
        count(*) as reviewed,
        coalesce(sum(members) filter (where classification = 'ngheo'), 0) as poor_persons,
        coalesce(sum(members) filter (where classification = 'can_ngheo'), 0) as near_poor_persons
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
        coalesce(r.poor_persons, 0)::bigint as poor_persons,
        coalesce(r.near_poor_persons, 0)::bigint as near_poor_persons,
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
    area_key(c.commune_code) as commune_key
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
    sum(columns([{group_column_names}])::integer)::bigint
from households
group by all;
-- @materialise commune_class_year

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

-- The household records an area reviewed in a year, on the units of that year's code list.
create or replace macro area_records(place, review) as table
select * from households
where review_year = review and commune_code in (select code from area_communes(place, review));

-- The groups of the households an area reviewed in a year, one row per group a household belongs to
-- (data/catalogue/groups.csv; a group may be the negation of a column, as "with labour capacity"). A macro of
-- the area, not a view of every record: the area's records are chosen before they are unpivoted.
drop view if exists household_groups;
create or replace macro area_household_groups(place, review) as table
with memberships as (
    unpivot (
        select review_year, household_id, {group_columns} from area_records(place, review)
    )
    on {group_columns}
    into name "column" value flagged
)
select m.review_year, m.household_id, g."group"
from memberships as m
join groups as g on g."column" = m."column" and m.flagged != g.negate;

-- The deprivations of the households an area reviewed in a year, one row per indicator a household lacks.
drop view if exists household_flags;
create or replace macro area_household_flags(place, review) as table
select review_year, household_id, flag
from (
    unpivot (
        select review_year, household_id, columns('^td_') from area_records(place, review)
    )
    on columns('^td_')
    into name flag value deprived
)
where deprived;

-- THE GROUND OF A COMPARISON. Codes were re-issued on 1 July 2025 (19597, 18073... name other, larger
-- areas since): a record is never compared with another list's records on its code. Instead every record of
-- an earlier code list is placed on the units of the later one, through the crosswalk (commune_successors),
-- and a review is compared with the previous review placed on its own units.

-- Each earlier commune's successors on a later list: the unit it went to whole, or none when it was split (its
-- households are then placed one by one), and the province all its successors share (null if they straddle).
create or replace view successor_sets as
select
    from_list,
    from_code,
    to_list,
    if(count(*) = 1, any_value(to_code), null) as whole_to_code,
    if(count(distinct to_province_code) = 1, any_value(to_province_code), null) as to_province_code,
    count(*) > 1 as split
from commune_successors
group by all;

-- Each household record of a split commune, on the later list's units: in the commune where the first review
-- under that list recorded the household (matched by its code, ma_ho), if that is one of its commune's
-- successors; otherwise unallocated (commune null), in the province its commune's successors share, if any.
create or replace view household_placement_live as
select
    s.to_list as code_list,
    h.review_year,
    h.household_id,
    h.commune_code as from_code,
    c.to_code as commune_code,
    coalesce(c.to_province_code, s.to_province_code) as province_code
from households as h
join successor_sets as s on s.from_list = h.code_list and s.from_code = h.commune_code and s.split
join code_lists as l on l.code_list = s.to_list
left join households as n
    on n.review_year = l.first_review_year and n.household_id = h.household_id and n.code_list = s.to_list
left join commune_successors as c
    on c.from_list = h.code_list and c.from_code = h.commune_code and c.to_list = s.to_list
    and c.to_code = n.commune_code;
-- @materialise household_placement

-- The household records of one review that lie, on the units of a code list (the ground), in an area of that
-- list: the review's own records in one of the area's communes, or an earlier list's records placed there (in
-- the unit their commune went to whole, or where household_placement put them), and, for a province, those of
-- its records that could not be placed in a commune (`commune_code` null). There is no district on the
-- July-2025 list. Every filter on the records themselves comes before the placing, so that DuckDB reads only
-- the review's rows of the area's own and former communes.
create or replace macro area_households(place, ground, review) as table
with members as (
    select m.commune_code from area_members as m where m.code_list = ground and m.area_key = area_key(place)
),

-- The earlier communes that went, wholly or in part, into the area.
predecessors as (
    select from_code from commune_successors
    where to_list = ground and to_code in (select commune_code from members)
),

placed as (
    select
        h.* replace (
            s.to_list as code_list,
            if(s.split, p.province_code, s.to_province_code) as province_code,
            null::varchar as district_code,
            if(s.split, p.commune_code, s.whole_to_code) as commune_code
        ),
        true as placed
    from households as h
    join successor_sets as s on s.from_list = h.code_list and s.from_code = h.commune_code and s.to_list = ground
    left join household_placement as p  -- split communes' records only
        on p.code_list = s.to_list and p.review_year = h.review_year and p.household_id = h.household_id
    where
        h.review_year = review
        and h.code_list != ground
        and h.commune_code in (select from_code from predecessors)
)

select *, false as placed from households
where review_year = review and code_list = ground and commune_code in (select commune_code from members)
union all by name
select * from placed
where commune_code in (select commune_code from members) or (commune_code is null and province_code = place);

-- One row per unit of a code list and review, the review's own units or an earlier review placed on them
-- (`placed`): households by class, their members, and the denominator. An earlier commune that went whole to
-- one unit brings its counts and population; a split commune's households go where household_placement put
-- them, and its population is shared over those units in proportion to its households placed in each (all of
-- it stays unallocated when none could be placed). Unallocated households are the row with a null commune,
-- counted in their province's totals only. Sums over a province are preserved.
create or replace view commune_ground_year_live as
with whole as (
    select
        s.to_list as code_list,
        c.review_year,
        s.to_province_code as province_code,
        null::varchar as district_code,
        s.whole_to_code as commune_code,
        c.* exclude (code_list, review_year, province_code, district_code, commune_code, commune_name,
                     province_key, district_key, commune_key)
    from commune_year as c
    join successor_sets as s on s.from_list = c.code_list and s.from_code = c.commune_code and not s.split
),

split_records as (
    select
        p.code_list,
        p.review_year,
        p.from_code,
        p.province_code,
        p.commune_code,
        count(*) filter (where h.classification = 'ngheo') as poor,
        count(*) filter (where h.classification = 'can_ngheo') as near_poor,
        count(*) filter (where h.classification = 'trung_binh') as average_living,
        count(*) as reviewed,
        coalesce(sum(h.members) filter (where h.classification = 'ngheo'), 0) as poor_persons,
        coalesce(sum(h.members) filter (where h.classification = 'can_ngheo'), 0) as near_poor_persons
    from household_placement as p
    join households as h using (review_year, household_id)
    group by all
),

split_pieces as (
    select
        s.to_list as code_list,
        c.review_year,
        coalesce(r.province_code, s.to_province_code) as province_code,
        r.commune_code,
        coalesce(r.poor, 0) as poor,
        coalesce(r.near_poor, 0) as near_poor,
        coalesce(r.average_living, 0) as average_living,
        coalesce(r.reviewed, 0) as reviewed,
        coalesce(r.poor_persons, 0) as poor_persons,
        coalesce(r.near_poor_persons, 0) as near_poor_persons,
        c.total_households,
        c.total_persons,
        c.denominator_from_records,
        sum(if(r.commune_code is null, 0, r.reviewed)) over commune as placed,
        sum(if(r.commune_code is null, 0, r.reviewed)) over (commune order by r.commune_code nulls first
                                                             rows unbounded preceding) as running
    from commune_year as c
    join successor_sets as s on s.from_list = c.code_list and s.from_code = c.commune_code and s.split
    left join split_records as r on r.code_list = s.to_list and r.review_year = c.review_year
        and r.from_code = c.commune_code
    window commune as (partition by s.to_list, c.review_year, c.commune_code)
),

-- A piece's share of the commune's population, rounded so that the pieces add up to the whole.
shared as (
    select
        code_list, review_year, province_code, null::varchar as district_code, commune_code, poor, near_poor,
        average_living, reviewed, poor_persons, near_poor_persons,
        case
            when placed = 0 then if(commune_code is null, total_households, 0)
            when commune_code is null then 0
            else round(total_households * running / placed) - round(total_households * (running - reviewed) / placed)
        end as total_households,
        case
            when placed = 0 then if(commune_code is null, total_persons, 0)
            when commune_code is null then 0
            else round(total_persons * running / placed) - round(total_persons * (running - reviewed) / placed)
        end as total_persons,
        denominator_from_records
    from split_pieces
),

-- Looking back: a later review shown on a former district of the earlier list, where the crosswalk allows it:
-- the district is exactly the union of the new communes its communes went to, none of which took in a commune
-- of another district (Thủy Nguyên, Cam Lộ in the demo). Such rows count towards the district only: no
-- province (an old province's later figure would hold only those of its districts) and no commune.
district_successors as (
    select s.to_list, s.to_code, u.code_list as old_list, u.district_code, count(*) as old_communes
    from commune_successors as s
    join admin_units as u on u.code_list = s.from_list and u.code = s.from_code and u.level = 'commune'
    group by all
),

mixed as (  -- new communes made from more than one former district
    select to_list, to_code from district_successors group by all having count(*) > 1
),

former_districts as (
    select * from district_successors
    where
        (to_list, to_code) not in (select (to_list, to_code) from mixed)
        and district_code not in (
            select d.district_code from district_successors as d
            where (d.to_list, d.to_code) in (select (to_list, to_code) from mixed)
        )
),

back as (
    select
        f.old_list as code_list,
        c.review_year,
        null::varchar as province_code,
        f.district_code,
        null::varchar as commune_code,
        c.* exclude (code_list, review_year, province_code, district_code, commune_code, commune_name,
                     province_key, district_key, commune_key),
        f.old_communes as former_communes
    from commune_year as c
    join former_districts as f on f.to_list = c.code_list and f.to_code = c.commune_code
),

units as (
    select
        code_list, review_year, province_code, district_code, commune_code, poor, near_poor, average_living,
        reviewed, poor_persons, near_poor_persons, total_households, total_persons, denominator_from_records,
        false as placed
    from commune_year
    union all by name
    select *, true as placed from whole
    union all by name
    select *, true as placed from shared
    union all by name
    select *, true as placed from back
)

select
    code_list,
    review_year,
    province_code,
    district_code,
    commune_code,
    sum(columns(['poor', 'near_poor', 'average_living', 'reviewed', 'poor_persons', 'near_poor_persons',
                 'total_households', 'total_persons', 'former_communes']))::bigint,
    count(*) filter (where denominator_from_records) as predecessors_without_population,
    bool_or(placed) as placed
from units
group by all;
-- @materialise commune_ground_year

-- One row per area (province, district, commune) of a code list and review: its name, households by class,
-- and the same at the area's previous review ON THE SAME GROUND, with both reviews' poverty standards. An
-- area of the July-2025 list has rows for the earlier reviews too, placed on its units (`placed`), so its
-- previous review of 2025 is 2024 re-aggregated; a review under another standard than its previous one is the
-- baseline (đầu kỳ) of its period and is not compared (`comparable`). Province rows count the households that
-- could not be placed in a commune (`unallocated_*`); the communes of a province then add up to less.
create or replace view area_year_live as
with by_level as (
    select code_list, review_year, province_code as area, commune_code, *
        exclude (code_list, review_year, province_code, district_code, commune_code)
    from commune_ground_year where province_code is not null
    union all
    select code_list, review_year, district_code, commune_code, *
        exclude (code_list, review_year, province_code, district_code, commune_code)
    from commune_ground_year where district_code is not null
    union all
    select code_list, review_year, commune_code, commune_code, *
        exclude (code_list, review_year, province_code, district_code, commune_code)
    from commune_ground_year where commune_code is not null
),

sums as (
    select
        code_list,
        area_key(area) as area_key,
        review_year,
        area,
        sum(columns(['total_households', 'poor', 'near_poor', 'average_living', 'poor_persons', 'near_poor_persons',
                     'total_persons']))::bigint,
        -- a later review shown on a former district stands for the district's communes it covers
        count(distinct commune_code) + coalesce(sum(former_communes), 0) as communes_with_data,
        sum(predecessors_without_population)::bigint as communes_without_population,
        coalesce(sum(poor) filter (where commune_code is null), 0)::bigint as unallocated_poor,
        coalesce(sum(near_poor) filter (where commune_code is null), 0)::bigint as unallocated_near_poor,
        coalesce(sum(reviewed) filter (where commune_code is null), 0)::bigint as unallocated_reviewed,
        bool_or(placed) as placed
    from by_level
    group by all
),

communes_total as (
    select code_list, area_key, count(*) as communes_total from area_members group by all
)

select
    s.* replace (least(s.communes_with_data, coalesce(t.communes_total, s.communes_with_data))::bigint
                 as communes_with_data),
    t.communes_total,
    u.name as area_name,
    st.standard,
    lag(s.review_year) over previous as previous_year,
    lag(st.standard) over previous as previous_standard,
    lag(s.placed) over previous as previous_placed,
    lag(s.total_households) over previous as previous_total_households,
    lag(s.poor) over previous as previous_poor,
    lag(s.near_poor) over previous as previous_near_poor,
    lag(s.unallocated_poor) over previous as previous_unallocated_poor
from sums as s
join standards as st on s.review_year between st.first_review_year and st.last_review_year
left join communes_total as t using (code_list, area_key)
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
    sum(columns([{group_column_names}]))::bigint
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
        on {group_columns}
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
join review_years as y on y.review_year = a.review_year and y.code_list = a.code_list  -- the review's own units
cross join groups as g
left join members as m
    on m.code_list = a.code_list and m.area_key = a.area_key and m.review_year = a.review_year
    and m."group" = g."group"
group by all;
-- @materialise area_groups
