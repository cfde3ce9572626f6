"""The official report set of a review: forms R1-R15, one table each, built once from the named queries and
laid out the same way on screen (the Biểu mẫu page) and in the workbook (giamngheo.workbooks).

A form is rows of units (communes, under their district where the area has districts) with a subtotal per
district and a total, and columns of counts, rates (`4 = 3/1 × 100`) and identities (`9 = 1 − 2 − 3 − 4 + 5 + 6
+ 7 + 8`). `complete` computes every cell in Python and says which cells the workbook writes as a formula, so
the figures on screen are the workbook's, and an official can check every total in Excel. A count hidden by the
small-count rule (giamngheo.disclosure) is empty; a total over it is the unit's own protected figure where the
query gives one, or empty, never a sum with a hole in it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from giamngheo import catalogue, comparison, disclosure, i18n

HOUSEHOLDS, PERSONS = "Hộ", "Nhân khẩu"  # the forms' "Phân tổ" rows


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    kind: str = "count"  # count (summed in totals) | rate (ratio) | identity (of the row) | text
    ratio: tuple[str, str] | None = None  # numerator, denominator keys: IF(den=0, 0, num/den*100)
    terms: tuple[tuple[str, int], ...] = ()  # identity: (key, sign)
    source: str | None = None  # a rate over another form's cells at the same row (R5 over R4)
    number_format: str | None = None  # the cell format; by default whole numbers, rates to two decimals
    scale: int = 100  # a rate is num / den × scale: per cent, or 1 for a mean per household

    @property
    def format(self) -> str:
        return self.number_format or ("0.00" if self.kind == "rate" else "#,##0")


@dataclass
class Row:
    label: str
    values: dict
    kind: str = "unit"  # unit | subtotal | total | area | note
    tt: object = None
    split: str | None = None  # HOUSEHOLDS or PERSONS on forms with a "Phân tổ" column
    given: dict = field(default_factory=dict)  # a subtotal's or total's own figures, used where a cell is hidden
    members: list = field(default_factory=list)  # a subtotal's unit rows
    holes: set = field(default_factory=set)  # a subtotal's or total's counts given, not summed (a hidden cell)


@dataclass
class Form:
    number: int
    code: str
    sheet: str
    title: str
    columns: list[Column]
    rows: list[Row] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    split: bool = False
    empty_note: str | None = None  # why a form has no rows (no data in the extract, a role without lists)
    subtitle: str = ""  # the area, review year, standard, whether the figures are final, synthetic data

    @property
    def first_column(self) -> int:
        """The workbook column of the first data column: after TT, Đơn vị (and Phân tổ)."""
        return 4 if self.split else 3

    def numbers(self) -> list[str]:
        """The numbering row: A, B (C), then 1, 2, ... with each rate's and identity's formula."""
        index = {c.key: i + 1 for i, c in enumerate(self.columns)}
        out = ["A", "B"] + (["C"] if self.split else [])
        for i, c in enumerate(self.columns, start=1):
            if c.kind == "rate" and c.ratio and c.source is None:
                out.append(f"{i} = {index[c.ratio[0]]}/{index[c.ratio[1]]}" + (f" × {c.scale}" if c.scale != 1 else ""))
            elif c.kind == "identity":
                text = "".join(("" if j == 0 and s > 0 else ("+" if s > 0 else "−")) + str(index[k])
                               for j, (k, s) in enumerate(c.terms))
                out.append(f"{i} = {text}")
            else:
                out.append(str(i))
        return out

    def headers(self) -> list[str]:
        return ["TT", "Đơn vị"] + (["Phân tổ"] if self.split else []) + [c.header for c in self.columns]

    def frame(self) -> pd.DataFrame:
        """The form as a table, its rows as the workbook lays them out (for the screen and the tests)."""
        records = [[r.tt, r.label] + ([r.split] if self.split else []) + [r.values.get(c.key) for c in self.columns]
                   for r in self.rows]
        labels = [f"{h} ({n})" for h, n in zip(self.headers(), self.numbers())]
        return pd.DataFrame(records, columns=labels)


def _count(lookup: pd.DataFrame, key: tuple, column: str):
    """A count of a query's answer indexed by (commune, group or cause...): 0 where the answer has no such row."""
    return _number(lookup.loc[key, column]) if key in lookup.index else 0


def missing(v) -> bool:
    """An empty cell: no value, or one hidden by the small-count rule."""
    return v is None or (not isinstance(v, str) and pd.isna(v))


