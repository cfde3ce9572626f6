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
    "source_attribution": (
        "Ranh giới hành chính: gói R censusVN2009, © 2017 Marc Choisy, giấy phép MIT. Mã đơn vị hành chính: Tổng cục Thống kê (GSO) và Quyết định 19/2025/QĐ-TTg.",
        "Administrative boundaries derived from the censusVN2009 R package, © 2017 Marc Choisy, MIT License. Administrative unit codes: General Statistics Office of Viet Nam (GSO) and Decision 19/2025/QĐ-TTg.",
    ),
}


def text(key: str, lang: str = "vi", **values) -> str:
    vi, en = TEXT[key]
    chosen = en if lang == "en" else vi
    return chosen.format(**values) if values else chosen
