-- What one import replaced: the record key and the columns whose value changed.
select record_key, changed_columns
from import_changes
where import_id = $import_id
order by record_key
