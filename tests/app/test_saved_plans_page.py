"""Saving from Generate and the Saved plans page, under AppTest."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import icalendar
import pytest
from streamlit.testing.v1 import AppTest

from db.errors import PLAN_NOT_FOUND
from tests.app.conftest import (
    APP,
    GENERATE_PAGE,
    ROOT,
    RUNNER,
    RUNNER_PASSWORD,
    SAVED_PLANS_PAGE,
    TIMEOUT_S,
    button,
    messages,
    open_page,
    register,
    shown,
    sign_in,
    sign_out,
    text_input,
)

DEFAULT_NAME = "16 weeks · 4:00 · Sunday"
DEFAULT_TOTAL = "695.2 km"
# An entry point that lists Saved plans whoever is signed in, Saved plans
# first so that it runs; the page must refuse on its own.
EVERY_PAGE_LISTED = """
import streamlit as st

page = st.navigation([
    st.Page("app_pages/saved_plans.py"),
    st.Page("app_pages/account.py"),
    st.Page("app_pages/generate.py"),
])
page.run()
"""
SIGN_IN_TO_SAVE = (
    "Sign in or create an account to save your plan. It will still be on "
    "the Generate page afterwards, ready to save."
)


def metric_value(app: AppTest, label: str) -> str:
    """The value a metric shows, found by its label."""
    return next(metric.value for metric in app.metric if metric.label == label)


def save_plan(app: AppTest, name: str | None = None) -> AppTest:
    """On Generate, name the plan (or keep the default) and press Save."""
    open_page(app, GENERATE_PAGE)
    if name is not None:
        text_input(app, "Plan name").input(name)
    return app.button(key="save_plan").click().run()


def plan_ids(app: AppTest) -> list[int]:
    """Ids of the listed plans, top to bottom, from their Open buttons."""
    return [
        int(widget.key.removeprefix("open_plan_"))
        for widget in app.button
        if widget.key and widget.key.startswith("open_plan_")
    ]


def listed_names(app: AppTest) -> list[str]:
    """Names in the list of plans, top to bottom (bold in the first column)."""
    return [
        shown(element.value).strip("*")
        for element in app.main.markdown
        if element.value.startswith("**")
    ]


def test_save_from_generate_then_open_rename_and_delete(
    app_database: str, signed_in: AppTest
) -> None:
    app = save_plan(signed_in)
    assert messages(app, "success") == [f"Saved “{DEFAULT_NAME}”."]
    assert metric_value(app, "Peak long run") == "30 km"

    open_page(app, SAVED_PLANS_PAGE)
    assert listed_names(app) == [DEFAULT_NAME]
    [plan_id] = plan_ids(app)

    app.button(key=f"open_plan_{plan_id}").click().run()
    assert app.query_params["plan"] == str(plan_id)
    assert shown(app.main.header[0].value) == DEFAULT_NAME
    assert metric_value(app, "Peak long run") == "30 km"
    assert metric_value(app, "Total distance") == DEFAULT_TOTAL
    assert len(app.get("plotly_chart")) == 3
    assert len(app.table[0].value) == 16

    text_input(app, "New name").input("Spring marathon")
    button(app, "Rename").click().run()
    assert messages(app, "success") == ["Renamed to “Spring marathon”."]
    assert listed_names(app) == ["Spring marathon"]
    assert shown(app.main.header[0].value) == "Spring marathon"

    app.button(key=f"delete_plan_{plan_id}").click().run()
    assert messages(app, "warning") == [
        "Delete “Spring marathon”? It cannot be undone."
    ]
    assert plan_ids(app) == [plan_id]
    app.button(key="confirm_plan_deletion").click().run()

    assert messages(app, "success") == ["Deleted “Spring marathon”."]
    assert plan_ids(app) == []
    assert "plan" not in app.query_params
    assert len(app.get("plotly_chart")) == 0


def test_cancelled_deletion_keeps_the_plan(signed_in: AppTest) -> None:
    save_plan(signed_in)
    app = open_page(signed_in, SAVED_PLANS_PAGE)
    [plan_id] = plan_ids(app)
    app.button(key=f"open_plan_{plan_id}").click().run()

    app.button(key=f"delete_plan_{plan_id}").click().run()
    app.button(key="cancel_plan_deletion").click().run()

    assert messages(app, "warning") == []
    assert plan_ids(app) == [plan_id]


def test_plans_are_listed_newest_first_with_their_figures(signed_in: AppTest) -> None:
    save_plan(signed_in, "First")
    signed_in.slider(key="weeks").set_value(20).run()
    save_plan(signed_in, "Second")

    app = open_page(signed_in, SAVED_PLANS_PAGE)

    assert listed_names(app) == ["Second", "First"]
    values = [shown(element.value) for element in app.main.markdown]
    for figure in ("20", "16", "4:00:00", "30 km", DEFAULT_TOTAL):
        assert figure in values


def test_renaming_to_an_empty_name_says_why(signed_in: AppTest) -> None:
    save_plan(signed_in)
    app = open_page(signed_in, SAVED_PLANS_PAGE)
    [plan_id] = plan_ids(app)
    app.button(key=f"open_plan_{plan_id}").click().run()

    text_input(app, "New name").input("   ")
    button(app, "Rename").click().run()

    assert messages(app, "error") == ["Plan name must not be empty."]
    assert listed_names(app) == [DEFAULT_NAME]


def test_two_plans_compare_in_one_chart(signed_in: AppTest) -> None:
    save_plan(signed_in, "Sixteen")
    signed_in.slider(key="weeks").set_value(20).run()
    save_plan(signed_in, "Twenty")
    app = open_page(signed_in, SAVED_PLANS_PAGE)
    twenty, sixteen = plan_ids(app)

    app.selectbox(key="compare_first").set_value(sixteen).run()
    assert len(app.get("plotly_chart")) == 0
    app.selectbox(key="compare_second").set_value(twenty).run()

    [chart] = app.get("plotly_chart")
    assert "Sixteen: weekly distance" in chart.proto.spec
    assert "Twenty: long run" in chart.proto.spec


def test_signed_out_save_leads_to_sign_in_and_the_plan_waits(
    signed_in: AppTest,
) -> None:
    app = sign_out(signed_in)
    open_page(app, GENERATE_PAGE)
    app.slider(key="weeks").set_value(20).run()
    assert messages(app, "success") == []

    app.button(key="save_plan").click().run()

    assert app.title[0].value == "Your account"
    assert messages(app, "info") == [SIGN_IN_TO_SAVE]
    sign_in(app, RUNNER, RUNNER_PASSWORD)
    app.button(key="back_to_plan").click().run()

    assert app.title[0].value == "Your marathon plan"
    assert app.slider(key="weeks").value == 20
    assert len(app.table[0].value) == 20
    assert text_input(app, "Plan name").value == "20 weeks · 4:00 · Sunday"
    # AppTest reruns the page its switch_page() chose, whatever the script
    # switched to since; a browser stays on Generate by itself.
    save_plan(app)
    assert messages(app, "success") == ["Saved “20 weeks · 4:00 · Sunday”."]


def test_saved_plans_page_itself_refuses_without_a_session(tmp_path: Path) -> None:
    """Listed for everyone by an entry point that forgets to check."""
    entry = tmp_path / "entry.py"
    entry.write_text(EVERY_PAGE_LISTED)
    (tmp_path / "app_pages").symlink_to(ROOT / "app_pages")
    app = AppTest.from_file(entry, default_timeout=TIMEOUT_S)
    app.query_params["plan"] = "1"

    app.run()

    assert not app.exception
    assert app.title[0].value == "Saved plans"
    assert messages(app, "info") == ["Sign in to see your saved plans."]
    assert messages(app, "error") == []
    assert plan_ids(app) == []
    assert len(app.get("plotly_chart")) == 0


def test_save_with_the_database_down_says_so_and_keeps_the_plan(
    signed_in: AppTest, monkeypatch: pytest.MonkeyPatch, unreachable_database: str
) -> None:
    monkeypatch.setenv("STRIDE_DATABASE_URL", unreachable_database)

    app = save_plan(signed_in)

    assert messages(app, "error") == [
        "Could not save the plan: the database is unreachable."
    ]
    assert metric_value(app, "Peak long run") == "30 km"
    assert len(app.get("plotly_chart")) == 3
    assert len(app.table[0].value) == 16
    assert not app.exception


def test_saved_plans_with_the_database_down_says_so(
    signed_in: AppTest, monkeypatch: pytest.MonkeyPatch, unreachable_database: str
) -> None:
    monkeypatch.setenv("STRIDE_DATABASE_URL", unreachable_database)

    app = open_page(signed_in, SAVED_PLANS_PAGE)

    assert messages(app, "error") == [
        "Could not list your plans: the database is unreachable."
    ]


def test_generate_works_with_the_database_down_from_the_start(
    monkeypatch: pytest.MonkeyPatch, unreachable_database: str
) -> None:
    monkeypatch.setenv("STRIDE_DATABASE_URL", unreachable_database)

    app = AppTest.from_file(APP, default_timeout=TIMEOUT_S).run()

    assert not app.exception
    assert not app.error
    assert metric_value(app, "Peak long run") == "30 km"


@pytest.mark.parametrize("plan_id", ["other", "999", "abc", "-1", ""])
def test_a_plan_id_in_the_address_that_is_not_yours_is_not_found(
    signed_in: AppTest, plan_id: str
) -> None:
    """Bea's plan, a missing id and garbage all read exactly alike."""
    save_plan(signed_in, "Ann's plan")
    app = sign_out(signed_in)
    register(app, "bea", "bea's long password")
    open_page(app, SAVED_PLANS_PAGE)
    assert plan_ids(app) == []
    others = "1"  # Ann's plan, the only one saved

    app.query_params["plan"] = others if plan_id == "other" else plan_id
    app.run()

    assert messages(app, "error") == [PLAN_NOT_FOUND]
    assert len(app.get("plotly_chart")) == 0
    assert not app.main.header


