"""Race date, recent race, recovery weeks and units on the Generate page."""

from __future__ import annotations

import datetime as dt
import json

import icalendar
import pytest
from streamlit.testing.v1 import AppTest

from stride_app.health_view import summary
from stride_app.views import NO_CALENDAR, long_date
from stride_engine import Plan, build_request, generate_plan
from stride_engine.export import paces_summary, workout_pace, workout_text
from stride_engine.health import assess_plan
from stride_engine.paces import check_target
from stride_engine.units import Unit, format_distance, format_km
from tests.app.conftest import ACCOUNT_PAGE, messages, open_page

DEFAULTS = {
    "weeks": 16,
    "runs_per_week": 4,
    "target_time": "4:00",
    "first_long_run_km": 8,
    "long_run_day": "sunday",
}
TODAY = dt.date.today()
# The Sunday 20 weeks from now: far enough for a 16-week plan on any day.
RACE_DATE = TODAY + dt.timedelta(weeks=20, days=6 - TODAY.weekday())


def expected_plan(**changes: object) -> Plan:
    """The plan the engine makes from the defaults with ``changes``."""
    fields = {**DEFAULTS, **changes}
    if "race_date" in fields:
        fields["today"] = TODAY
    return generate_plan(build_request(**fields))


def metric_value(app: AppTest, label: str) -> str:
    """The value a metric shows, found by its label."""
    return next(metric.value for metric in app.metric if metric.label == label)


def texts(app: AppTest) -> list[str]:
    """Every Markdown text of the main area."""
    return [element.value for element in app.main.markdown]


def chart_keys(app: AppTest) -> list[str]:
    """Keys of the drawn Plotly charts (their element ids end with the key)."""
    return [chart.proto.id.rsplit("-", 1)[-1] for chart in app.get("plotly_chart")]


def chart_spec(app: AppTest, key: str) -> dict[str, object]:
    """The figure JSON of the chart with this key."""
    chart = next(c for c in app.get("plotly_chart") if c.proto.id.endswith(key))
    return json.loads(chart.proto.spec)


def cell(plan: Plan, week: int, day: str, unit: Unit) -> str:
    """A table cell as the engine words it: the workout and its pace."""
    workout = next(w for w in plan.weeks[week - 1].workouts if w.day.value == day)
    return f"{workout_text(workout, unit)} · {workout_pace(plan, workout, unit)}"


def served(app: AppTest, media_files: dict[str, bytes], key: str) -> bytes:
    """The bytes behind the download button with this key."""
    return media_files[app.download_button(key=key).proto.url]


def test_miles_change_every_distance_and_pace_and_km_come_back(
    app: AppTest,
) -> None:
    plan = expected_plan()

    app.radio(key="unit").set_value("mi").run()

    assert not app.exception
    assert metric_value(app, "Peak long run") == "18.6 mi"
    assert metric_value(app, "Total distance") == format_distance(
        plan.total_km, Unit.MI
    )
    week_one = app.table[0].value.iloc[0]
    assert week_one["Tuesday"] == "Easy 2.5 mi · 9:49-11:44 /mi"
    assert week_one["Tuesday"] == cell(plan, 1, "tuesday", Unit.MI)
    assert week_one["Sunday"] == cell(plan, 1, "sunday", Unit.MI)
    assert week_one["Total (mi)"] == "13.0"
    assert "Total (km)" not in app.table[0].value.columns
    assert paces_summary(plan, Unit.MI) in texts(app)
    for key in ("generate_weekly_distance", "generate_long_run", "generate_health"):
        assert chart_spec(app, key)["layout"]["yaxis"]["title"]["text"] == "mi"

    app.radio(key="unit").set_value("km").run()

    assert metric_value(app, "Peak long run") == "30 km"
    assert metric_value(app, "Total distance") == "695.2 km"
    week_one = app.table[0].value.iloc[0]
    assert week_one["Tuesday"] == cell(plan, 1, "tuesday", Unit.KM)
    assert week_one["Total (km)"] == "21"
    assert paces_summary(plan, Unit.KM) in texts(app)


def test_the_unit_stays_as_set_across_a_page_switch(app: AppTest) -> None:
    app.radio(key="unit").set_value("mi").run()

    open_page(app, ACCOUNT_PAGE)
    assert app.radio(key="unit").value == "mi"
    app.switch_page("app_pages/generate.py").run()

    assert app.radio(key="unit").value == "mi"
    assert metric_value(app, "Peak long run") == "18.6 mi"


def test_the_race_date_starts_empty_and_dates_the_table(app: AppTest) -> None:
    assert app.date_input(key="race_date").value is None
    assert "Starts" not in app.table[0].value.columns
    plan = expected_plan(race_date=RACE_DATE)

    app.date_input(key="race_date").set_value(RACE_DATE).run()

    assert not app.error
    table = app.table[0].value
    assert list(table.columns[:2]) == ["Week", "Starts"]
    assert table.iloc[0]["Starts"] == plan.start_date.isoformat()
    assert plan.start_date.weekday() == 0
    assert table.iloc[-1]["Starts"] == (RACE_DATE - dt.timedelta(days=6)).isoformat()
    assert (
        f"First day: {long_date(plan.start_date)}. Race day: {long_date(RACE_DATE)}."
        in texts(app)
    )


