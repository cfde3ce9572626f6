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
    "rate": ("tỷ lệ", "rate"),
    "poor_rate": ("Tỷ lệ hộ nghèo", "Poverty rate"),
    "near_poor_rate": ("Tỷ lệ hộ cận nghèo", "Near-poverty rate"),
    "change_since": ("so với năm {year}", "since {year}"),
    "no_previous": ("chưa có kỳ rà soát trước", "no previous review"),
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
    "source_attribution": (
        "Ranh giới hành chính: gói R censusVN2009, © 2017 Marc Choisy, giấy phép MIT. Mã đơn vị hành chính: Tổng cục Thống kê (GSO) và Quyết định 19/2025/QĐ-TTg.",
        "Administrative boundaries derived from the censusVN2009 R package, © 2017 Marc Choisy, MIT License. Administrative unit codes: General Statistics Office of Viet Nam (GSO) and Decision 19/2025/QĐ-TTg.",
    ),
}


def text(key: str, lang: str = "vi", **values) -> str:
    vi, en = TEXT[key]
    chosen = en if lang == "en" else vi
    return chosen.format(**values) if values else chosen
