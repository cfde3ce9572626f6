"""Write records in the import format: Vietnamese headers and labels, as an officer's extract looks.

Used for the downloadable templates and the households download, and by the tests that write real
files in every supported shape and read them back through the importer.
"""

from __future__ import annotations

import io

import numpy as np
import pandas as pd

from giamngheo import catalogue

CLASS_LABELS = {c["classification"]: c["label_vi"] for c in catalogue.classes()}
AREA_LABELS = {"nong_thon": "Nông thôn", "thanh_thi": "Thành thị"}


ETHNIC_NAMES = {e["code"]: e["name"] for e in catalogue.ethnicities()}


def to_extract(frame: pd.DataFrame, kind: str, standard: str | None = None) -> pd.DataFrame:
    """Database rows of `kind` -> the columns an extract carries, headed by their Vietnamese labels."""
    causes = {c["cause"]: c["label_vi"] for c in catalogue.causes()}
    flags = {i.flag for i in catalogue.indicators(standard)} if standard else set(catalogue.all_flags())
    out = pd.DataFrame(index=frame.index)
    for col in catalogue.import_columns(kind):
        if col.db_column not in frame or (col.canonical.startswith("td_") and col.canonical not in flags):
            continue
        values = frame[col.db_column]
        if col.type == "boolean":
            values = values.map(lambda v: "x" if v is True or v is np.True_ else "")
        elif col.type == "classification":
            values = values.map(CLASS_LABELS)
        elif col.type == "area_type":
            values = values.map(AREA_LABELS)
        elif col.type == "ethnicity":
            values = values.map(ETHNIC_NAMES)
        elif col.type == "causes":
            values = values.map(lambda v: "; ".join(causes[c] for c in v) if isinstance(v, (list, np.ndarray)) else "")
        label = col.label_vi
        if col.canonical.startswith("td_") and standard:
            label = next(i.label_vi for i in catalogue.indicators(standard) if i.flag == col.canonical)
        out[label] = values
    return out


def template(kind: str) -> bytes:
    """An XLSX import template: a title block, the Vietnamese headers, one filled example row."""
    columns = [c for c in catalogue.import_columns(kind)
               if not c.canonical.startswith("td_") or c.canonical in {i.flag for i in catalogue.indicators("2022-2025")}]
    example = {c.label_vi: (c.example if not c.canonical.startswith("td_") else
                            ("x" if c.canonical in ("td_viec_lam", "td_bhyt", "td_vien_thong") else ""))
               for c in columns}
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        pd.DataFrame([example]).to_excel(writer, index=False, startrow=2, sheet_name=kind)
        sheet = writer.sheets[kind]
        sheet["A1"] = f"Mẫu nhập dữ liệu giamngheo: {kind}. Dòng 4 là ví dụ, hãy thay bằng số liệu của địa phương."
        for cell in sheet[3]:
            cell.number_format = "@"
        for column_cells in sheet.columns:
            sheet.column_dimensions[column_cells[0].column_letter].width = max(
                12, min(40, max(len(str(c.value or "")) for c in column_cells[2:]) + 2)
            )
    return buffer.getvalue()


TONE_MARKS = "\u0300\u0301\u0303\u0309\u0323"  # grave, acute, tilde, hook above, dot below


def _windows_1258_table() -> dict[int, str]:
    """Each precomposed Vietnamese letter with a tone -> base letter + combining tone mark."""
    import unicodedata

    table = {}
    for code in range(0x00C0, 0x1EFA):
        parts = unicodedata.normalize("NFD", chr(code))
        tones = "".join(c for c in parts if c in TONE_MARKS)
        if tones:
            table[code] = unicodedata.normalize("NFC", "".join(c for c in parts if c not in TONE_MARKS)) + tones
    return table


_WINDOWS_1258 = _windows_1258_table()


def windows_1258(text: str) -> bytes:
    """Encode as Windows does for Vietnamese: letters with a tone become base letter + combining tone mark."""
    return text.translate(_WINDOWS_1258).encode("cp1258")
