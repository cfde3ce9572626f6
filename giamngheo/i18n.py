"""Every word the interface shows, in Vietnamese and English: one place, two columns.

Labels that come with the data (indicator, group and unit names) live in the catalogue instead.
"""

from __future__ import annotations

LANGUAGES = {"vi": "Tiếng Việt", "en": "English"}

TEXT: dict[str, tuple[str, str]] = {
    "app_title": ("Giảm nghèo", "Poverty reduction"),
    "app_subtitle": ("Theo dõi rà soát hộ nghèo, hộ cận nghèo", "Following the review of poor and near-poor households"),
    "language": ("Ngôn ngữ", "Language"),
    "filters": ("Bộ lọc", "Filters"),
    "review_year": ("Năm rà soát", "Review year"),
    "province": ("Tỉnh / thành phố", "Province / city"),
    "district": ("Huyện / quận / thị xã", "District"),
    "commune": ("Xã / phường / thị trấn", "Commune / ward"),
    "whole_province": ("Toàn tỉnh", "Whole province"),
    "whole_district": ("Toàn huyện", "Whole district"),
    "whole_area": ("Toàn địa bàn", "Whole area"),
    "page_overview": ("Tổng quan", "Overview"),
    "synthetic_banner": (
        "Dữ liệu mô phỏng: các số liệu trên bảng điều khiển này do chương trình tạo ra để trình diễn, "
        "khớp với số liệu của các công văn mẫu, không phải số liệu rà soát thật.",
        "Synthetic data: the figures on this dashboard are generated for demonstration and match the "
        "sample letters; they are not real review results.",
    ),
    "no_data": ("Chưa có dữ liệu cho năm và địa bàn đã chọn.", "No data for the selected year and area."),
    "poor_households": ("Hộ nghèo", "Poor households"),
    "near_poor_households": ("Hộ cận nghèo", "Near-poor households"),
    "total_households": ("Tổng số hộ dân cư", "Total households"),
    "households_unit": ("hộ", "households"),
    # A headline card's count: the unit where it is short enough for the card; in English the card's label says
    # "households" and "1,118 households" would not fit a card at a projector's width.
    "card_households": ("{n} hộ", "{n}"),
    "points_unit": ("điểm %", "pp"),
    "row_word": ("dòng", "row"),
    "column_word": ("cột", "column"),
    "file_rejected": ("tệp bị từ chối, không ghi gì vào cơ sở dữ liệu", "file rejected, nothing written"),
    "problems_count": ("{n} lỗi", "{n} problems"),
    "more_warnings": ("… và {n} cảnh báo khác ({total} cảnh báo; --all-warnings để in tất cả)",
                      "… and {n} more warnings ({total} in all; --all-warnings prints them all)"),
    "warning_word": ("cảnh báo", "warning"),
    "targets_sheet": ("Chỉ tiêu", "Targets"),
    "total_row": ("Tổng cộng: {name}", "Total: {name}"),
    "standard_word": ("chuẩn nghèo", "standard"),
    "forms_numbering_note": (
        "Các biểu R1-R15 theo bộ 15 mẫu biểu của phần mềm quản lý dữ liệu hộ nghèo thực hiện các mẫu báo cáo của "
        "thông tư trên; số thứ tự mẫu 7.x tương ứng với từng biểu chưa được đối chiếu với văn bản. Mọi dòng tổng, "
        "tỷ lệ và đẳng thức là công thức Excel trên các dòng phía trên để kiểm tra được.",
        "Forms R1-R15 follow the 15 templates of the poverty-database software implementing the circular's report "
        "forms; the mapping of each to a form number 7.x is not verified against the text. Every total, rate and "
        "identity is an Excel formula over the rows above it."),
    "form_average_note": (
        "Hộ có mức sống trung bình (nông, lâm, ngư, diêm nghiệp) được đếm ở biểu này, không tính vào tỷ lệ hộ nghèo, "
        "cận nghèo. Tỷ lệ nhân khẩu chỉ có khi tệp dân số có tổng số nhân khẩu.",
        "Average-living farm households are counted here, never in the poverty rates. Person rates only where the "
        "population file gives total persons."),
    "form_area_row_note": (
        "Dòng tổng cộng là tổng các xã; dòng toàn địa bàn không tính hộ chuyển giữa các xã trong địa bàn "
        "(ở các xã, hộ chuyển đi là giảm khác, chuyển đến là tăng khác). Nhân khẩu: hộ giữ nguyên loại mà tăng, "
        "giảm nhân khẩu được tính vào tăng, giảm khác.",
        "The total row adds up the communes; the whole-area row leaves out households moving between its communes "
        "(other decreases and increases of the communes). Persons: a household staying in its class with more or "
        "fewer members counts the difference as another increase or decrease."),
    "form_rates_note": ("Tỷ lệ = số hộ thiếu hụt ở biểu {sheet} chia tổng số hộ × 100.",
                        "Rate = households deprived on sheet {sheet} over the households × 100."),
    "form_groups_note": ("Một hộ có thể thuộc nhiều nhóm.", "A household may belong to several groups."),
    "form_ethnicity_note": (
        "Dân tộc của chủ hộ theo danh mục 54 dân tộc; hộ DTTS không ghi dân tộc được tính ở cột DTTS. Tỷ lệ hộ "
        "nghèo DTTS = hộ nghèo DTTS / tổng số hộ DTTS của xã (tệp dân số) × 100.",
        "The head's ethnic group (the national list of 54); ethnic-minority households without a group count in "
        "the ethnic-minority column. Ethnic-minority poverty rate = poor ethnic-minority households / all "
        "ethnic-minority households of the commune (population file) × 100."),
    "form_causes_note": ("Một hộ có thể có nhiều nguyên nhân nghèo: các cột nguyên nhân cộng lại có thể lớn hơn tổng số hộ.",
                         "A household may record several causes: the causes may add up to more than the households."),
    "form_children_note": (
        "Tệp rà soát hộ không có dữ liệu trẻ em (số trẻ em, thẻ BHYT, dinh dưỡng, đi học đúng cấp của từng trẻ): "
        "chưa lập được biểu này. Chỉ số thiếu hụt của hộ về dinh dưỡng và đi học của trẻ em ở biểu R4-R7.",
        "The household extract carries no data on children (each child's insurance card, nutrition, schooling): "
        "this form cannot be made. The households' deprivations in nutrition and children's schooling are on R4-R7."),
    "form_mean_note": ("Bình quân chỉ số thiếu hụt = tổng số chỉ số thiếu hụt / tổng số hộ (không nhân 100).",
                       "Mean deprivations = total deprivations / households (not × 100)."),
    "form_list_withheld": ("Vai trò của tài khoản không xem danh sách hộ: biểu này để trống.",
                           "This account's role does not see household lists: this form is left empty."),
    "form_list_note": ("Danh sách có họ tên chủ hộ: dữ liệu cá nhân, việc xuất được ghi nhật ký.",
                       "A list with heads' names: personal data; the export is on record."),
    "form_list_masked": ("Họ tên và thôn được ẩn theo quyền của tài khoản.",
                         "Names and villages are hidden for this account."),
    "whole_area_row": ("Toàn địa bàn: {name}", "Whole area: {name}"),
    "band_open_top": ("từ {low} trở lên", "{low} or more"),
    "band_open_bottom": ("dưới {high}", "below {high}"),
    "rate": ("tỷ lệ", "rate"),
    "poor_rate": ("Tỷ lệ hộ nghèo", "Poverty rate"),
    "near_poor_rate": ("Tỷ lệ hộ cận nghèo", "Near-poverty rate"),
    "change_since": ("so với năm {year}", "since {year}"),
    "change_since_placed": ("so với năm {year} (tính theo ĐVHC mới)", "since {year} (on the new units)"),
    "no_previous": ("chưa có kỳ rà soát trước", "no previous review"),
    # What a comparison over time stands on (giamngheo/comparison.py).
    "basis_none": ("Chưa có kỳ rà soát trước để so sánh.", "No earlier review to compare with."),
    "basis_same": ("So sánh với kỳ rà soát năm {previous}: cùng chuẩn nghèo {standard}, cùng đơn vị hành chính.",
                   "Compared with the {previous} review: same standard ({standard}), same units."),
    "basis_placed": (
        "So sánh với kỳ rà soát năm {previous} tính lại theo đơn vị hành chính từ 01/7/2025 (hộ của các xã cũ "
        "được xếp vào xã mới theo mã hộ), cùng chuẩn nghèo {standard}.",
        "Compared with the {previous} review re-aggregated onto the units in force from 1 July 2025 (the old "
        "communes' households placed in the new ones by household code), same standard ({standard}).",
    ),
    "basis_baseline": (
        "Năm {year} là năm đầu kỳ theo chuẩn nghèo {standard}: không so sánh với năm {previous} (chuẩn nghèo "
        "{previous_standard}). Chuẩn nghèo mới là mốc mới, không phải thay đổi về nghèo.",
        "{year} is the baseline under the {standard} standard: not compared with {previous} ({previous_standard} "
        "standard). A new standard starts a new baseline; it is not a change in poverty.",
    ),
    "baseline_short": ("đầu kỳ chuẩn {standard}", "baseline, {standard} standard"),
    "baseline_cell": ("đầu kỳ", "baseline"),
    "coverage_partial": (
        "Mới có số liệu rà soát của {n}/{total} xã của địa bàn: các số tổng chỉ gồm các xã này.",
        "Review data for {n} of the area's {total} communes: the totals cover those communes only.",
    ),
    "unallocated_note": (
        "{n} hộ nghèo năm {year} của xã cũ bị chia tách chưa xác định được thuộc xã mới nào (không có trong kỳ rà "
        "soát đầu tiên theo ĐVHC mới): có trong số liệu của tỉnh, không thuộc xã nào.",
        "{n} poor households of {year} in split communes could not be placed in a new commune (not in the first "
        "review on the new units): counted in the province, in no commune.",
    ),
    "unallocated_row": ("Chưa xác định được xã mới", "Not placed in a new commune"),
    "page_progress": ("Tiến độ rà soát", "Review progress"),
    "status_dang_ra_soat": ("Đang rà soát", "Under review"),
    "status_da_trinh": ("Đã trình", "Submitted"),
    "status_da_phe_duyet": ("Đã phê duyệt", "Approved"),
    "status_mo_lai": ("Mở lại", "Reopened"),
    "status_chua_co_so_lieu": ("Chưa có số liệu", "No data yet"),
    "progress_days_left": ("Còn {days} ngày đến hạn kết thúc rà soát ({closes}).",
                           "{days} days left until the review closes ({closes})."),
    "progress_overdue": ("Đã quá hạn kết thúc rà soát ({closes}) {days} ngày.",
                         "The review closed {days} days ago ({closes})."),
    "progress_counts": ("Số xã theo trạng thái", "Communes by status"),
    "progress_actions": ("Trình, phê duyệt, mở lại kết quả rà soát", "Submit, approve, reopen a review"),
    "progress_step": ("Bước", "Step"),
    "progress_step_submit": ("Trình kết quả", "Submit"),
    "progress_step_approve": ("Phê duyệt", "Approve"),
    "progress_step_reopen": ("Mở lại", "Reopen"),
    "progress_done": ("{commune}: {status}.", "{commune}: {status}."),
    "col_status": ("Trạng thái", "Status"),
    "col_decision": ("Quyết định công nhận", "Recognition decision"),
    "col_changed": ("Cập nhật", "Updated"),
    "col_by": ("Người cập nhật", "By"),
    "col_reopened_because": ("Lý do mở lại", "Why reopened"),
    "col_days_left": ("Còn (ngày)", "Days left"),
    "col_reviewed": ("Số hộ đã rà soát", "Households reviewed"),
    "official": ("Số liệu chính thức: kết quả rà soát của mọi xã đã được phê duyệt.",
                 "Official figures: every commune's review is approved."),
    "provisional": ("Số liệu sơ bộ: {n}/{total} xã đã phê duyệt kết quả rà soát.",
                    "Provisional figures: {n} of {total} communes have their review approved."),
    "trend_provisional_caption": ("* Sơ bộ (chưa phải mọi xã đã phê duyệt kết quả rà soát): {years}.",
                                  "* Provisional (not every commune's review approved yet): {years}."),
    "official_short": ("Chính thức", "Official"),
    "provisional_short": ("Sơ bộ: {n}/{total} xã đã phê duyệt", "Provisional: {n}/{total} communes approved"),
    "figures_status": ("Số liệu", "Figures"),
    "communes_with_data": ("Số xã có dữ liệu", "Communes with data"),
    "deprivation_title": (
        "Hộ nghèo thiếu hụt các dịch vụ xã hội cơ bản",
        "Poor households deprived of basic social services",
    ),
    "deprivation_caption": (
        "Tỷ lệ trên tổng số {n} hộ nghèo của địa bàn (chuẩn nghèo {standard}). Một hộ có thể thiếu hụt nhiều chỉ số.",
        "Share of the area's {n} poor households ({standard} standard). A household can be deprived in several indicators.",
    ),
    "share_of_poor_axis": ("% tổng số hộ nghèo", "% of poor households"),
    "communes_title": ("Kết quả rà soát theo xã", "Review results by commune"),
    "col_commune_code": ("Mã xã", "Code"),
    "col_commune_name": ("Xã / phường", "Commune"),
    "col_total": ("Tổng số hộ", "Households"),
    "col_poor": ("Hộ nghèo", "Poor"),
    "col_poor_rate": ("Tỷ lệ nghèo", "Poverty rate"),
    "col_near_poor": ("Hộ cận nghèo", "Near-poor"),
    "col_near_poor_rate": ("Tỷ lệ cận nghèo", "Near-poverty rate"),
    "col_change": ("Thay đổi tỷ lệ nghèo", "Change in poverty rate"),
    "denominator_note": (
        "{n} xã chưa có số liệu tổng số hộ: tạm tính bằng số hộ được rà soát.",
        "{n} communes have no household total: their reviewed households stand in.",
    ),
    "coverage_note": (
        "Tỷ lệ = số hộ ÷ tổng số hộ dân cư của địa bàn × 100. Số liệu của {with_data} xã.",
        "Rate = households ÷ all resident households of the area × 100. Data of {with_data} communes.",
    ),
    "page_import": ("Nhập dữ liệu", "Import"),
    "page_quality": ("Chất lượng dữ liệu", "Data quality"),
    "import_intro": (
        "Tải lên tệp kết quả rà soát (CSV hoặc XLSX). Tệp được kiểm tra toàn bộ trước khi ghi: "
        "một dòng sai thì cả tệp không được nhập. Nhập lại cùng tệp không tạo bản ghi trùng.",
        "Upload a review extract (CSV or XLSX). The whole file is checked before anything is written: one "
        "invalid row rejects the file. Importing the same file again creates no duplicates.",
    ),
    "import_kind": ("Loại dữ liệu", "Kind of data"),
    "kind_households": ("Hộ gia đình (kết quả rà soát)", "Households (review results)"),
    "kind_population": ("Tổng số hộ theo xã", "Households per commune"),
    "kind_targets": ("Chỉ tiêu giảm nghèo", "Poverty-reduction targets"),
    "kind_support": ("Hỗ trợ, đỡ đầu", "Support and sponsorship"),
    "import_year": ("Năm rà soát (nếu tệp không có cột năm)", "Review year (if the file has no year column)"),
    "template_download": ("Tải mẫu nhập liệu (XLSX)", "Download the import template (XLSX)"),
    "upload": ("Chọn tệp", "Choose a file"),
    "read_only_mode": ("Bảng điều khiển đang ở chế độ chỉ đọc: không nhập được dữ liệu.",
                       "The dashboard is read-only: imports are disabled."),
    "detected_columns": ("Cột nhận dạng được", "Detected columns"),
    "col_in_file": ("Cột trong tệp", "Column in the file"),
    "col_canonical": ("Trường dữ liệu", "Field"),
    "extra_columns": ("Cột không dùng (giữ lại, không nhập): {cols}", "Columns not used (kept aside): {cols}"),
    "preview": ("Xem trước {n} dòng đầu (tiêu đề ở dòng {row})", "First {n} rows (header on row {row})"),
    "rejected": ("Tệp bị từ chối: {n} lỗi. Không có gì được ghi vào cơ sở dữ liệu. Sửa các lỗi dưới đây rồi tải lên lại.",
                 "File rejected: {n} problems. Nothing was written. Fix the problems below and upload again."),
    "valid": ("Tệp hợp lệ: {n} dòng.", "The file is valid: {n} rows."),
    "warnings": ("{n} cảnh báo (không chặn việc nhập)", "{n} warnings (they do not block the import)"),
    "confirm_import": ("Xác nhận nhập", "Confirm import"),
    "allow_move": ("Cho phép chuyển hộ đã ghi ở xã khác trong cùng kỳ rà soát (quản trị viên; được ghi nhật ký)",
                   "Allow moving households recorded in another commune at the same review (administrators; logged)"),
    "imported": ("Đã nhập {file}: {inserted} dòng mới, {replaced} dòng thay thế, {unchanged} dòng không đổi.",
                 "Imported {file}: {inserted} new, {replaced} replaced, {unchanged} unchanged."),
    "problems_download": ("Tải danh sách lỗi (CSV)", "Download the problems (CSV)"),
    "col_row": ("Dòng", "Row"),
    "col_column": ("Cột", "Column"),
    "col_value": ("Giá trị", "Value"),
    "col_reason": ("Lý do", "Reason"),
    "import_log": ("Nhật ký nhập dữ liệu", "Import log"),
    "quality_intro": (
        "Các cảnh báo không chặn việc nhập nhưng cần xem lại: phân loại khác với chuẩn (theo thu nhập và số chỉ số "
        "thiếu hụt), xã có số hộ được rà soát vượt tổng số hộ, hộ đổi xã so với kỳ rà soát trước.",
        "Warnings that do not block imports but deserve a look: a class that differs from the standard's rule "
        "(income and deprivations), a commune reviewing more households than it has, a household that changed commune "
        "since the previous review.",
    ),
    "check_class_rule": ("Phân loại khác chuẩn", "Class differs from rule"),
    "check_population_low": ("Số hộ rà soát vượt tổng số hộ", "More reviewed than resident households"),
    "check_moved": ("Hộ đổi xã", "Household changed commune"),
    "no_issues": ("Không có cảnh báo nào cho địa bàn và năm đã chọn.", "No warnings for the selected area and year."),
    "page_deprivation": ("Chiều thiếu hụt", "Deprivation"),
    "page_groups": ("Nhóm hộ, nguyên nhân", "Groups and causes"),
    "page_transitions": ("Diễn biến hộ nghèo", "Transitions"),
    "page_households": ("Danh sách hộ", "Households"),
    "household_class": ("Loại hộ", "Household class"),
    "household_group": ("Nhóm hộ", "Household group"),
    "all_groups": ("Tất cả các nhóm", "All groups"),
    "all_classes": ("Tất cả", "All"),
    "summary_title": ("Tình hình chung", "Situation"),
    "trend_title": ("Tỷ lệ hộ nghèo, cận nghèo qua các kỳ rà soát", "Poverty and near-poverty rates over the reviews"),
    "trend_caption": (
        "Đường đứt quãng ở nơi chuẩn nghèo thay đổi: số liệu hai bên không so sánh được (chuẩn mới là mốc mới).",
        "The line breaks where the poverty standard changes: rates on either side are not comparable (a new "
        "baseline).",
    ),
    "trend_placed_caption": (
        "Các năm trước 2025 được tính lại theo đơn vị hành chính từ 01/7/2025: hộ của các xã cũ được xếp vào xã mới "
        "theo mã hộ và bảng chuyển đổi (data/admin).",
        "Reviews before 2025 are re-aggregated onto the units in force from 1 July 2025: the old communes' "
        "households placed in the new ones by household code and the crosswalk (data/admin).",
    ),
    "trend_former_caption": (
        "Năm 2025 trở đi tính theo địa giới huyện cũ: các xã mới sau 01/7/2025 của huyện đều nằm trọn trong huyện.",
        "2025 on is counted on the former district: every new commune made from its communes lies wholly inside it.",
    ),
    "standard_label": ("Chuẩn {standard}", "{standard} standard"),
    "reform_label": ("ĐVHC mới từ 01/7/2025", "New units from 1 July 2025"),
    "ranking_title": ("Xếp hạng xã theo tỷ lệ hộ nghèo", "Communes ranked by poverty rate"),
    "explain": ("Nguồn số liệu", "Where this comes from"),
    "explain_query": ("Truy vấn", "Query"),
    "explain_denominator": ("Mẫu số", "Denominator"),
    "explain_imports": ("Dữ liệu được nhập từ", "Imported from"),
    "as_of_banner": ("Số liệu tại ảnh chụp {snapshot} ({time}): chỉ đọc, không có các lần nhập sau thời điểm đó.",
                     "Figures as of snapshot {snapshot} ({time}): read-only, without any import made since."),
    "explain_synthetic": ("Dữ liệu mô phỏng (không phải số liệu thật).", "Synthetic data (not real figures)."),
    "explain_real": ("Dữ liệu nhập từ tệp rà soát.", "Data imported from review files."),
    "denominator_all_households": (
        "tổng số hộ dân cư của địa bàn tại thời điểm rà soát (biểu R1: 4 = 3/1 × 100)",
        "all resident households of the area at the review (form R1: 4 = 3/1 × 100)",
    ),
    "denominator_class": ("số hộ {cls} của địa bàn (biểu R5, R7)", "the area's {cls} households (forms R5, R7)"),
    "heatmap_title": ("Tỷ lệ thiếu hụt theo xã và chỉ số", "Deprivation by commune and indicator"),
    "deprivation_trend_title": ("Tỷ lệ hộ nghèo thiếu hụt qua các kỳ rà soát", "Deprived poor households over the reviews"),
    "af_title": ("Chỉ số nghèo đa chiều (phương pháp Alkire-Foster)", "Multidimensional poverty (Alkire-Foster)"),
    "af_rule": (
        "Đơn vị tính: {n} hộ nghèo và cận nghèo của địa bàn (các hộ có số liệu chỉ số thiếu hụt). Trọng số bằng nhau "
        "1/{d} cho mỗi chỉ số, ngưỡng k = 3/{d} (thiếu hụt từ 3 chỉ số, như quy định). H: tỷ lệ hộ nghèo đa chiều; "
        "A: mức độ thiếu hụt bình quân của các hộ đó; M0 = H × A. Đây chỉ là phần thiếu hụt: hộ nghèo chính thức "
        "còn phải thỏa tiêu chí thu nhập.",
        "Unit: the area's {n} poor and near-poor households (those with deprivation data). Equal weights 1/{d} per "
        "indicator, cut-off k = 3/{d} (at least 3 deprivations, as the rule says). H: share multidimensionally poor; "
        "A: their average deprivation share; M0 = H × A. This is the deprivation side only: an official poor "
        "household also meets the income test.",
    ),
    "af_contributions": ("Đóng góp của từng chỉ số vào M0", "Contribution of each indicator to M0"),
    "groups_title": ("Hộ nghèo, cận nghèo theo nhóm đối tượng", "Poor and near-poor households by group"),
    "causes_title": ("Nguyên nhân nghèo", "Causes of poverty"),
    "causes_caption": ("Một hộ có thể có nhiều nguyên nhân; tỷ lệ trên tổng số hộ {cls}.",
                       "A household can have several causes; shares of the {cls} households."),
    "solutions_title": ("Nhóm giải pháp: số hộ cần hỗ trợ theo xã", "Solution groups: households to support by commune"),
    "solutions_caption": (
        "Theo các nhóm giải pháp của Công văn UBND huyện Thủy Nguyên: hỗ trợ thu nhập cho hộ không còn khả năng lao "
        "động; nhà ở, bảo hiểm y tế, tiếp cận thông tin cho hộ thiếu hụt các chỉ số đó; đào tạo nghề và vay vốn cho "
        "hộ còn khả năng lao động. Số hộ nghèo + cận nghèo.",
        "Following the solution groups of the Thủy Nguyên letter: income support for households with no labour "
        "capacity; housing, health insurance and information access for households deprived in them; vocational "
        "training and credit for households that can work. Poor + near-poor households.",
    ),
    "transitions_title": ("Diễn biến hộ nghèo từ năm {start} đến năm {end}", "Poor households from {start} to {end}"),
    "transitions_none": ("Chưa có kỳ rà soát trước của địa bàn.", "No previous review of the area."),
    "reclassification_title": ("Hộ nghèo {start} → {end}: phân loại lại theo chuẩn {standard}",
                               "Poor households {start} → {end}: reclassified under the {standard} standard"),
    "transitions_by_commune": ("Biểu diễn biến theo xã (biểu R2)", "Dynamics by commune (form R2)"),
    "transitions_note": (
        "Hộ chuyển giữa hai xã của địa bàn được tính là giảm khác ở xã đi và tăng khác ở xã đến, nhưng không tính ở dòng tổng của địa bàn.",
        "A household moving between two communes of the area is an other decrease of one and an other increase of the other, but not a flow of the area as a whole.",
    ),
    "flow_poor_start": ("Đầu kỳ", "Start"),
    "flow_escaped_to_near_poor": ("Thoát nghèo, thành cận nghèo", "Escaped, now near-poor"),
    "flow_escaped_above_near_poor": ("Thoát nghèo, vượt chuẩn cận nghèo", "Escaped above near-poor"),
    "flow_other_decrease": ("Giảm khác", "Other decrease"),
    "flow_from_near_poor": ("Từ cận nghèo", "From near-poor"),
    "flow_re_poor": ("Tái nghèo", "Re-poor"),
    "flow_new_poor": ("Phát sinh mới", "New"),
    "flow_other_increase": ("Tăng khác", "Other increase"),
    "flow_poor_end": ("Cuối kỳ", "End"),
    # The same columns when the two reviews use different standards: a reclassification, not dynamics.
    "reflow_poor_start": ("Hộ nghèo theo chuẩn cũ", "Poor, former standard"),
    "reflow_escaped_to_near_poor": ("Cận nghèo theo chuẩn mới", "Near-poor under the new standard"),
    "reflow_escaped_above_near_poor": ("Không nghèo, không cận nghèo theo chuẩn mới",
                                       "Neither poor nor near-poor under the new standard"),
    "reflow_other_decrease": ("Giảm khác", "Other decrease"),
    "reflow_from_near_poor": ("Cận nghèo cũ, nghèo theo chuẩn mới", "Near-poor before, poor under the new standard"),
    "reflow_re_poor": ("Nghèo theo chuẩn mới, từng nghèo trước đây", "Poor under the new standard, poor before"),
    "reflow_new_poor": ("Nghèo theo chuẩn mới, chưa từng nghèo", "Poor under the new standard, never poor before"),
    "reflow_other_increase": ("Tăng khác", "Other increase"),
    "reflow_poor_end": ("Hộ nghèo theo chuẩn mới (đầu kỳ)", "Poor, new standard (baseline)"),
    # Form R3: the near-poor households' dynamics, and their reclassification under a new standard.
    "near_transitions_title": ("Diễn biến hộ cận nghèo từ năm {start} đến năm {end}",
                               "Near-poor households from {start} to {end}"),
    "near_reclassification_title": ("Hộ cận nghèo {start} → {end}: phân loại lại theo chuẩn {standard}",
                                    "Near-poor households {start} → {end}: reclassified under the {standard} standard"),
    "near_flow_near_start": ("Đầu kỳ", "Start"),
    "near_flow_to_poor": ("Trở thành hộ nghèo", "Now poor"),
    "near_flow_escaped_above_near_poor": ("Thoát cận nghèo", "Escaped near-poverty"),
    "near_flow_other_decrease": ("Giảm khác", "Other decrease"),
    "near_flow_from_poor": ("Từ hộ nghèo", "From poor"),
    "near_flow_re_near_poor": ("Tái cận nghèo", "Near-poor again"),
    "near_flow_new_near_poor": ("Phát sinh mới", "New"),
    "near_flow_other_increase": ("Tăng khác", "Other increase"),
    "near_flow_near_end": ("Cuối kỳ", "End"),
    "near_reflow_near_start": ("Hộ cận nghèo theo chuẩn cũ", "Near-poor, former standard"),
    "near_reflow_to_poor": ("Nghèo theo chuẩn mới", "Poor under the new standard"),
    "near_reflow_escaped_above_near_poor": ("Không nghèo, không cận nghèo theo chuẩn mới",
                                            "Neither poor nor near-poor under the new standard"),
    "near_reflow_other_decrease": ("Giảm khác", "Other decrease"),
    "near_reflow_from_poor": ("Nghèo cũ, cận nghèo theo chuẩn mới", "Poor before, near-poor under the new standard"),
    "near_reflow_re_near_poor": ("Cận nghèo theo chuẩn mới, từng cận nghèo trước đây",
                                 "Near-poor under the new standard, near-poor before"),
    "near_reflow_new_near_poor": ("Cận nghèo theo chuẩn mới, chưa từng cận nghèo",
                                  "Near-poor under the new standard, never near-poor before"),
    "near_reflow_other_increase": ("Tăng khác", "Other increase"),
    "near_reflow_near_end": ("Hộ cận nghèo theo chuẩn mới (đầu kỳ)", "Near-poor, new standard (baseline)"),
    "persons_line": ("Nhân khẩu: {poor} người trong hộ nghèo, {near_poor} người trong hộ cận nghèo.",
                     "Persons: {poor} in poor households, {near_poor} in near-poor households."),
    "near_transitions_section": ("Diễn biến hộ cận nghèo (biểu R3)", "Near-poor households' dynamics (form R3)"),
    "households_caption": ("{n} hộ theo bộ lọc (hiển thị tối đa {limit}).", "{n} households match (showing at most {limit})."),
    "names_hidden": ("Họ tên chủ hộ được ẩn (dữ liệu cá nhân).", "Head-of-household names are hidden (personal data)."),
    "download_csv": ("Tải CSV", "Download CSV"),
    "download_xlsx": ("Tải Excel", "Download Excel"),
    "col_household_id": ("Mã hộ", "Household"),
    "col_head_name": ("Họ tên chủ hộ", "Head of household"),
    "col_village": ("Thôn/Tổ dân phố", "Village"),
    "col_class": ("Phân loại", "Class"),
    "col_members": ("Nhân khẩu", "Members"),
    "col_income": ("Thu nhập/người/tháng", "Income per person per month"),
    "col_deprivations": ("Số chỉ số thiếu hụt", "Deprivations"),
    "col_groups": ("Nhóm", "Groups"),
    "page_targets": ("Chỉ tiêu giảm nghèo", "Targets"),
    "no_targets": ("Chưa có chỉ tiêu cho địa bàn và năm đã chọn.", "No targets for the selected area and year."),
    "area": ("Đơn vị", "Area"),
    "metric": ("Chỉ tiêu", "Metric"),
    "target": ("Chỉ tiêu giao", "Target"),
    "actual": ("Thực hiện", "Actual"),
    "actual_entered": ("Thực hiện (chỉ tiêu nhập tay)", "Actual (entered metrics)"),
    "gap": ("Chênh lệch", "Gap"),
    "status": ("Đánh giá", "Status"),
    "previous": ("Kỳ trước", "Previous review"),
    "note": ("Ghi chú", "Note"),
    "save": ("Lưu", "Save"),
    "saved": ("Đã lưu chỉ tiêu.", "Target saved."),
    "within": ("thiếu không quá", "short by at most"),
    "trend_legend": ("so với kỳ rà soát trước (tốt hơn / kém hơn)", "against the previous review (better / worse)"),
    "details": ("Bảng chi tiết (sắp xếp được)", "Detailed table (sortable)"),
    "target_vs_actual": ("Chỉ tiêu và kết quả theo đơn vị", "Target and result by area"),
    "targets_denominator": (
        "Thực hiện tính từ kết quả rà soát theo danh mục chỉ tiêu (data/catalogue/metrics.csv); chỉ tiêu nhập tay lấy cột Thực hiện.",
        "Actuals computed from the review results as the metric catalogue says (data/catalogue/metrics.csv); entered metrics take the actual column.",
    ),
    "sponsorship_title": ("Đỡ đầu hộ nghèo và hỗ trợ", "Sponsorship and support"),
    "no_sponsorship": ("Chưa có số liệu đỡ đầu cho địa bàn và năm đã chọn.", "No sponsorship data for the selected area and year."),
    "sponsor": ("Đơn vị đỡ đầu", "Sponsor"),
    "adopted": ("Số hộ nhận đỡ đầu", "Households adopted"),
    "escaped_at": ("Thoát nghèo ở kỳ rà soát {year}", "Escaped poverty at the {year} review"),
    "escaped_at_next": ("Thoát nghèo ở kỳ rà soát sau", "Escaped at the next review"),
    "support_type": ("Loại hỗ trợ", "Support type"),
    "households_supported": ("Số hộ được hỗ trợ", "Households supported"),
    "amount": ("Số tiền", "Amount"),
    "enter_target": ("Nhập chỉ tiêu", "Enter a target"),
    "page_map": ("Bản đồ", "Map"),
    "national_view": ("Toàn quốc", "Whole country"),
    "national_view_help": ("Cả nước, tô màu theo tỉnh", "The whole country, coloured by province"),
    "whole_country": ("Toàn quốc", "Viet Nam"),
    "map_metric": ("Chỉ số tô màu", "Colour by"),
    "deprivation_share": ("Tỷ lệ thiếu hụt một chỉ số", "Share deprived in an indicator"),
    "attainment": ("Kết quả thực hiện chỉ tiêu", "Target attainment"),
    "indicator": ("Chỉ số thiếu hụt", "Indicator"),
    "share_of_class": ("% số hộ của loại đã chọn", "% of the selected class's households"),
    "class_breaks": ("Phân lớp", "Class breaks"),
    "breaks_quantiles": ("Phân vị", "Quantiles"),
    "breaks_equal": ("Khoảng đều", "Equal intervals"),
    "breaks_fixed": ("Ngưỡng cố định", "Fixed bands"),
    "breaks_quantiles_note": ("Mỗi lớp có số xã gần bằng nhau.", "Each class holds about as many units."),
    "breaks_equal_note": ("Các lớp chia đều khoảng giá trị.", "Classes split the range of values evenly."),
    "breaks_fixed_note": ("Ngưỡng cố định (data/catalogue/map_bands.csv), so sánh được giữa các năm.",
                          "Fixed bands (data/catalogue/map_bands.csv), comparable between years."),
    "status_red": ("Chưa đạt", "Not met"),
    "status_amber": ("Gần đạt", "Nearly met"),
    "status_green": ("Đạt", "Met"),
    "map_join": ("{units} đơn vị có ranh giới; {missing} đơn vị có số liệu nhưng chưa có ranh giới; {nodata} ranh giới chưa có số liệu.",
                 "{units} units drawn; {missing} with data but no shape; {nodata} shapes with no data."),
    "derived_shapes": (
        "Ranh giới đơn vị mới sau 01/7/2025 được ghép tạm từ ranh giới các đơn vị cũ (gần đúng).",
        "Shapes of the units in force from 1 July 2025 are unions of their predecessors' shapes (approximate).",
    ),
    "make_png": ("Tạo ảnh bản đồ (PNG)", "Make a map image (PNG)"),
    "download_png": ("Tải ảnh PNG", "Download PNG"),
    "across_reform_title": ("Xu hướng qua đợt sắp xếp năm 2025 (quy đổi về đơn vị mới)",
                            "Trend across the 2025 reorganisation (earlier reviews on the new units)"),
    "across_reform_note": (
        "Các năm trước 2025: hộ của mỗi xã cũ được cộng vào xã mới kế thừa (bảng chuyển đổi data/admin); hộ của xã cũ "
        "bị chia tách được xếp theo nơi kỳ rà soát 2025 ghi nhận hộ, số còn lại là \"chưa xác định được xã mới\" "
        "(tối đa {n} hộ nghèo một năm ở địa bàn này).",
        "Before 2025 each old commune's households are added to its successor (crosswalks in data/admin); a split "
        "commune's households are placed where the 2025 review recorded them, the rest are \"not placed in a new "
        "commune\" (at most {n} poor households a year in this area).",
    ),
    "briefing_title": ("Báo cáo tình hình giảm nghèo", "Poverty-reduction briefing"),
    "data_source": ("Nguồn số liệu", "Data source"),
    "synthetic_short": ("Dữ liệu mô phỏng, không phải số liệu rà soát thật.", "Synthetic data, not real review results."),
    "page_present": ("Trình chiếu", "Present"),
    "page_print": ("Bản in", "Print"),
    "page_forms": ("Biểu mẫu báo cáo", "Report forms"),
    "explain_invariants": ("Luôn đúng (kiểm tra tự động):", "Always holds (checked by the tests):"),
    "ethnicity_title": ("Hộ nghèo, cận nghèo theo dân tộc", "Poor and near-poor households by ethnicity"),
    "ethnicity_caption": ("Dân tộc của chủ hộ (danh mục 54 dân tộc).", "The head's ethnic group (the national list of 54)."),
    "minority_unnamed": ("DTTS (chưa ghi dân tộc)", "Ethnic minority (group not given)"),
    "ethnicity_unknown": ("Không ghi dân tộc", "Ethnicity not given"),
    "minority_rate": ("Tỷ lệ hộ nghèo dân tộc thiểu số: {rate} ({poor} hộ nghèo trên {total} hộ DTTS).",
                      "Ethnic-minority poverty rate: {rate} ({poor} poor of {total} ethnic-minority households)."),
    "minority_rate_unknown": ("{poor} hộ nghèo dân tộc thiểu số; tệp dân số chưa có tổng số hộ DTTS nên chưa tính được tỷ lệ.",
                              "{poor} poor ethnic-minority households; the population file gives no total of "
                              "ethnic-minority households, so no rate."),
    "form_pick": ("Biểu", "Form"),
    "form_download_one": ("Tải biểu {code} (Excel)", "Download form {code} (Excel)"),
    "form_download_all": ("Tải cả bộ biểu (Excel)", "Download every form (Excel)"),
    "form_rows_cut": ("Hiển thị {shown}/{total} dòng; tệp tải về có đủ.", "Showing {shown} of {total} rows; the download has them all."),
    "previous_slide": ("Trước", "Previous"),
    "next_slide": ("Sau", "Next"),
    "exit_presentation": ("Thoát trình chiếu", "Exit"),
    "present_link": ("Liên kết trình chiếu", "Presentation link"),
    "download_pptx": ("Tải bài trình chiếu (PowerPoint)", "Download the deck (PowerPoint)"),
    "download_report": ("Tải biểu báo cáo (Excel)", "Download the report tables (Excel)"),
    "make_pptx": ("Tạo bài trình chiếu", "Make the deck"),
    "narrative_title": ("Đoạn tình hình (dán vào công văn)", "Situation paragraph (for letters)"),
    "print_hint": ("Dùng lệnh In của trình duyệt (Ctrl+P): trang A4 khổ ngang, không có thanh bên.",
                   "Use the browser's Print (Ctrl+P): A4 landscape, without the sidebar."),
    "copy_paragraph": ("Sao chép đoạn văn", "Copy the paragraph"),
    "no_sign_in": ("Bản trình diễn: không cần đăng nhập.", "Demo: no sign-in."),
    "database_busy": (
        "Cơ sở dữ liệu đang được một tiến trình khác ghi (thường là lệnh nhập dữ liệu từ dòng lệnh). Hãy tải lại trang "
        "sau khi việc nhập xong.",
        "The database is being written by another process (a command-line import, most often). Reload the page once "
        "it has finished.",
    ),
    "first_administrator": (
        "Cơ sở dữ liệu này chưa có tài khoản nào, nên chưa hiển thị số liệu. Người quản trị máy chủ tạo tài khoản "
        "quản trị đầu tiên bằng lệnh dưới đây (mật khẩu nhập từ bàn phím), rồi đăng nhập.",
        "This database has no account yet, so nothing is shown. The server's operator creates the first "
        "administrator with the command below (the password is read from standard input), then signs in.",
    ),
    "user_name": ("Tên đăng nhập", "User name"),
    "password": ("Mật khẩu", "Password"),
    "sign_in": ("Đăng nhập", "Sign in"),
    "sign_out": ("Đăng xuất", "Sign out"),
    "sign_in_provider": ("Đăng nhập bằng tài khoản của tỉnh", "Sign in with the province's account"),
    "signed_in_as": ("Đăng nhập: {name} ({role}, {area})", "Signed in: {name} ({role}, {area})"),
    "role_lanh_dao": ("lãnh đạo", "leader"),
    "role_can_bo": ("cán bộ", "officer"),
    "role_phan_tich": ("phân tích", "analyst"),
    "role_quan_tri": ("quản trị", "administrator"),
    "page_admin": ("Quản trị", "Administration"),
    "users": ("Tài khoản", "Accounts"),
    "audit_log": ("Nhật ký truy cập", "Audit log"),
    "open_sessions": ("Phiên đăng nhập đang mở", "Open sessions"),
    "end_sessions_of": ("Kết thúc mọi phiên của tài khoản", "End every session of the account"),
    "end_sessions": ("Kết thúc phiên", "End sessions"),
    "sessions_ended": ("Đã kết thúc {n} phiên của {name}.", "{n} session(s) of {name} ended."),
    "audit_action": ("Hành động", "Action"),
    "audit_outcome": ("Kết quả", "Outcome"),
    "outside_area": ("ngoài địa bàn được giao cho tài khoản", "outside the account's area"),
    # The situation paragraph (giamngheo/narrative.py), in the letters' phrasing.
    "narrative_result": (
        "Theo kết quả rà soát năm {year}, số hộ nghèo của {area} là {poor} hộ, chiếm tỷ lệ {poor_rate}, số hộ cận "
        "nghèo là {near} hộ, chiếm tỷ lệ {near_rate}.",
        "According to the {year} review, {area} has {poor} poor households, a rate of {poor_rate}, and {near} "
        "near-poor households, a rate of {near_rate}.",
    ),
    "narrative_since": (
        "So với năm {year}, tỷ lệ hộ nghèo {poor}, tỷ lệ hộ cận nghèo {near}.",
        "Since {year} the poverty rate is {poor} and the near-poverty rate {near}.",
    ),
    "narrative_since_placed": (
        "So với năm {year} (tính lại theo đơn vị hành chính từ 01/7/2025), tỷ lệ hộ nghèo {poor}, tỷ lệ hộ cận "
        "nghèo {near}.",
        "Since {year} (re-aggregated onto the units in force from 1 July 2025) the poverty rate is {poor} and the "
        "near-poverty rate {near}.",
    ),
    "narrative_baseline": (
        "Đây là kết quả rà soát đầu kỳ theo chuẩn nghèo {standard}, không so sánh với năm {previous} (chuẩn nghèo "
        "{previous_standard}).",
        "This is the baseline review under the {standard} standard, not compared with {previous} ({previous_standard} "
        "standard).",
    ),
    "narrative_coverage": ("Số liệu của {n}/{total} xã đã rà soát.", "Figures of the {n} of {total} communes reviewed."),
    "narrative_change": ("{word} {value}%", "{word} {value} points"),
    "narrative_down": ("giảm", "down"),
    "narrative_up": ("tăng", "up"),
    "narrative_social_protection": ("Hộ nghèo bảo trợ xã hội chiếm tỷ lệ {rate}.",
                                    "Poor social-protection households make up {rate} of all households."),
    "narrative_labour": (
        "Trong số {poor} hộ nghèo, hộ không còn khả năng lao động là {none} hộ, chiếm {none_share}; còn lại {some} hộ "
        "nghèo có khả năng lao động, chiếm {some_share} tổng số hộ nghèo.",
        "Of the {poor} poor households, {none} ({none_share}) have no labour capacity and {some} ({some_share}) can work.",
    ),
    "narrative_deprivation_item": ("thiếu hụt về {indicator} là {households} hộ, chiếm {share}",
                                   "{indicator} {households} ({share})"),
    "narrative_deprivations": ("Các chỉ số thiếu hụt của hộ nghèo còn cao: {items} tổng số hộ nghèo.",
                               "Poor households often lack: {items} of poor households."),
    "no_shapes": ("Chưa có ranh giới cho các xã của địa bàn này: nhập bằng `giamngheo import boundaries`.",
                  "No boundaries for this area's communes yet: import them with `giamngheo import boundaries`."),
    "source_attribution": (
        "Ranh giới hành chính: gói R censusVN2009, © 2017 Marc Choisy, giấy phép MIT. Mã đơn vị hành chính: Tổng cục Thống kê (GSO) và Quyết định 19/2025/QĐ-TTg.",
        "Administrative boundaries derived from the censusVN2009 R package, © 2017 Marc Choisy, MIT License. Administrative unit codes: General Statistics Office of Viet Nam (GSO) and Decision 19/2025/QĐ-TTg.",
    ),
}


def text(key: str, lang: str = "vi", **values) -> str:
    vi, en = TEXT[key]
    chosen = en if lang == "en" else vi
    return chosen.format(**values) if values else chosen
