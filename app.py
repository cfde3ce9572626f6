"""giamngheo dashboard: page config, navigation, global filters. Run with `giamngheo serve`."""

from pathlib import Path

import streamlit as st

from giamngheo import disclosure

from components import access, printing, signin, turns, ui
from components.connection import DatabaseBusy
from components.filters import sidebar
from components.i18n import lang, language_of_the_link, t

# A local icon: Material icons as page_icon are fetched from Google's font servers.
st.set_page_config(
    page_title="Giảm nghèo", page_icon=str(Path(__file__).parent / "components/assets/favicon.png"), layout="wide"
)

PAGES = (  # file, title, icon; the last three only for who may see them (_pages)
    ("overview", "page_overview", "dashboard"),
    ("map", "page_map", "map"),
    ("deprivation", "page_deprivation", "bar_chart"),
    ("groups", "page_groups", "groups"),
    ("transitions", "page_transitions", "waterfall_chart"),
    ("targets", "page_targets", "flag"),
    ("progress", "page_progress", "fact_check"),
    ("households", "page_households", "list"),
    ("report", "page_print", "print"),
    ("forms", "page_forms", "table_view"),
    ("present", "page_present", "slideshow"),
    ("quality", "page_quality", "rule"),
    ("import", "page_import", "upload_file"),
    ("admin", "page_admin", "admin_panel_settings"),
)


def _pages(language: str, signed_in: bool, households: bool, imports: bool, admin: bool) -> list[st.Page]:
    """The pages this user may open, in the language, made once per session and kind of user: a page declared
    every run resolves its file and icon again (13 pages: about a millisecond a run)."""
    made = st.session_state.setdefault("pages", {})
    key = (language, signed_in, households, imports, admin)
    if key not in made:
        shown = {"households": households, "import": imports, "admin": admin}
        made[key] = [st.Page(f"pages/{name}.py", title=t(title), icon=f":material/{icon}:", default=name == "overview")
                     for name, title, icon in PAGES if shown.get(name, True)]
    return made[key]


# The page's run waits its turn behind the process's other runs (components/turns.py); the view it asks for (the
# page and its link's filters) tells whether the process has drawn it before.
with turns.turn(view=(st.context.url, tuple(sorted(st.query_params.to_dict().items())))):
    access.new_run()
    try:
        user = access.current_user()
    except DatabaseBusy:  # a command-line import holds the file: say so, rather than a lock error
        st.error(t("database_busy"), icon=":material/hourglass_top:")
        st.stop()
    # Before sign-in every page is declared (hidden, none runs): the page a deep link names is the one shown once
    # the user has signed in, with the link's filters, if their role may see it.
    signed_in = user is not None
    pages = _pages(lang(), signed_in, not signed_in or user.sees_households, not signed_in or user.may_import,
                   not signed_in or access.is_admin())
    # Every page listed: a collapsed menu would end in Streamlit's own "View 3 more", in English whatever the language.
    navigation = st.navigation(pages, position="sidebar" if signed_in else "hidden", expanded=True)
    language_of_the_link()  # after the navigation: a new start keeps the page the link names
    if not signed_in:
        signin.wall()
    st.session_state["hidden_cells"] = 0  # counted by the data layer while the page runs
    printing.print_styles()
    st.session_state["filters"] = sidebar()
    signin.corner(user)
    ui.synthetic_banner(open_access=user is access.OPEN)
    ui.as_of_banner()
    navigation.run()
    with st.sidebar:
        if st.session_state.get("hidden_cells"):  # small counts protected on this page: say so, and why
            st.info(disclosure.rule().note[lang()], icon=":material/visibility_off:")
        st.caption(t("source_attribution"))