def _number(v):
    if missing(v):
        return None
    return int(v) if float(v).is_integer() else float(v)


def complete(form: Form) -> Form:
    """Compute the subtotals, totals, rates and identities in Python, as the workbook's formulas would."""
    block: list[Row] | None = None
    loose: list[Row] = []  # unit rows under no subtotal
    previous = None
    for row in form.rows:
        if row.kind == "subtotal":
            if previous != "subtotal":  # the Hộ and Nhân khẩu rows of one district share their units
                block = []
            row.members = block
        elif row.kind == "unit":
            (loose if block is None else block).append(row)
        previous = row.kind
    counts = [c for c in form.columns if c.kind == "count"]
    subtotals = [r for r in form.rows if r.kind == "subtotal"]
    for row in subtotals:
        _sum(row, row.members, counts)
    for row in form.rows:
        if row.kind == "total":
            _sum(row, subtotals + loose, counts)
    for row in form.rows:
        for c in form.columns:
            if c.kind == "rate" and c.ratio and c.source is None:
                num, den = row.values.get(c.ratio[0]), row.values.get(c.ratio[1])
                row.values[c.key] = None if missing(num) or missing(den) else (0 if den == 0 else c.scale * num / den)
            elif c.kind == "identity" and row.kind not in ("heading", "note"):
                parts = [row.values.get(k) for k, _ in c.terms]
                row.values[c.key] = (row.given.get(c.key) if any(missing(p) for p in parts)
                                     else sum(s * v for (_, s), v in zip(c.terms, parts)))
    return form


def _sum(row: Row, parts: list[Row], counts: list[Column]) -> None:
    parts = [p for p in parts if p.split == row.split]
    for c in counts:
        values = [p.values.get(c.key) for p in parts]
        if any(missing(v) for v in values):
            row.values[c.key] = _number(row.given.get(c.key))
            row.holes.add(c.key)
        else:
            row.values[c.key] = sum(values)


# -- the forms ---------------------------------------------------------------------------------------

def _spec(code: str) -> dict:
    return next(f for f in catalogue.forms() if f["code"] == code)


def _form(code: str, year: int, columns: list[Column], **kwargs) -> Form:
    spec = _spec(code)
    return Form(int(spec["number"]), code, spec["sheet"], spec["title_vi"].format(year=year), columns, **kwargs)


def _by_district(units: pd.DataFrame) -> list[tuple[str | None, pd.DataFrame]]:
    """Communes under their district (a subtotal each) when the area spans several districts."""
    if "district_code" in units and units.district_code.notna().all() and units.district_code.nunique() > 1:
        return list(units.groupby("district_code", sort=True))
    return [(None, units)]


def _rows(form: Form, units: pd.DataFrame, values, names: dict[str, str], area_name: str,
          given: dict | None = None, splits: tuple[str | None, ...] = (None,), district_given=None) -> None:
    """Unit rows (values(unit, split) -> dict), subtotals per district and the total rows. `given` (by split)
    and `district_given(code)` are the total's and the subtotals' own figures, for a sum over a hidden cell."""
    blocks = _by_district(units)
    for number, (district, rows) in enumerate(blocks, start=1):
        if district:
            for split in splits:
                form.rows.append(Row(names.get(district, district), {}, "subtotal",
                                     roman(number) if split == splits[0] else None, split,
                                     given=district_given(district) if district_given else {}))
        for i, unit in enumerate(rows.to_dict("records"), start=1):
            for split in splits:
                form.rows.append(Row(unit["commune_name"], values(unit, split), "unit",
                                     i if split == splits[0] else None, split))
    for split in splits:
        form.rows.append(Row(i18n.text("total_row", "vi", name=area_name), {}, "total", None, split,
                             given=(given or {}).get(split, {})))


