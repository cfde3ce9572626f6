-- Accounts and the audit log. Run on every writable open (create if missing), so databases made before
-- accounts existed get them without a migration step.
create table if not exists users (
    name varchar primary key,
    password_hash varchar not null,
    role varchar not null check (role in ('lanh_dao', 'can_bo', 'phan_tich', 'quan_tri')),
    area_code varchar,            -- province, district or commune code; null: the whole country
    may_see_names boolean not null default false,
    disabled boolean not null default false,
    failed_attempts integer not null default 0,
    locked_until timestamp,
    created_at timestamp not null,
    changed_at timestamp,          -- password changed or account disabled: sessions opened before end
    area_list varchar              -- the code list area_code belongs to (codes were re-issued in 2025)
);
-- Databases made before sessions were checked against their account, and before areas named their list.
alter table users add column if not exists changed_at timestamp;
alter table users add column if not exists area_list varchar;

-- In the order of happened_at (to the microsecond). Databases made before keep their audit_id column,
-- numbered by a sequence; a DuckLake has no sequences.
create table if not exists audit_log (
    happened_at timestamp not null,
    user_name varchar,
    action varchar not null,       -- sign_in, sign_out, import, export, user_change, view_names
    detail varchar,
    outcome varchar not null       -- ok, refused, failed
);
