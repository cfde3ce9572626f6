-- Reference data a new database is loaded with (giamngheo/store/reference.py): the national code lists and the
-- crosswalks between them (data/admin), the composed successors of the 2025 reform, the July-2025 pieces of
-- the shipped shapes. One statement per `-- name:` block; files are parameters ($end_2024, ...), never pasted.

-- name: code_lists
insert into code_lists values
('gso_2024', 'Danh mục ĐVHC cuối năm 2024', 'Administrative units at the end of 2024',
 null, '2024-12-31', 2015, 2024,
 'GSO list of 01/11/2024 via thanglequoc/vietnamese-provinces-database v2.2.0 (MIT)'),
('gso_2025h1', 'Danh mục ĐVHC 01/3-30/6/2025', 'Administrative units, March to June 2025',
 '2025-03-01', '2025-06-30', null, null,
 'GSO list via thanglequoc/vietnamese-provinces-database v2.4.1 (MIT)'),
('qd19_2025', 'Danh mục ĐVHC từ 01/7/2025 (QĐ 19/2025/QĐ-TTg)', 'Administrative units from 1 July 2025',
 '2025-07-01', null, 2025, 2035,
 'Quyết định 19/2025/QĐ-TTg via thanglequoc/vietnamese-provinces-database v3.0.2 (MIT)');

-- name: units_2024
-- Province names did not change between the end-2024 list and June 2025; types come from the name.
insert into admin_units
with provinces as (
    select distinct province_code, province_name from read_csv($h1_2025, all_varchar = true, header = true)
), units_2024 as (
    select * from read_csv($end_2024, all_varchar = true, header = true)
)
select 'gso_2024', 'province', p.province_code, p.province_name,
       case when p.province_name like 'Thành phố%' then 'Thành phố' else 'Tỉnh' end, p.province_code, null
from provinces p
union all
select distinct 'gso_2024', 'district', old_district_code, old_district_name,
       regexp_extract(old_district_name, '^(Quận|Huyện|Thị xã|Thành phố)'), old_province_code, old_district_code
from units_2024
union all
select 'gso_2024', 'commune', old_commune_code, old_commune_name,
       regexp_extract(old_commune_name, '^(Phường|Xã|Thị trấn)'), old_province_code, old_district_code
from units_2024;

-- name: units_2025h1
insert into admin_units
with units as (select * from read_csv($h1_2025, all_varchar = true, header = true))
select distinct 'gso_2025h1', 'province', province_code, province_name,
       case when province_name like 'Thành phố%' then 'Thành phố' else 'Tỉnh' end, province_code, null
from units
union all
select distinct 'gso_2025h1', 'district', district_code, district_name, district_type, province_code, district_code
from units
union all
select 'gso_2025h1', 'commune', commune_code, commune_name, commune_type, province_code, district_code
from units where commune_code is not null;

-- name: units_2025
insert into admin_units
with units as (select * from read_csv($after_2025, all_varchar = true, header = true))
select distinct 'qd19_2025', 'province', province_code, province_name,
       case when province_name like 'Thành phố%' then 'Thành phố' else 'Tỉnh' end, province_code, null
from units
union all
select 'qd19_2025', 'commune', commune_code, commune_name, commune_type, province_code, null
from units;

-- name: crosswalks
insert into unit_crosswalk
select 'gso_2024', old_commune_code, 'gso_2025h1', h1_commune_code, h1_commune_name, match, true,
       confidence, match, 'data/admin/crosswalk_2024_to_pre2025.csv'
from read_csv($end_2024, all_varchar = true, header = true) where h1_commune_code is not null
union all
select 'gso_2025h1', coalesce(old_commune_code, old_district_code), 'qd19_2025', new_commune_code,
       new_commune_name, share_note,
       share_note = 'whole' or share_note like '%default successor%'
           or count(*) over (partition by coalesce(old_commune_code, old_district_code)) = 1,
       confidence, basis, 'data/admin/crosswalk_2025.csv'
from read_csv($crosswalk_2025, all_varchar = true, header = true);

-- name: successors
-- End-2024 commune -> its July-2025 communes: the national crosswalks composed, every successor of a split
-- unit kept; the default successor is the crosswalk's, or data/geo/commune_crosswalk_2025.csv's choice for
-- the demo places.
insert into commune_successors
with first_step as (
    select from_code, to_code as h1_code, confidence from unit_crosswalk where from_list = 'gso_2024'
), second_step as (
    select from_code as h1_code, to_code, confidence, share_note, is_default
    from unit_crosswalk where from_list = 'gso_2025h1'
), national as (
    select f.from_code, s.to_code, s.is_default,
           case when 'low' in (f.confidence, s.confidence) then 'low'
                when 'medium' in (f.confidence, s.confidence) then 'medium' else 'high' end as confidence,
           'data/admin crosswalks: ' || s.share_note as basis
    from first_step f join second_step s using (h1_code)
), geo as (
    select old_code as from_code, new_code as to_code, confidence
    from read_csv($geo_crosswalk, all_varchar = true, header = true)
), candidates as (
    select from_code, to_code, is_default, confidence, basis from national
    union all  -- a demo place's successor the national crosswalks do not list
    select g.from_code, g.to_code, true, g.confidence, 'data/geo/commune_crosswalk_2025.csv' from geo g
    where not exists (select 1 from national n where n.from_code = g.from_code and n.to_code = g.to_code)
)
select 'gso_2024', c.from_code, 'qd19_2025', c.to_code, u.province_code,
       row_number() over (
           partition by c.from_code order by coalesce(g.to_code = c.to_code, c.is_default) desc, c.to_code
       ) = 1,
       c.confidence,
       c.basis || case when g.to_code = c.to_code then '; default: data/geo/commune_crosswalk_2025.csv'
                       else '' end
from candidates c
left join geo g using (from_code)
join admin_units u on u.code_list = 'qd19_2025' and u.code = c.to_code and u.level = 'commune';

-- name: pieces_2025
-- The shipped pre-2025 shapes of each July-2025 unit's predecessors: communes through their default successor,
-- provinces through the crosswalk's province codes.
select s.to_code, u.name, b.geometry, 'commune'
from boundaries b
join commune_successors s on s.from_code = b.code and s.is_default
join admin_units u on u.code_list = 'qd19_2025' and u.code = s.to_code
where b.code_list = 'gso_2024' and b.level = 'commune'
union all
select p.new_province_code, u.name, b.geometry, 'province'
from boundaries b
join (
    select old_province_code, mode(new_province_code) as new_province_code
    from unit_crosswalk x join admin_units o on o.code_list = 'gso_2025h1' and o.code = x.from_code
    join (select distinct old_commune_code, old_province_code, new_province_code
          from read_csv($crosswalk_2025, all_varchar = true)) c
      on c.old_commune_code = x.from_code
    group by old_province_code
) p on p.old_province_code = b.code
join admin_units u on u.code_list = 'qd19_2025' and u.code = p.new_province_code
where b.code_list = 'gso_2024' and b.level = 'province';
