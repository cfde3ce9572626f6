"""The sidebar's global filters: language, review year and area (province -> district -> commune).

Every filter is bound to a URL query parameter (?lang=, ?nam=, ?tinh=, ?huyen=, ?xa=), so a link
opens exactly the view it was copied from and the browser's back and forward buttons work.
"""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

from giamngheo import catalogue
from giamngheo.i18n import LANGUAGES

from components import access
from components.data import query, reviews, units
from components.i18n import lang, t


@dataclass(frozen=True)
class Filters:
    year: int
    area: str
    area_name: str
    level: str  # province | district | commune
    standard: str
    code_list: str
    classification: str = "ngheo"  # ngheo | can_ngheo: the class the analysis pages look at
    group: str = "all"  # a household group of data/catalogue/groups.csv, or all


def opening_view() -> dict | None:
    """Where a link without filters opens: the largest area the user may see whose latest review covers most of
    its communes, at that review (queries/opening_views.sql); None when no review covers most of any area."""
    for view in query("opening_views").itertuples():
        if access.may_see_area(view.code, view.code_list):
            return {"year": int(view.review_year), "province": view.province_code,
                    "district": view.district_code if isinstance(view.district_code, str) else None,
                    "commune": view.code if view.level == "commune" else None}
    return None


FILTER_KEYS = ("nam", "tinh", "huyen", "xa")


def open_on_first_screen() -> None:
    """A visit without filters in its link starts on the opening view: the filters are written into the link
    (units by name, as the sidebar writes them), so that it can be copied like any other view, and every
    filter can still be changed or cleared."""
    if st.session_state.get("opened") or any(key in st.query_params for key in FILTER_KEYS):
        st.session_state["opened"] = True
        return
    st.session_state["opened"] = True
    view = opening_view()
    if view:
        names = units(view["year"]).names
        st.query_params.update({"nam": str(view["year"]), **{
            key: names[view[name]] for key, name in zip(FILTER_KEYS[1:], ("province", "district", "commune"))
            if view[name]}})
        st.rerun()


def sidebar() -> Filters | None:
    with st.sidebar:
        st.segmented_control(
            t("language"), list(LANGUAGES), format_func=LANGUAGES.get, default="vi", key="lang", bind="query-params"
        )
        years = reviews()
        if not years:
            return None
        open_on_first_screen()
        year = st.selectbox(t("review_year"), list(years), key="nam", bind="query-params")
        picker = units(year)
        names = picker.names
        province = st.selectbox(t("province"), picker.provinces, format_func=names.get, key="tinh",
                                bind="query-params")
        area, level = province, "province"

        districts = picker.districts.get(province, ())
        district = None
        if districts:
            district = st.selectbox(
                t("district"), districts, index=None, placeholder=t("whole_province"),
                format_func=names.get, key="huyen", bind="query-params",
            )
            if district:
                area, level = district, "district"
        communes = picker.communes.get((province, district), ()) if district or not districts else ()
        if communes:
            commune = st.selectbox(
                t("commune"), communes, index=None,
                placeholder=t("whole_district") if district else t("whole_province"),
                format_func=names.get, key="xa", bind="query-params",
            )
            if commune:
                area, level = commune, "commune"
        classes = {c["classification"]: c[f"label_{lang()}"] for c in catalogue.classes()[:2]}
        classification = st.segmented_control(
            t("household_class"), list(classes), format_func=classes.get, default="ngheo", key="loai",
            bind="query-params",
        ) or "ngheo"
        groups = {"all": t("all_groups"), **{g["group"]: g[f"label_{lang()}"] for g in catalogue.groups()}}
        group = st.selectbox(t("household_group"), list(groups), format_func=groups.get, key="nhom",
                             bind="query-params")
        review = years[year]
        if not access.may_see_area(area, review.code_list):  # e.g. a province picked by a district officer
            own = [c for c in picker.codes if access.may_see_area(c, review.code_list)]
            if not own:
                return None
            area = own[0]
            level = picker.levels[area]
        return Filters(int(year), area, names[area], level, review.standard, review.code_list, classification, group)
