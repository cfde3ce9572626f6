-- Review years with data, the code list and the poverty standard each uses.
select review_year, code_list, standard
from review_years
order by review_year
