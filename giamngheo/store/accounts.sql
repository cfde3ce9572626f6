-- Accounts, the audit log and the review's status. Run on every writable open (create if missing), so
-- databases made before them get them without a migration step.
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
    action varchar not null,       -- sign_in, session_start, session_end, import, export, user_change, view_names, ...
    detail varchar,
    outcome varchar not null       -- ok, refused, failed
);

-- Signed-in sessions (giamngheo/sessions.py): the browser holds a signed cookie naming one by its token; only the
-- token's SHA-256 is kept. A session ends by signing out, 8 hours without activity, an administrator ending the
-- account's sessions, or a change to the account (disabled, password, area).
create table if not exists sessions (
    session_id varchar not null,   -- random, for the audit log and the administrator's list
    user_name varchar not null,
    created_at timestamp not null,
    last_seen timestamp not null,
    token_sha256 varchar,          -- the cookie's token, set when the browser collects it
    handoff_sha256 varchar,        -- the one-time code the signed-in page exchanges for the cookie
    handoff_until timestamp,
    ended_at timestamp,
    end_reason varchar
);
-- The key the session cookies are signed with, made on first use; one per database, so that every dashboard
-- process on the database accepts the cookies of the others.
create table if not exists session_key (secret varchar not null);

-- The status of each commune's review (giamngheo/review.py): submitted by the commune officer, approved with the
-- commune chairman's recognition decision, reopened by an administrator. No row: under review (đang rà soát).
-- Keyed by the review's own code list: a July-2025 unit's status is its own, whatever its predecessors'.
create table if not exists review_status (
    review_year integer not null,
    code_list varchar not null,
    commune_code varchar not null,
    status varchar not null,       -- da_trinh, da_phe_duyet, mo_lai
    decision varchar,              -- the recognition decision, "số/ngày" (approved)
    reason varchar,                -- why it was reopened
    changed_by varchar,
    changed_at timestamp not null,
    approval_id integer            -- the snapshot of its approved records (approved_households)
);

-- What a commune-review held when it was approved, kept whatever is imported after it is reopened, so that a
-- figure read out after an approval can always be reproduced (`giamngheo report --approved`).
create table if not exists approvals (
    approval_id integer not null,
    review_year integer not null,
    code_list varchar not null,
    commune_code varchar not null,
    decision varchar not null,
    approved_by varchar,
    approved_at timestamp not null
);
create table if not exists approved_households as select 0 as approval_id, * from households limit 0;
create table if not exists approved_population as select 0 as approval_id, * from population limit 0;
