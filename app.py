"""Stride's entry point: page config, who is signed in, their pages, the sidebar."""

import streamlit as st

from stride_app import account, session
from stride_app.authenticator import resume_remembered_login, start_run
from stride_app.logs import configure_logging
from stride_app.services import app_settings
from stride_app.sidebar import draw_plan_inputs

configure_logging(app_settings())
# An emoji, not a ":material/...:" icon: Streamlit fetches those favicons
# from fonts.gstatic.com, and a self-hosted app should call no one else.
st.set_page_config(page_title="Stride", page_icon="🏃", layout="wide")

# Before the pages are chosen: a returning runner's pages are listed.
resume_remembered_login()

pages = [st.Page("app_pages/generate.py", title="Generate", icon=":material/sprint:")]
# Left out, not hidden, when nobody is signed in; the page checks as well.
if session.current_runner() is not None:
    pages.append(
        st.Page(
            "app_pages/saved_plans.py", title="Saved plans", icon=":material/bookmarks:"
        )
    )
pages.append(
    st.Page("app_pages/account.py", title="Account", icon=":material/account_circle:")
)

page = st.navigation(pages)
# The run's only Authenticate, after the navigation (see its docstring).
start_run()
status = st.sidebar.container()
draw_plan_inputs()
page.run()
# Drawn after the page, which may have signed the runner in or out.
with status:
    account.show_status()