def roman(n: int) -> str:
    """A district's number on the forms: I, II, ... (Hà Nội had 30 districts, Thanh Hóa 27)."""
    out = ""
    for value, letters in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"),
                           (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        count, n = divmod(n, value)
        out += letters * count
    return out


@dataclass
class Context:
    """What every form of one workbook reads: the area, the review, the queries' answers, the protection."""

    con: object
    area: str
    year: int
    protect: bool
    show_names: bool
    lists: bool  # whether the named lists may be given at all (a role that sees household lists)
    summary: pd.Series = None
    names: dict = None
    answers: dict = field(default_factory=dict)  # several forms read the same query: asked once per workbook

    def run(self, name: str, **params) -> pd.DataFrame:
        key = (name, tuple(sorted(params.items())))
        if key not in self.answers:
            self.answers[key] = disclosure.run(self.con, name, self.protect, area=self.area, year=self.year, **params)
        return self.answers[key]


def official_results(ctx: Context) -> Form:
    """R1: households and persons by class, with their rates."""
    c = [Column("total_households", "Tổng số hộ dân cư"), Column("total_persons", "Tổng số nhân khẩu"),
         Column("poor", "Số hộ nghèo"), Column("poor_rate", "Tỷ lệ hộ nghèo (%)", "rate", ("poor", "total_households")),
         Column("near_poor", "Số hộ cận nghèo"),
         Column("near_poor_rate", "Tỷ lệ hộ cận nghèo (%)", "rate", ("near_poor", "total_households")),
         Column("average_living", "Số hộ có mức sống trung bình (nông, lâm, ngư, diêm nghiệp)"),
         Column("average_living_rate", "Tỷ lệ hộ có mức sống trung bình (%)", "rate", ("average_living", "total_households")),
         Column("poor_persons", "Số nhân khẩu nghèo"),
         Column("poor_persons_rate", "Tỷ lệ nhân khẩu nghèo (%)", "rate", ("poor_persons", "total_persons")),
         Column("near_poor_persons", "Số nhân khẩu cận nghèo"),
         Column("near_poor_persons_rate", "Tỷ lệ nhân khẩu cận nghèo (%)", "rate", ("near_poor_persons", "total_persons")),
         Column("average_living_persons", "Số nhân khẩu hộ có mức sống trung bình"),
         Column("average_living_persons_rate", "Tỷ lệ nhân khẩu hộ có mức sống trung bình (%)", "rate",
                ("average_living_persons", "total_persons"))]
    form = _form("R1", ctx.year, c)
    units = ctx.run("official_results")
    keys = [col.key for col in c if col.kind == "count"]
    s = ctx.summary
    figures = ("total_households", "poor", "near_poor", "poor_persons", "near_poor_persons")
    given = {None: {k: s[k] for k in figures}}

    def district_given(code: str) -> dict:  # a district's own protected figures, for a subtotal over a hidden cell
        own = disclosure.run(ctx.con, "summary", ctx.protect, area=code, year=ctx.year).iloc[0]
        return {k: own[k] for k in figures}

    _rows(form, units, lambda u, _: {k: _number(u[k]) for k in keys}, ctx.names, s.area_name, given,
          district_given=district_given if ctx.protect else None)
    form.notes.append(i18n.text("form_average_note", "vi"))
    return complete(form)


def dynamics(ctx: Context, classification: str) -> Form:
    """R2 (poor) and R3 (near-poor): the flows between the previous review and this one, in households and in
    persons, per commune over the same ground as the area's; the whole area's own row after the total."""
    flows = comparison.flows(classification)
    area_flows = comparison.named_flows(ctx.run("transitions", classification=classification), classification).iloc[0]
    comparable = area_flows.comparable
    *middle, end = (key for key, _ in flows)
    columns = [Column(k, comparison.flow_label(k, comparable, "vi", classification)) for k in middle]
    columns.append(Column(end, comparison.flow_label(end, comparable, "vi", classification), "identity",
                          terms=tuple((k, 1 if s == 0 else s) for k, s in flows[:-1])))
    code = "R2" if classification == "ngheo" else "R3"
    form = _form(code, ctx.year, columns, split=True)
    if comparison.is_baseline(area_flows):
        who = "HỘ NGHÈO" if classification == "ngheo" else "HỘ CẬN NGHÈO"
        form.title = f"PHÂN LOẠI LẠI {who} THEO CHUẨN NGHÈO {area_flows.standard} (NĂM ĐẦU KỲ {ctx.year})"
    form.notes.append(comparison.basis(ctx.summary, "vi"))
    per = {split: comparison.named_flows(ctx.run("transitions_by_commune", classification=classification,
                                                 persons=split == PERSONS), classification)
           for split in (HOUSEHOLDS, PERSONS)}
    area = {split: comparison.named_flows(ctx.run("transitions", classification=classification,
                                                  persons=split == PERSONS), classification).iloc[0]
            for split in (HOUSEHOLDS, PERSONS)}
    units = per[HOUSEHOLDS][["commune_code", "commune_name"]].copy()
    units["commune_code"] = units.commune_code.fillna("")
    units["commune_name"] = units.commune_name.fillna(i18n.text("unallocated_row", "vi"))
    results = ctx.run("official_results")
    units["district_code"] = units.commune_code.map(dict(zip(results.commune_code, results.district_code)))
    lookup = {split: frame.set_index(frame.commune_code.fillna("")) for split, frame in per.items()}

    def values(unit, split):
        row = lookup[split].loc[unit["commune_code"]]
        return {k: _number(row[k]) for k in middle}

    _rows(form, units, values, ctx.names, ctx.summary.area_name,
          {s: {k: area[s][k] for k in middle + [end]} for s in (HOUSEHOLDS, PERSONS)}, (HOUSEHOLDS, PERSONS))
    if len(units) > 1:  # the area's own flows: a move between two of its communes is no flow for the area
        for split in (HOUSEHOLDS, PERSONS):
            form.rows.append(Row(i18n.text("whole_area_row", "vi", name=ctx.summary.area_name),
                                 {k: _number(area[split][k]) for k in middle}, "area", None, split,
                                 given={end: _number(area[split][end])}))
        form.notes.append(i18n.text("form_area_row_note", "vi"))
    return complete(form)


def deprivations(ctx: Context, classification: str) -> tuple[Form, Form]:
    """R4/R5 (poor) and R6/R7 (near-poor): households deprived in each indicator, and their share."""
    shares = ctx.run("deprivation_by_commune", classification=classification)
    indicators = shares.drop_duplicates("indicator").sort_values("position")
    who = "hộ nghèo" if classification == "ngheo" else "hộ cận nghèo"
    codes = ("R4", "R5") if classification == "ngheo" else ("R6", "R7")
    flags = indicators.indicator.tolist()
    counts = _form(codes[0], ctx.year, [Column("households", f"Tổng số {who}"),
                                        Column("total", "Tổng số chỉ số thiếu hụt", "identity",
                                               terms=tuple((f, 1) for f in flags))]
                   + [Column(f, label) for f, label in zip(flags, indicators.label_vi)])
    rates = _form(codes[1], ctx.year, [Column("households", f"Tổng số {who}", source=counts.sheet)]
                  + [Column(f, label, "rate", (f, "households"), source=counts.sheet, number_format="0.0")
                     for f, label in zip(flags, indicators.label_vi)])
    present = pd.Series(True, index=pd.MultiIndex.from_frame(shares[["commune_code", "indicator"]])).unstack()
    table = shares.set_index(["commune_code", "indicator"]).deprived.unstack()
    table = table.where(present.notna(), 0) if len(table) else table  # no household with a value: 0
    base = shares.drop_duplicates("commune_code").set_index("commune_code")
    units = ctx.run("official_results")
    units = units[units.commune_code.isin(base.index)]

    def values(unit, _):
        row = table.loc[unit["commune_code"]]
        return {"households": _number(base.households[unit["commune_code"]]), **{f: _number(row.get(f)) for f in flags}}

    _rows(counts, units, values, ctx.names, ctx.summary.area_name)
    complete(counts)
    for row in counts.rows:
        rate = {"households": row.values.get("households")}
        for f in flags:
            n, d = row.values.get(f), row.values.get("households")
            rate[f] = None if missing(n) or missing(d) else (0 if d == 0 else 100 * n / d)
        rates.rows.append(Row(row.label, rate, row.kind, row.tt, row.split))
    rates.notes.append(i18n.text("form_rates_note", "vi", sheet=counts.sheet))
    return counts, rates


def groups(ctx: Context) -> Form:
    """R8: poor and near-poor households in each household group."""
    by_group = ctx.run("groups_by_commune")
    specs = list(catalogue.groups())
    supports = list(catalogue.support_types())
    columns = [Column(f"{g['group']}:{cls}", f"{g['label_vi']} – {word}")
               for g in specs for cls, word in (("poor", "nghèo"), ("near_poor", "cận nghèo"))]
    columns += [Column(f"support:{t['support_type']}", f"Được hỗ trợ {t['label_vi'].lower()} (hộ nghèo, cận nghèo)")
                for t in supports]
    form = _form("R8", ctx.year, columns)
    lookup = by_group.set_index(["commune_code", "group"])
    support = ctx.run("support_by_commune").set_index(["commune_code", "support_type"])

    def values(unit, _):
        out = {}
        for g in specs:
            for cls in ("poor", "near_poor"):
                out[f"{g['group']}:{cls}"] = _count(lookup, (unit["commune_code"], g["group"]), cls)
        for t in supports:
            key = (unit["commune_code"], t["support_type"])
            both = [_count(support, key, cls) for cls in ("poor", "near_poor")]
            out[f"support:{t['support_type']}"] = None if any(v is None for v in both) else sum(both)
        return out

    _rows(form, ctx.run("official_results"), values, ctx.names, ctx.summary.area_name)
    form.notes.append(i18n.text("form_groups_note", "vi"))
    return complete(form)


def ethnicity(ctx: Context) -> Form:
    """R9: poor and near-poor households by the head's ethnic group; the ethnic-minority poverty rate over the
    commune's ethnic-minority households (population import)."""
    frame = ctx.run("ethnicity_by_commune")
    names = {e["code"]: e["name"] for e in catalogue.ethnicities()}
    present = sorted(c for c in frame.ethnicity.dropna().unique() if c != "01")
    columns = [Column("total_minority", "Tổng số hộ DTTS")]
    for cls, word in (("poor", "Hộ nghèo"), ("near_poor", "Hộ cận nghèo")):
        columns += [Column(f"{cls}:all", f"{word} – tổng số", "identity",
                           terms=((f"{cls}:kinh", 1), (f"{cls}:minority", 1))),
                    Column(f"{cls}:kinh", f"{word} – dân tộc Kinh"),
                    Column(f"{cls}:minority", f"{word} – DTTS"),
                    Column(f"{cls}:rate", f"Tỷ lệ {word.lower()} DTTS (%)", "rate",
                           (f"{cls}:minority", "total_minority"))]
    for cls, word in (("poor", "nghèo"), ("near_poor", "cận nghèo")):
        columns += [Column(f"{cls}:{code}", f"Hộ {word} – {names[code]}") for code in present]
    form = _form("R9", ctx.year, columns)

    def values(unit, _):
        rows = frame[frame.commune_code == unit["commune_code"]]
        out = {"total_minority": _number(rows.total_ethnic_minority_households.max()) if len(rows) else None}
        for cls in ("poor", "near_poor"):
            out[f"{cls}:kinh"] = _number(rows[~rows.minority.astype(bool)][cls].sum(min_count=0))
            out[f"{cls}:minority"] = _number(rows[rows.minority.astype(bool)][cls].sum(min_count=0))
            for code in present:
                out[f"{cls}:{code}"] = _number(rows[rows.ethnicity == code][cls].sum(min_count=0))
        if len(rows) and rows[["poor", "near_poor"]].isna().any().any():  # a hidden cell: the sums are hidden
            out = {k: (v if k == "total_minority" else None) for k, v in out.items()}
        return out

    _rows(form, ctx.run("official_results"), values, ctx.names, ctx.summary.area_name)
    form.notes.append(i18n.text("form_ethnicity_note", "vi"))
    return complete(form)


def causes(ctx: Context) -> Form:
    """R10: poor and near-poor households by cause of poverty (a household under each cause it records)."""
    frame = ctx.run("causes_by_commune")
    specs = list(catalogue.causes())
    columns = []
    for cls, word in (("poor", "hộ nghèo"), ("near_poor", "hộ cận nghèo")):
        columns.append(Column(f"{cls}:households", f"Tổng số {word}"))
        columns += [Column(f"{cls}:{c['cause']}", f"{c['label_vi']} ({word})") for c in specs]
    form = _form("R10", ctx.year, columns)
    lookup = frame.set_index(["commune_code", "cause"])

    def values(unit, _):
        out = {}
        for cls in ("poor", "near_poor"):
            first = frame[frame.commune_code == unit["commune_code"]]
            out[f"{cls}:households"] = _number(first[f"{cls}_households"].iloc[0]) if len(first) else 0
            for c in specs:
                out[f"{cls}:{c['cause']}"] = _count(lookup, (unit["commune_code"], c["cause"]), cls)
        return out

    _rows(form, ctx.run("official_results"), values, ctx.names, ctx.summary.area_name)
    form.notes.append(i18n.text("form_causes_note", "vi"))
    return complete(form)


def children(ctx: Context) -> Form:
    """R11: children's deprivations. The household extract carries none (DATA_FORMAT): the form says so."""
    columns = [Column("children", "Số trẻ em"), Column("no_insurance", "Trong đó: không có thẻ BHYT"),
               Column("malnourished", "Trong đó: suy dinh dưỡng"),
               Column("not_in_school", "Trong đó: không đi học đúng cấp")]
    return _form("R11", ctx.year, columns, empty_note=i18n.text("form_children_note", "vi"))


def multidimensional(ctx: Context, classification: str) -> Form:
    """R12 (poor), R13 (near-poor): the households of the class by how they came to be in it, by group, and
    their deprivations."""
    flows = comparison.named_flows(ctx.run("transitions_by_commune", classification=classification), classification)
    keys = [k for k, _ in comparison.flows(classification)]
    start, out1, out2, out3, cross, again, new, moved, end = keys
    comparable = ctx.summary.get("comparable")
    groups_frame = ctx.run("groups_by_commune")
    shares = ctx.run("deprivation_by_commune", classification=classification)
    cls = "poor" if classification == "ngheo" else "near_poor"
    specs = [g for g in catalogue.groups() if g["negate"] != "true"]
    columns = [Column("total", "Tổng số hộ", "identity", terms=(("stayed", 1), (cross, 1), (again, 1), (new, 1), (moved, 1))),
               Column("stayed", "Hộ đầu kỳ còn lại"),
               Column(cross, comparison.flow_label(cross, comparable, "vi", classification)),
               Column(again, comparison.flow_label(again, comparable, "vi", classification)),
               Column(new, comparison.flow_label(new, comparable, "vi", classification)),
               Column(moved, comparison.flow_label(moved, comparable, "vi", classification))]
    columns += [Column(f"group:{g['group']}", g["label_vi"]) for g in specs]
    columns += [Column("deprivations", "Tổng số chỉ số thiếu hụt"),
                Column("mean", "Bình quân chỉ số thiếu hụt/hộ", "rate", ("deprivations", "total"), scale=1)]
    form = _form("R12" if classification == "ngheo" else "R13", ctx.year, columns)
    form.notes.append(comparison.basis(ctx.summary, "vi"))
    form.notes.append(i18n.text("form_mean_note", "vi"))
    by_commune = flows.set_index(flows.commune_code.fillna(""))
    group_lookup = groups_frame.set_index(["commune_code", "group"])
    deprived = shares.groupby("commune_code").deprived.sum(min_count=1)
    units = ctx.run("official_results")

    def values(unit, _):
        code = unit["commune_code"]
        out = {}
        if code in by_commune.index:
            r = by_commune.loc[code]
            parts = [r[start], r[out1], r[out2], r[out3]]
            out["stayed"] = None if any(missing(p) for p in parts) else _number(r[start] - r[out1] - r[out2] - r[out3])
            for k in (cross, again, new, moved):
                out[k] = _number(r[k])
        else:
            out.update({k: 0 for k in ("stayed", cross, again, new, moved)})
        for g in specs:
            out[f"group:{g['group']}"] = _count(group_lookup, (code, g["group"]), cls)
        out["deprivations"] = _number(deprived.get(code, 0))
        return out

    _rows(form, units, values, ctx.names, ctx.summary.area_name)
    return complete(form)


LIST_COLUMNS = ("household_id", "head_name", "village", "members", "area_type", "ethnicity", "groups",
                "deprivation_count", "poverty_causes")


def named_list(ctx: Context, classification: str) -> Form:
    """R14 (poor), R15 (near-poor): the households one by one, names only for a role that may see them."""
    columns = [Column("household_id", "Mã hộ", "text"), Column("head_name", "Họ tên chủ hộ", "text"),
               Column("village", "Thôn/Tổ dân phố", "text"), Column("members", "Số nhân khẩu"),
               Column("area_type", "Khu vực", "text"), Column("ethnicity", "Dân tộc", "text"),
               Column("groups", "Nhóm đối tượng", "text"), Column("deprivation_count", "Số chỉ số thiếu hụt"),
               Column("poverty_causes", "Nguyên nhân nghèo", "text")]
    form = _form("R14" if classification == "ngheo" else "R15", ctx.year, columns)
    if not ctx.lists:
        form.empty_note = i18n.text("form_list_withheld", "vi")
        return form
    frame = disclosure.run(ctx.con, "households_list", False, area=ctx.area, year=ctx.year,
                           classification=classification, group="all", show_names=ctx.show_names, limit=10_000_000)
    ethnic = {e["code"]: e["name"] for e in catalogue.ethnicities()}
    group_labels = [(g["column"], g["label_vi"]) for g in catalogue.groups() if g["negate"] != "true"]
    cause_labels = {c["cause"]: c["label_vi"] for c in catalogue.causes()}
    area_types = {"nong_thon": "Nông thôn", "thanh_thi": "Thành thị"}
    hidden = "(ẩn)"
    for commune, rows in frame.groupby("commune_code", sort=True):
        form.rows.append(Row(rows.commune_name.iloc[0], {}, "heading"))
        for i, h in enumerate(rows.to_dict("records"), start=1):
            form.rows.append(Row(rows.commune_name.iloc[0], {
                "household_id": h["household_id"],
                "head_name": h["head_name"] if ctx.show_names else hidden,
                "village": h["village"] if ctx.show_names else hidden,
                "members": _number(h["members"]),
                "area_type": area_types.get(h["area_type"], h["area_type"]),
                "ethnicity": ethnic.get(h.get("ethnicity"), "DTTS" if h["dan_toc_thieu_so"] else ""),
                "groups": "; ".join(label for column, label in group_labels if h.get(column)),
                "deprivation_count": _number(h["deprivation_count"]),
                "poverty_causes": "; ".join(cause_labels.get(c, c) for c in _items(h["poverty_causes"])),
            }, "unit", i))
    form.rows.append(Row(i18n.text("total_row", "vi", name=ctx.summary.area_name), {}, "total"))
    form.notes.append(i18n.text("form_list_note" if ctx.show_names else "form_list_masked", "vi"))
    return complete(form)


def _items(value) -> list:
    """A list column's value as a list (DuckDB gives arrays, or None)."""
    return [] if value is None or (not hasattr(value, "__len__") and pd.isna(value)) else list(value)


def build(con, area: str, year: int, protect: bool = False, show_names: bool = False,
          lists: bool = True, only: str | None = None) -> list[Form]:
    """Every form of the area's review (or the form `only`), in order R1-R15."""
    ctx = Context(con, area, year, protect, show_names and not protect, lists)
    ctx.summary = ctx.run("summary").iloc[0]
    ctx.names = dict(con.execute(
        "select code, name from admin_units where code_list = (select code_list from review_years "
        "where review_year = ?)", [year]).fetchall())
    makers = {
        "R1": lambda: [official_results(ctx)],
        "R2": lambda: [dynamics(ctx, "ngheo")],
        "R3": lambda: [dynamics(ctx, "can_ngheo")],
        "R4": lambda: list(deprivations(ctx, "ngheo")),
        "R6": lambda: list(deprivations(ctx, "can_ngheo")),
        "R8": lambda: [groups(ctx)],
        "R9": lambda: [ethnicity(ctx)],
        "R10": lambda: [causes(ctx)],
        "R11": lambda: [children(ctx)],
        "R12": lambda: [multidimensional(ctx, "ngheo")],
        "R13": lambda: [multidimensional(ctx, "can_ngheo")],
        "R14": lambda: [named_list(ctx, "ngheo")],
        "R15": lambda: [named_list(ctx, "can_ngheo")],
    }
    if only is not None:
        # A counts form and its rates form come together: the rates are formulas over the counts.
        built = makers[{"R5": "R4", "R7": "R6"}.get(only, only)]()
    else:
        built = [form for maker in makers.values() for form in maker()]
    line = subtitle(con, ctx.summary, year)
    # Every form says when the review covers part of the area only, and when small counts are hidden.
    first = [comparison.coverage(ctx.summary, "vi"), disclosure.rule().note["vi"] if protect else None]
    for form in built:
        form.subtitle = line
        form.notes = [n for n in first if n] + form.notes
    return built


def subtitle(con, summary: pd.Series, year: int, lang: str = "vi") -> str:
    """Under every form's title: the area, the review, its standard, whether the figures are final, and that the
    data is synthetic where it is."""
    synthetic = con.execute("select value from metadata where key = 'synthetic'").fetchone()[0] == "true"
    standing = comparison.approval(summary, lang, short=True)
    return (f"{summary.area_name} · {i18n.text('review_year', lang)} {year} · {i18n.text('standard_word', lang)} "
            f"{summary.standard}" + (f" · {standing}" if standing else "")
            + (" · DỮ LIỆU MÔ PHỎNG (synthetic)" if synthetic else ""))
