"""Stride's entry point: page config, the pages to show, the shared sidebar."""

import streamlit as st

from settings import load_settings
from stride_app.logs import configure_logging
from stride_app.sidebar import draw_plan_inputs

configure_logging(load_settings())
# An emoji, not a ":material/...:" icon: Streamlit fetches those favicons
# from fonts.gstatic.com, and a self-hosted app should call no one else.
st.set_page_config(page_title="Stride", page_icon="🏃", layout="wide")

pages = [
    st.Page("app_pages/generate.py", title="Generate", icon=":material/sprint:"),
]
# Pages for signed-in runners ("Account", "Saved plans") are appended here,
# one line each, only when someone is signed in.

page = st.navigation(pages)
draw_plan_inputs()
page.run()
