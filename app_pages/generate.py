"""Generate page: a classic plan from the sidebar inputs, redrawn on change.

Generating never touches the database; only "Save plan" does.
"""

import datetime as dt

import streamlit as st

from stride_app.saved_plans import show_save_form
from stride_app.sidebar import read_plan_inputs
from stride_app.views import show_plan
from stride_engine import PlanInputError, build_request, generate_plan

st.title("Your marathon plan")
st.caption(
    "A classic plan: the long run builds to its peak three weeks before the "
    "race, then tapers. Change any input in the sidebar and the plan follows."
)

try:
    request = build_request(**read_plan_inputs().request_fields(dt.date.today()))
except PlanInputError as error:
    for message in error.messages:
        st.error(message, icon=":material/error:")
else:
    if request.runs_per_week == 7 and request.long_run_day.value == "saturday":
        st.info(
            "With seven runs a week every day has a run, so the long run is on "
            "Sunday and nothing follows the race.",
            icon=":material/info:",
        )
    plan = generate_plan(request)
    show_plan(plan, key_prefix="generate")
    show_save_form(plan)
