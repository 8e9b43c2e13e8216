"""Saving a plan from Generate, and the parts of the Saved plans page.

Actions on a saved plan (open, rename, delete) run as button callbacks,
before the page draws, so the list below them is already up to date;
their outcome is kept as a one-run message in ``st.session_state``. The
open plan is the ``plan`` query parameter, so an address can open one.
"""

from __future__ import annotations

from datetime import UTC, datetime

import streamlit as st

from db.models import PLAN_NAME_LENGTH
from db.repository import PlanSummary, SavedPlan, clean_plan_name
from stride_app import services, session
from stride_app.authenticator import ACCOUNT_ERRORS
from stride_app.charts import comparison_chart
from stride_app.sidebar import read_plan_inputs
from stride_app.text import escape_markdown
from stride_app.views import PLOTLY_CONFIG, show_plan
from stride_engine import Plan
from stride_engine.units import Unit, format_distance

ACCOUNT_PAGE = "app_pages/account.py"
GENERATE_PAGE = "app_pages/generate.py"
SAVED_PLANS_PAGE = "app_pages/saved_plans.py"
PLAN_QUERY_PARAM = "plan"
PLAN_NAME_LABEL = "Plan name"
SAVE_BUTTON_KEY = "save_plan"
MESSAGE_KEY = "stride_plans_message"
CONFIRM_DELETE_KEY = "stride_confirm_plan_deletion"
COLUMNS = ("Name", "Saved (UTC)", "Weeks", "Target", "Peak long run", "Total", "")
COLUMN_WIDTHS = (4, 3, 1, 2, 2, 2, 2)
SAVED_AT_FORMAT = "%Y-%m-%d %H:%M"


def default_plan_name(plan: Plan) -> str:
    """A name for a new plan, such as "16 weeks · 4:00 · Sunday"."""
    request = plan.request
    hours, minutes = divmod(request.target_minutes, 60)
    return (
        f"{request.weeks} weeks · {hours}:{minutes:02d} · {request.long_run_day.label}"
    )


def saved_at(created_at: datetime) -> str:
    """When a plan was saved, in UTC, to the minute."""
    if created_at.tzinfo is not None:
        created_at = created_at.astimezone(UTC)
    return created_at.strftime(SAVED_AT_FORMAT)


def show_save_form(plan: Plan) -> None:
    """Generate's "Save plan": a name and a button.

    Signed out, the button leads to the Account page; the sidebar inputs
    keep their values, so the same plan is waiting on return.
    """
    st.subheader("Save this plan")
    row = st.container(horizontal=True, vertical_alignment="bottom")
    # No key: the default name follows the sidebar inputs.
    name = row.text_input(
        PLAN_NAME_LABEL, value=default_plan_name(plan), max_chars=PLAN_NAME_LENGTH
    )
    clicked = row.button(
        "Save plan", key=SAVE_BUTTON_KEY, icon=":material/bookmark_add:"
    )
    if session.current_runner() is None:
        st.caption("You will be asked to sign in or create an account first.")
    if not clicked:
        return

    if session.current_runner() is None:
        st.session_state[session.RETURN_TO_PLAN_KEY] = True
        st.switch_page(ACCOUNT_PAGE)
    try:
        services.save_plan(plan, name)
    except ACCOUNT_ERRORS as error:
        st.error(str(error), icon=":material/error:")
        return
    st.session_state.pop(session.RETURN_TO_PLAN_KEY, None)
    st.success(
        f"Saved “{escape_markdown(clean_plan_name(name))}”.",
        icon=":material/check_circle:",
    )
    st.page_link(
        SAVED_PLANS_PAGE, label="See your saved plans", icon=":material/bookmarks:"
    )


def show_signed_out() -> None:
    """What the Saved plans page shows without a valid session: nothing of it."""
    st.info("Sign in to see your saved plans.", icon=":material/lock:")
    st.page_link(ACCOUNT_PAGE, label="Sign in or register", icon=":material/login:")


def show_message() -> None:
    """The outcome of this run's open, rename or delete, once."""
    message = st.session_state.pop(MESSAGE_KEY, None)
    if message is None:
        return
    kind, text = message
    if kind == "error":
        st.error(text, icon=":material/error:")
    else:
        st.success(text, icon=":material/check_circle:")


def show_plan_list(plans: list[PlanSummary]) -> None:
    """The runner's plans, newest first, each with an "Open" button.

    Distances are in the sidebar's unit, so that the plans compare.
    """
    if not plans:
        st.info(
            "No saved plans yet: generate one and press “Save plan”.",
            icon=":material/info:",
        )
        st.page_link(GENERATE_PAGE, label="Generate a plan", icon=":material/sprint:")
        return

    unit = Unit(read_plan_inputs().unit)
    for column, title in zip(st.columns(COLUMN_WIDTHS), COLUMNS, strict=True):
        column.caption(title)
    for summary in plans:
        cells = st.columns(COLUMN_WIDTHS, vertical_alignment="center")
        cells[0].markdown(f"**{escape_markdown(summary.name)}**")
        cells[1].markdown(saved_at(summary.created_at))
        cells[2].markdown(str(summary.weeks))
        cells[3].markdown(escape_markdown(summary.target_time))
        cells[4].markdown(format_distance(summary.peak_long_run_km, unit))
        cells[5].markdown(format_distance(summary.total_km, unit))
        cells[6].button(
            "Open",
            key=f"open_plan_{summary.id}",
            on_click=_open,
            args=(summary.id,),
            icon=":material/open_in_full:",
        )


