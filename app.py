"""giamngheo dashboard: page config, navigation, global filters. Run with `giamngheo serve`."""

from pathlib import Path

import streamlit as st

from giamngheo import disclosure

from components import access, printing, signin, turns, ui
from components.connection import DatabaseBusy
from components.filters import sidebar
from components.i18n import lang, t

# A local icon: Material icons as page_icon are fetched from Google's font servers.
st.set_page_config(
    page_title="Giảm nghèo", page_icon=str(Path(__file__).parent / "components/assets/favicon.png"), layout="wide"
)

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
    pages = [
        st.Page("pages/overview.py", title=t("page_overview"), icon=":material/dashboard:", default=True),
        st.Page("pages/map.py", title=t("page_map"), icon=":material/map:"),
        st.Page("pages/deprivation.py", title=t("page_deprivation"), icon=":material/bar_chart:"),
        st.Page("pages/groups.py", title=t("page_groups"), icon=":material/groups:"),
        st.Page("pages/transitions.py", title=t("page_transitions"), icon=":material/waterfall_chart:"),
        st.Page("pages/targets.py", title=t("page_targets"), icon=":material/flag:"),
        st.Page("pages/progress.py", title=t("page_progress"), icon=":material/fact_check:"),
        *([st.Page("pages/households.py", title=t("page_households"), icon=":material/list:")]
          if not signed_in or user.sees_households else []),
        st.Page("pages/report.py", title=t("page_print"), icon=":material/print:"),
        st.Page("pages/forms.py", title=t("page_forms"), icon=":material/table_view:"),
        st.Page("pages/present.py", title=t("page_present"), icon=":material/slideshow:"),
        st.Page("pages/quality.py", title=t("page_quality"), icon=":material/rule:"),
        *([st.Page("pages/import.py", title=t("page_import"), icon=":material/upload_file:")]
          if not signed_in or user.may_import else []),
        *([st.Page("pages/admin.py", title=t("page_admin"), icon=":material/admin_panel_settings:")]
          if not signed_in or access.is_admin() else []),
    ]
    # Every page listed: a collapsed menu would end in Streamlit's own "View 3 more", in English whatever the language.
    navigation = st.navigation(pages, position="sidebar" if signed_in else "hidden", expanded=True)
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