def test_a_plan_id_in_the_address_opens_the_plan(signed_in: AppTest) -> None:
    save_plan(signed_in, "By address")
    app = open_page(signed_in, SAVED_PLANS_PAGE)
    [plan_id] = plan_ids(app)

    app.query_params["plan"] = str(plan_id)
    app.run()

    assert shown(app.main.header[0].value) == "By address"
    assert metric_value(app, "Peak long run") == "30 km"


def test_signed_out_saved_plans_is_not_in_the_navigation(signed_in: AppTest) -> None:
    app = sign_out(signed_in).run()

    with pytest.raises(ValueError, match="Could not find a navigation page"):
        app.switch_page(SAVED_PLANS_PAGE)
    assert RUNNER not in app.sidebar.page_link[0].label


def test_a_plan_with_every_option_reopens_exactly_as_saved(
    app_database: str, signed_in: AppTest, media_files: dict[str, bytes]
) -> None:
    today = dt.date.today()
    race_date = today + dt.timedelta(weeks=20, days=6 - today.weekday())
    app = open_page(signed_in, GENERATE_PAGE)
    app.date_input(key="race_date").set_value(race_date)
    app.radio(key="unit").set_value("mi")
    app.toggle(key="recovery_weeks").set_value(True)
    app.selectbox(key="recent_race").set_value("half marathon").run()
    app.text_input(key="recent_race_time").input("1:55:00").run()
    assert not app.error
    saved_table = app.table[0].value
    saved_texts = [element.value for element in app.main.markdown]
    save_plan(app)

    # The sidebar moves on: back to km, no race date, no recent race.
    app.radio(key="unit").set_value("km")
    app.date_input(key="race_date").set_value(None)
    app.selectbox(key="recent_race").set_value("None").run()
    open_page(app, SAVED_PLANS_PAGE)
    [plan_id] = plan_ids(app)
    app.button(key=f"open_plan_{plan_id}").click().run()

    assert not app.exception
    assert metric_value(app, "Peak long run") == "18.6 mi"
    assert app.table[0].value.equals(saved_table)
    assert app.table[0].value.iloc[0]["Starts"] == saved_table.iloc[0]["Starts"]
    texts = [element.value for element in app.main.markdown]
    for line in saved_texts:
        if line.startswith(("Paces:", "Your recent race", "First day:", "Flags")):
            assert line in texts
    assert any(line.startswith("Your recent race") for line in texts)
    assert any(
        chart.proto.id.endswith("saved_plan_health")
        for chart in app.get("plotly_chart")
    )

    ics = media_files[app.download_button(key="saved_plan_ics").proto.url]
    events = icalendar.Calendar.from_ical(ics).walk("VEVENT")
    assert str(events[0]["uid"]).startswith(f"stride-plan-{plan_id}-")
    pdf = media_files[app.download_button(key="saved_plan_pdf").proto.url]
    assert pdf.startswith(b"%PDF")