def show_open_plan(plan_id: str | None) -> None:
    """The plan of the address's ``plan`` parameter: rename, delete, view.

    The id goes to the repository as given; an id of another runner's
    plan is refused there exactly like one that does not exist. The plan
    reopens as it was saved: its own race date, recent race, recovery
    weeks and unit, whatever the sidebar says now.
    """
    if plan_id is None:
        return
    st.divider()
    try:
        saved = services.load_plan(plan_id)
    except ACCOUNT_ERRORS as error:
        st.error(str(error), icon=":material/error:")
        st.button("Close", key="close_plan", on_click=_close)
        return

    st.header(escape_markdown(saved.name))
    unit = saved.plan.request.unit
    st.caption(
        f"Saved {saved_at(saved.created_at)} UTC. Distances in {unit.value}, as saved."
    )
    _show_plan_actions(saved)
    show_plan(saved.plan, key_prefix="saved_plan", plan_key=f"plan-{saved.id}")


def show_comparison(plans: list[PlanSummary]) -> None:
    """Pick two plans; one chart of their weekly distances and long runs.

    The chart is in the sidebar's unit: two plans saved in different
    units still share one axis.
    """
    if len(plans) < 2:
        return
    st.divider()
    st.subheader("Compare two plans")
    labels = {
        summary.id: f"{summary.name} · {saved_at(summary.created_at)}"
        for summary in plans
    }
    left, right = st.columns(2)
    first = left.selectbox(
        "First plan",
        list(labels),
        index=None,
        format_func=labels.__getitem__,
        placeholder="Choose a plan",
        key="compare_first",
    )
    second = right.selectbox(
        "Second plan",
        list(labels),
        index=None,
        format_func=labels.__getitem__,
        placeholder="Choose a plan",
        key="compare_second",
    )
    if first is None or second is None:
        return
    if first == second:
        st.info("Choose two different plans.", icon=":material/info:")
        return

    try:
        one, other = services.load_plan(first), services.load_plan(second)
    except ACCOUNT_ERRORS as error:
        st.error(str(error), icon=":material/error:")
        return
    st.plotly_chart(
        comparison_chart(
            one.plan,
            other.plan,
            one.name,
            other.name,
            Unit(read_plan_inputs().unit),
        ),
        config=PLOTLY_CONFIG,
        alt="Lines of two plans' weekly distance and long run by week",
        key="comparison_chart",
    )


def _show_plan_actions(saved: SavedPlan) -> None:
    """Rename and delete (after confirmation) the open plan; close it."""
    rename, actions = st.columns([3, 2], vertical_alignment="bottom")
    with rename.form(f"rename_plan_{saved.id}", border=False):
        row = st.container(horizontal=True, vertical_alignment="bottom")
        row.text_input(
            "New name",
            value=saved.name,
            max_chars=PLAN_NAME_LENGTH,
            key=f"new_plan_name_{saved.id}",
        )
        row.form_submit_button("Rename", on_click=_rename, args=(saved.id,))

    buttons = actions.container(horizontal=True)
    buttons.button(
        "Delete plan…",
        key=f"delete_plan_{saved.id}",
        on_click=_ask_to_delete,
        args=(saved.id,),
        icon=":material/delete:",
    )
    buttons.button("Close", key="close_plan", on_click=_close)

    if st.session_state.get(CONFIRM_DELETE_KEY) == saved.id:
        st.warning(
            f"Delete “{escape_markdown(saved.name)}”? It cannot be undone.",
            icon=":material/warning:",
        )
        confirm = st.container(horizontal=True)
        confirm.button(
            "Delete",
            key="confirm_plan_deletion",
            type="primary",
            on_click=_delete,
            args=(saved.id, saved.name),
        )
        confirm.button(
            "Cancel", key="cancel_plan_deletion", on_click=_ask_to_delete, args=(None,)
        )


def _say(kind: str, text: str) -> None:
    st.session_state[MESSAGE_KEY] = (kind, text)


def _open(plan_id: int) -> None:
    st.query_params[PLAN_QUERY_PARAM] = str(plan_id)
    st.session_state.pop(CONFIRM_DELETE_KEY, None)


def _close() -> None:
    st.query_params.pop(PLAN_QUERY_PARAM, None)
    st.session_state.pop(CONFIRM_DELETE_KEY, None)


def _ask_to_delete(plan_id: int | None) -> None:
    st.session_state[CONFIRM_DELETE_KEY] = plan_id


def _rename(plan_id: int) -> None:
    name = st.session_state[f"new_plan_name_{plan_id}"]
    try:
        services.rename_plan(plan_id, name)
    except ACCOUNT_ERRORS as error:
        _say("error", str(error))
    else:
        _say("success", f"Renamed to “{escape_markdown(clean_plan_name(name))}”.")


def _delete(plan_id: int, name: str) -> None:
    try:
        services.delete_plan(plan_id)
    except ACCOUNT_ERRORS as error:
        _say("error", str(error))
    else:
        _say("success", f"Deleted “{escape_markdown(name)}”.")
        _close()
