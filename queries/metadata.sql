-- Facts about the database itself: schema version, whether its data are synthetic, the demo seed.
select key, value
from metadata
order by key
