-- The giamngheo database. Codes are text (leading zeros kept). An administrative code means
-- nothing without its code list: codes were re-issued to other areas in 2025, so every row that
-- carries a commune code also carries the code list it belongs to.

create table metadata (
    key varchar primary key,
    value varchar
);

-- Code lists in force over time, and which review years use which.
create table code_lists (
    code_list varchar primary key,
    label_vi varchar not null,
    label_en varchar not null,
    valid_from date,
    valid_to date,
    first_review_year integer,
    last_review_year integer,
    source varchar not null
);

create table admin_units (
    code_list varchar not null references code_lists (code_list),
    level varchar not null check (level in ('province', 'district', 'commune')),
    code varchar not null,
    name varchar not null,
    unit_type varchar,
    province_code varchar not null,
    district_code varchar,
    primary key (code_list, code)
);

-- Old unit -> new unit. A unit split among several successors has one row per successor.
create table unit_crosswalk (
    from_list varchar not null,
    from_code varchar not null,
    to_list varchar not null,
    to_code varchar not null,
    to_name varchar,
    share_note varchar,
    is_default boolean not null,
    confidence varchar not null,
    basis varchar,
    source varchar not null
);

create table boundaries (
    code_list varchar not null,
    level varchar not null,
    code varchar not null,
    name varchar,
    geometry varchar not null, -- GeoJSON geometry, EPSG:4326
    source varchar not null,
    primary key (code_list, level, code)
);

create table imports (
    import_id integer primary key,
    kind varchar not null,
    file_name varchar not null,
    sha256 varchar not null,
    imported_at timestamp not null,
    user_name varchar,
    rows_in_file integer not null,
    rows_inserted integer not null,
    rows_replaced integer not null,
    rows_unchanged integer not null,
    outcome varchar not null,
    message varchar,
    synthetic boolean not null default false
);

-- Households per commune at review time: the denominator of every rate.
create table population (
    review_year integer not null,
    code_list varchar not null,
    commune_code varchar not null,
    total_households integer not null check (total_households >= 0),
    total_persons integer,
    total_ethnic_minority_households integer,
    import_id integer,
    primary key (review_year, commune_code)
);

create table targets (
    review_year integer not null,
    area_code varchar not null,
    metric varchar not null,
    target double not null,
    actual double,
    note varchar,
    import_id integer,
    primary key (review_year, area_code, metric)
);

create table support (
    review_year integer not null,
    household_id varchar not null,
    support_type varchar not null,
    sponsor varchar,
    amount_vnd bigint,
    import_id integer
);

-- What each import replaced: one row per replaced record, with the columns whose value changed.
create table import_changes (
    import_id integer not null,
    kind varchar not null,
    record_key varchar not null,
    changed_columns varchar[]
);

-- Each end-2024 commune's communes after 1 July 2025 (the national crosswalks composed): one row per
-- successor. A commune split among several successors has several rows; the default (`is_default`: the
-- crosswalk's, or data/geo/commune_crosswalk_2025.csv's choice for the demo places) draws the derived maps,
-- while households are placed by where the first review under the new list recorded them (views.sql).
create table commune_successors (
    from_list varchar not null,    -- gso_2024
    from_code varchar not null,
    to_list varchar not null,      -- qd19_2025
    to_code varchar not null,
    to_province_code varchar not null,
    is_default boolean not null,
    confidence varchar not null,
    basis varchar not null,
    primary key (from_list, from_code, to_code)
);
