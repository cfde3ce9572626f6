"""Parsing cells into values: numbers with Vietnamese separators, codes with their zeros, yes/no in every spelling,
classes, area types, causes, ethnic groups, standards, metrics (data/catalogue/import_columns.csv types)."""

from __future__ import annotations

import math
import re


from giamngheo import catalogue
from giamngheo.importer.problems import ParseError
from giamngheo.importer.reading import fold

FIRST_YEAR, LAST_YEAR = 2015, 2035


TRUE = {"1", "x", "co", "c", "true", "yes", "y", "dung"}
FALSE = {"", "0", "khong", "k", "false", "no", "n", "sai"}
CLASSES = {
    "ngheo": "ngheo", "hongheo": "ngheo", "poor": "ngheo",
    "canngheo": "can_ngheo", "hocanngheo": "can_ngheo", "nearpoor": "can_ngheo",
    "trungbinh": "trung_binh", "hocomucsongtrungbinh": "trung_binh", "mucsongtrungbinh": "trung_binh",
    "average": "trung_binh",
    "khong": "khong", "khongngheo": "khong", "hokhongngheo": "khong", "notpoor": "khong",
}
AREA_TYPES = {"nongthon": "nong_thon", "rural": "nong_thon", "thanhthi": "thanh_thi", "dothi": "thanh_thi",
              "urban": "thanh_thi"}


def _bad(column_type: str, vi: str, en: str) -> ParseError:
    return ParseError(vi, en, f"bad_{column_type}")


def parse_number(value) -> float:
    if isinstance(value, bool):
        raise _bad("number", "không phải số", "not a number")
    if isinstance(value, (int, float)):
        if not math.isfinite(value):
            raise _bad("number", "không phải số", "not a number")
        return float(value)
    text = str(value).strip().replace("\u00a0", "").replace(" ", "")
    text = re.sub(r"(đồng|đ|vnd)$", "", text, flags=re.IGNORECASE)
    if not re.fullmatch(r"[+-]?[\d.,]+", text) or not re.search(r"\d", text):
        raise _bad("number", "không phải số", "not a number")
    if "." in text and "," in text:
        decimal = "," if text.rfind(",") > text.rfind(".") else "."
        thousands = "." if decimal == "," else ","
        text = text.replace(thousands, "").replace(decimal, ".")
    elif "." in text:
        if re.fullmatch(r"[+-]?\d{1,3}(\.\d{3})+", text):  # Vietnamese thousands: 1.500.000
            text = text.replace(".", "")
    elif "," in text:
        if re.fullmatch(r"[+-]?\d{1,3}(,\d{3}){2,}", text):  # 1,500,000 can only be thousands
            text = text.replace(",", "")
        else:  # Vietnamese decimal comma: 54,6
            text = text.replace(",", ".")
    try:
        number = float(text)
    except ValueError as error:
        raise _bad("number", "không phải số", "not a number") from error
    if not math.isfinite(number):  # 1 followed by 400 zeros
        raise _bad("number", "số quá lớn", "number too large")
    return number


def parse_integer(value) -> int:
    number = parse_number(value)
    if number != int(number):
        raise _bad("integer", "không phải số nguyên", "not a whole number")
    return int(number)


def parse_code(value, width: int) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value).zfill(width)  # Excel drops leading zeros of codes typed as numbers
    text = str(value).strip()
    if not re.fullmatch(rf"\d{{{width}}}", text):
        raise ParseError(f"mã phải gồm {width} chữ số", f"a code of {width} digits is expected", "bad_code")
    return text


def parse_boolean(value) -> bool:
    if isinstance(value, bool):
        return value
    folded = fold(value)
    if folded in TRUE:
        return True
    if folded in FALSE:
        return False
    raise ParseError("giá trị đúng/sai không hợp lệ (dùng 1/0, x, Có/Không)",
                     "not a yes/no value (use 1/0, x, Có/Không)", "bad_boolean")


def _lookup(table: dict[str, str], vi: str, en: str, code: str):
    def parse(value) -> str:
        folded = fold(value)
        if folded not in table:
            raise ParseError(vi, en, code)
        return table[folded]
    return parse


