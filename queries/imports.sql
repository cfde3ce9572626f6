-- The import log, newest first: file, checksum, time, user, counts and outcome of every import.
select
    import_id,
    kind,
    file_name,
    sha256,
    imported_at,
    user_name,
    rows_in_file,
    rows_inserted,
    rows_replaced,
    rows_unchanged,
    outcome,
    message,
    synthetic,
    (select count(*) from import_changes as c where c.import_id = i.import_id) as changes_logged
from imports as i
order by import_id desc
