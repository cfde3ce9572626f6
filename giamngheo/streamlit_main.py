"""Start Streamlit for giamngheo (`giamngheo serve` runs `python -m giamngheo.streamlit_main run app.py`).

app.py declares its pages with st.navigation and keeps them in pages/, as the design asks. Streamlit still
treats a pages/ folder beside the main script as its legacy multipage mode until a session has called
st.navigation, so on a fresh server a deep link such as /import would run the page file without app.py
(no filters, no sign-in). Declaring the process a st.navigation app from the start avoids that.
"""

import sys

from streamlit.runtime.pages_manager import PagesManager
from streamlit.web import cli

if __name__ == "__main__":
    PagesManager.uses_pages_directory = False
    sys.exit(cli.main())
