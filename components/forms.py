"""A report form on screen as the workbook lays it out: the header and numbering rows, units, subtotals and
totals in bold, numbers in the Vietnamese format (giamngheo.forms builds the form, giamngheo.workbooks writes it)."""

from __future__ import annotations

import html

import streamlit as st

from giamngheo.forms import Form, missing

from components import fmt
from components.i18n import t

SCREEN_ROWS = 300  # a named list longer than this is shown in part on screen, whole in the download

STYLE = """
<style>
.bieu {border-collapse: collapse; font-size: 0.85rem; width: 100%;}
.bieu th, .bieu td {border: 1px solid #999; padding: 2px 6px; vertical-align: middle;}
.bieu thead th {background: #f0f0f0; text-align: center; font-weight: 600;}
.bieu td.so {text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums;}
.bieu tr.subtotal td {font-weight: 700; background: #ededed;}
.bieu tr.total td, .bieu tr.area td, .bieu tr.heading td {font-weight: 700;}
.bieu-khung {overflow-x: auto; max-height: 70vh;}
</style>
"""


def _cell(value, number_format: str) -> str:
    if missing(value):
        return ""
    if isinstance(value, str):
        return html.escape(value)
    decimals = 0 if number_format == "#,##0" else (1 if number_format == "0.0" else 2)
    return html.escape(fmt.number(value, decimals))


def form_table(form: Form) -> None:
    """The form's title, notes and table (the first SCREEN_ROWS rows of a long list)."""
    st.markdown(f"**Biểu {form.number:02d} ({form.code}). {html.escape(form.title)}**")
    st.caption(form.subtitle)
    for note in form.notes:
        if note:
            st.caption(note)
    if form.empty_note:
        st.info(form.empty_note)
        return
    head = "".join(f"<th>{html.escape(h)}</th>" for h in form.headers())
    numbers = "".join(f"<th>{html.escape(n)}</th>" for n in form.numbers())
    body = []
    for row in form.rows[:SCREEN_ROWS]:
        cells = [f"<td>{html.escape(str(row.tt)) if row.tt is not None else ''}</td>", f"<td>{html.escape(row.label)}</td>"]
        if form.split:
            cells.append(f"<td>{html.escape(row.split or '')}</td>")
        if row.kind == "heading":
            cells += ["<td></td>"] * len(form.columns)
        else:
            cells += [f"<td class='{'' if c.kind == 'text' else 'so'}'>{_cell(row.values.get(c.key), c.format)}</td>"
                      for c in form.columns]
        body.append(f"<tr class='{row.kind}'>{''.join(cells)}</tr>")
    st.html(f"{STYLE}<div class='bieu-khung'><table class='bieu'><thead><tr>{head}</tr><tr>{numbers}</tr></thead>"
            f"<tbody>{''.join(body)}</tbody></table></div>")
    if len(form.rows) > SCREEN_ROWS:
        st.caption(t("form_rows_cut", shown=fmt.count(SCREEN_ROWS), total=fmt.count(len(form.rows))))