def _parsers(kind: str) -> dict[str, object]:
    causes = {fold(c["cause"]): c["cause"] for c in catalogue.causes()}
    causes.update({fold(c["label_vi"]): c["cause"] for c in catalogue.causes()})
    causes.update({fold(c["label_en"]): c["cause"] for c in catalogue.causes()})

    def parse_causes(value) -> list[str] | None:
        parts = [p for p in re.split(r"[;\n]", str(value)) if p.strip()]
        out = []
        for part in parts:
            if fold(part) not in causes:
                raise ParseError(f"nguyên nhân nghèo không có trong danh mục: {part.strip()}",
                                 f"unknown cause of poverty: {part.strip()}", "bad_cause")
            out.append(causes[fold(part)])
        return out or None

    ethnicities = {}
    for e in catalogue.ethnicities():  # the code, the name or another name of the 54 groups
        for name in (e["code"], e["name"], *filter(None, e["aliases"].split(";"))):
            ethnicities[fold(name)] = e["code"]

    def ethnicity(value) -> str:
        text = str(int(value)) if isinstance(value, float) and value.is_integer() else str(value).strip()
        folded = fold(text.zfill(2) if text.isdigit() else text)  # Excel drops the leading zero of 01-09
        if folded not in ethnicities:
            raise ParseError(f"dân tộc không có trong danh mục 54 dân tộc: {text}",
                             f"not one of the 54 ethnic groups of the national list: {text}", "bad_ethnicity")
        return ethnicities[folded]

    support = {fold(s["support_type"]): s["support_type"] for s in catalogue.support_types()}
    support.update({fold(s["label_vi"]): s["support_type"] for s in catalogue.support_types()})
    support.update({fold(s["label_en"]): s["support_type"] for s in catalogue.support_types()})
    metrics = {fold(m["metric"]): m["metric"] for m in catalogue.metrics()}

    def year(value) -> int:
        y = parse_integer(value)
        if not FIRST_YEAR <= y <= LAST_YEAR:
            raise ParseError(f"năm ngoài khoảng {FIRST_YEAR}-{LAST_YEAR}", f"year outside {FIRST_YEAR}-{LAST_YEAR}",
                             "bad_year")
        return y

    def members(value) -> int:
        n = parse_integer(value)
        if n < 1:
            raise ParseError("số nhân khẩu phải từ 1 trở lên", "members must be at least 1", "bad_members")
        return n

    def count(value) -> int:
        n = parse_integer(value)
        if n < 0:
            raise ParseError("không được âm", "must not be negative", "bad_count")
        return n

    def standard(value) -> str:
        text = str(value).strip().replace("–", "-")
        text = catalogue.renamed_standards().get(text, text)  # "2026-2030", as the standard was first called
        if text not in catalogue.standards():
            raise ParseError("chuẩn nghèo không có trong danh mục", "unknown poverty standard", "bad_standard")
        return text

    def text(value) -> str | None:
        t = str(value).strip()
        return t or None

    return {
        "year": year,
        "code2": lambda v: parse_code(v, 2),
        "code3": lambda v: parse_code(v, 3),
        "code5": lambda v: parse_code(v, 5),
        "area": lambda v: parse_code(v, len(str(v).strip()) if len(str(v).strip()) in (2, 3, 5) else 5),
        "text": text,
        "integer": members,
        "count": count,
        "number": parse_number,
        "boolean": parse_boolean,
        "area_type": _lookup(AREA_TYPES, "khu vực phải là Nông thôn hoặc Thành thị", "area type must be rural or urban",
                             "bad_area_type"),
        "classification": _lookup(CLASSES, "phân loại hộ không hợp lệ (Hộ nghèo, Hộ cận nghèo, ...)",
                                  "invalid classification (ngheo, can_ngheo, trung_binh, khong)", "bad_class"),
        "standard": standard,
        "causes": parse_causes,
        "ethnicity": ethnicity,
        "support_type": _lookup(support, "loại hỗ trợ không có trong danh mục", "unknown support type",
                                "bad_support_type"),
        "metric": _lookup(metrics, "chỉ tiêu không có trong danh mục", "unknown metric", "bad_metric"),
    }


