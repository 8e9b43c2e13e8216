"""Saved plans page: the runner's plans; open, rename, delete and compare them.

app.py lists this page only for a signed-in runner, but an address can
still lead here, so the page checks the session itself: every plan it
shows comes from a repository call that verifies the access token.
"""

import streamlit as st

from stride_app import saved_plans, services, session
from stride_app.authenticator import ACCOUNT_ERRORS

st.title("Saved plans")
saved_plans.show_message()

if session.current_runner() is None:
    saved_plans.show_signed_out()
else:
    try:
        plans = services.list_plans()
    except ACCOUNT_ERRORS as error:
        st.error(str(error), icon=":material/error:")
        if session.current_runner() is None:
            saved_plans.show_signed_out()
    else:
        saved_plans.show_plan_list(plans)
        saved_plans.show_open_plan(st.query_params.get(saved_plans.PLAN_QUERY_PARAM))
        saved_plans.show_comparison(plans)