def test_long_dates_read_as_people_write_them() -> None:
    assert long_date(dt.date(2026, 12, 28)) == "Monday 28 December 2026"


@pytest.mark.parametrize(
    ("race_date", "message"),
    [
        (
            TODAY - dt.timedelta(days=1),
            "race date must be on or after {earliest} for a 16-week plan starting "
            "next Monday or later (got {race}, which is in the past)",
        ),
        (
            TODAY + dt.timedelta(weeks=4),
            "race date must be on or after {earliest} for a 16-week plan starting "
            "next Monday or later (got {race}, which is too close)",
        ),
    ],
    ids=["past", "too-close"],
)
def test_a_race_date_without_room_shows_the_engine_message_and_no_plan(
    app: AppTest, race_date: dt.date, message: str
) -> None:
    next_monday = TODAY + dt.timedelta(days=-TODAY.weekday() % 7)
    earliest = next_monday + dt.timedelta(weeks=15)

    app.date_input(key="race_date").set_value(race_date).run()

    assert messages(app, "error") == [
        message.format(earliest=earliest.isoformat(), race=race_date.isoformat())
    ]
    assert not app.get("plotly_chart")
    assert not app.table
    assert not app.download_button


def test_a_malformed_recent_race_time_shows_the_engine_message(app: AppTest) -> None:
    app.selectbox(key="recent_race").set_value("10K").run()
    app.text_input(key="recent_race_time").input("45 minutes").run()

    assert messages(app, "error") == [
        "recent race time must be a time like 20:00 (minutes:seconds) or "
        "1:45:00 (got '45 minutes')"
    ]
    assert not app.get("plotly_chart")


def test_a_recent_race_shows_the_target_check_and_sets_the_paces(
    app: AppTest,
) -> None:
    plan = expected_plan(recent_race_distance="10K", recent_race_time="45:00")
    line = check_target(plan.request.target_minutes, plan.request.recent_race).summary

    app.selectbox(key="recent_race").set_value("10K").run()
    app.text_input(key="recent_race_time").input("45:00").run()

    assert not app.error
    assert line in texts(app)
    assert paces_summary(plan) in texts(app)
    assert paces_summary(plan) != paces_summary(expected_plan())


def test_no_recent_race_means_no_target_check(app: AppTest) -> None:
    assert not [text for text in texts(app) if text.startswith("Your recent race")]
    assert app.text_input(key="recent_race_time").disabled


def test_recovery_weeks_change_the_week_4_total(app: AppTest) -> None:
    usual = expected_plan().weeks[3].total_km
    easier = expected_plan(recovery_weeks=True).weeks[3].total_km
    assert easier < usual
    assert app.table[0].value.iloc[3]["Total (km)"] == format_km(usual)

    app.toggle(key="recovery_weeks").set_value(True).run()

    assert app.table[0].value.iloc[3]["Total (km)"] == format_km(easier)


def test_the_calendar_download_has_an_event_a_run(
    app: AppTest, media_files: dict[str, bytes]
) -> None:
    plan = expected_plan(race_date=RACE_DATE)

    app.date_input(key="race_date").set_value(RACE_DATE).run()

    button = app.download_button(key="generate_ics")
    assert not button.disabled
    assert button.proto.url.endswith(".ics")
    calendar = icalendar.Calendar.from_ical(served(app, media_files, "generate_ics"))
    events = calendar.walk("VEVENT")
    assert len(events) == plan.run_count
    first_run = plan.weeks[0].workouts[0]
    assert events[0].decoded("dtstart") == plan.workout_date(1, first_run)
    assert NO_CALENDAR not in [caption.value for caption in app.caption]


def test_without_a_race_date_the_calendar_button_is_disabled_and_says_why(
    app: AppTest,
) -> None:
    button = app.download_button(key="generate_ics")

    assert button.disabled
    assert button.help == NO_CALENDAR
    assert NO_CALENDAR in [caption.value for caption in app.caption]


def test_the_pdf_download_is_a_pdf(app: AppTest, media_files: dict[str, bytes]) -> None:
    pdf = served(app, media_files, "generate_pdf")

    assert app.download_button(key="generate_pdf").proto.url.endswith(".pdf")
    assert pdf.startswith(b"%PDF")


def test_the_health_panel_is_drawn_with_its_chart_and_summary(app: AppTest) -> None:
    plan = expected_plan()

    assert "generate_health" in chart_keys(app)
    assert chart_spec(app, "generate_health")["layout"]["title"]["text"] == (
        "Plan health"
    )
    assert "Plan health" in [header.value for header in app.main.subheader]
    assert summary(assess_plan(plan)) in texts(app)
