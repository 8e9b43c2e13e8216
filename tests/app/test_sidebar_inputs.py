"""Sidebar inputs keep their values across pages and reruns."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from stride_app.sidebar import DEFAULTS, PlanInputs

ROOT = Path(__file__).resolve().parents[2]
GENERATE_PAGE = ROOT / "app_pages" / "generate.py"

# app.py has one page for now. This app has the real Generate page and a
# second page, and draws the real sidebar either on every page (as app.py
# does) or on Generate only, the case where Streamlit drops widget values.
TWO_PAGE_APP = """
import streamlit as st

from stride_app.sidebar import draw_plan_inputs

page = st.navigation(
    [st.Page({generate!r}, title="Generate"), st.Page("other.py", title="Other")]
)
if {sidebar_on_every_page} or page.title == "Generate":
    draw_plan_inputs()
page.run()
"""
TODAY = dt.date(2026, 12, 4)
# A Sunday far enough ahead of any day these tests run for a 20-week plan.
RACE_DATE = dt.date.today() + dt.timedelta(weeks=30, days=6 - dt.date.today().weekday())
CHANGED = {
    "weeks": 20,
    "runs_per_week": 6,
    "target_time": dt.time(2, 55),
    "first_long_run_km": 9.5,
    "long_run_day": "Saturday",
    "race_date": RACE_DATE,
    "recent_race": "half marathon",
    "recent_race_time": "1:25:00",
    "recovery_weeks": True,
    "unit": "mi",
}


@pytest.fixture(params=[True, False], ids=["sidebar-everywhere", "sidebar-on-one"])
def two_page_app(request: pytest.FixtureRequest, tmp_path: Path) -> AppTest:
    script = TWO_PAGE_APP.format(
        generate=str(GENERATE_PAGE), sidebar_on_every_page=request.param
    )
    (tmp_path / "app.py").write_text(script)
    (tmp_path / "other.py").write_text('import streamlit as st\nst.write("Other")\n')
    return AppTest.from_file(tmp_path / "app.py", default_timeout=60).run()


def set_inputs(app: AppTest, values: dict[str, object]) -> None:
    app.slider(key="weeks").set_value(values["weeks"])
    app.slider(key="runs_per_week").set_value(values["runs_per_week"])
    app.slider(key="target_time").set_value(values["target_time"])
    app.number_input(key="first_long_run_km").set_value(values["first_long_run_km"])
    app.radio(key="long_run_day").set_value(values["long_run_day"])
    app.date_input(key="race_date").set_value(values["race_date"])
    # The time field is enabled once a recent race is chosen.
    app.selectbox(key="recent_race").set_value(values["recent_race"]).run()
    app.text_input(key="recent_race_time").input(values["recent_race_time"])
    app.toggle(key="recovery_weeks").set_value(values["recovery_weeks"])
    app.radio(key="unit").set_value(values["unit"])
    app.run()


def widget_values(app: AppTest) -> dict[str, object]:
    return {
        "weeks": app.slider(key="weeks").value,
        "runs_per_week": app.slider(key="runs_per_week").value,
        "target_time": app.slider(key="target_time").value,
        "first_long_run_km": app.number_input(key="first_long_run_km").value,
        "long_run_day": app.radio(key="long_run_day").value,
        "race_date": app.date_input(key="race_date").value,
        "recent_race": app.selectbox(key="recent_race").value,
        "recent_race_time": app.text_input(key="recent_race_time").value,
        "recovery_weeks": app.toggle(key="recovery_weeks").value,
        "unit": app.radio(key="unit").value,
    }


def test_inputs_survive_a_visit_to_another_page(two_page_app: AppTest) -> None:
    app = two_page_app
    set_inputs(app, CHANGED)

    app.switch_page("other.py").run()
    assert not app.exception
    assert [m.value for m in app.markdown] == ["Other"]

    app.switch_page(str(GENERATE_PAGE)).run()
    assert not app.exception
    assert not app.error
    assert widget_values(app) == CHANGED
    assert len(app.table[0].value) == 20
    assert app.table[0].value.iloc[0]["Saturday"].startswith("Long ")
    assert "Total (mi)" in app.table[0].value.columns
    assert "Starts" in app.table[0].value.columns


def test_inputs_survive_reruns_without_change(two_page_app: AppTest) -> None:
    set_inputs(two_page_app, CHANGED)

    two_page_app.run()
    two_page_app.run()

    assert widget_values(two_page_app) == CHANGED


def test_first_run_shows_the_defaults(two_page_app: AppTest) -> None:
    assert widget_values(two_page_app) == DEFAULTS


def test_inputs_turn_into_engine_fields() -> None:
    inputs = PlanInputs(**CHANGED)

    assert inputs.request_fields(TODAY) == {
        "weeks": 20,
        "runs_per_week": 6,
        "target_time": "2:55",
        "first_long_run_km": 9.5,
        "long_run_day": "Saturday",
        "race_date": RACE_DATE,
        "today": TODAY,
        "recent_race_distance": "half marathon",
        "recent_race_time": "1:25:00",
        "recovery_weeks": True,
        "unit": "mi",
    }


def test_without_a_recent_race_its_time_is_ignored() -> None:
    inputs = PlanInputs(**{**CHANGED, "recent_race": "None"})

    fields = inputs.request_fields(TODAY)

    assert fields["recent_race_distance"] is None
    assert fields["recent_race_time"] is None
