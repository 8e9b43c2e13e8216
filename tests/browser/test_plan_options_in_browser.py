"""Units, race date and the calendar download in headless Chromium."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import icalendar
import pytest

from stride_engine import build_request, generate_plan
from tests.browser.conftest import wait_for_run

pytestmark = pytest.mark.browser

TIMEOUT_MS = 30_000
TODAY = dt.date.today()
# The Sunday 20 weeks from now: room for the default 16-week plan.
RACE_DATE = TODAY + dt.timedelta(weeks=20, days=6 - TODAY.weekday())


def sidebar(page: Any) -> Any:
    return page.get_by_test_id("stSidebar")


def weekly_table(page: Any) -> Any:
    """The weekly table, the first on the page (the health table follows)."""
    return page.get_by_test_id("stTable").first


def set_race_date(page: Any, day: dt.date) -> None:
    """Type a date into the sidebar's race-date field, then leave it.

    The field is a row of year, month and day spin buttons; typing a
    segment's digits moves on to the next one. The value is sent once the
    field loses focus, hence the click on the page's title.
    """
    year = sidebar(page).get_by_role("spinbutton", name="year, Race date")
    year.click()
    page.keyboard.type(f"{day:%Y%m%d}")
    page.keyboard.press("Escape")
    page.get_by_test_id("stHeading").first.click()


def test_switching_units_to_miles_changes_metrics_and_table(app_page: Any) -> None:
    from playwright.sync_api import expect

    values = app_page.get_by_test_id("stMetricValue")
    expect(values.first).to_have_text("30 km")

    sidebar(app_page).get_by_test_id("stRadio").filter(has_text="Units").get_by_text(
        "mi", exact=True
    ).click()

    expect(values.first).to_have_text("18.6 mi", timeout=TIMEOUT_MS)
    table = weekly_table(app_page)
    expect(table.locator("thead")).to_contain_text("Total (mi)")
    expect(table.locator("tbody tr").first).to_contain_text(
        "Easy 2.5 mi · 9:49-11:44 /mi"
    )
    expect(table).not_to_contain_text(" km")


def test_a_race_date_adds_the_starts_column(app_page: Any) -> None:
    from playwright.sync_api import expect

    start = generate_plan(
        build_request(
            weeks=16,
            runs_per_week=4,
            target_time="4:00",
            first_long_run_km=8,
            long_run_day="sunday",
            race_date=RACE_DATE,
            today=TODAY,
        )
    ).start_date
    table = weekly_table(app_page)
    expect(table.locator("thead")).not_to_contain_text("Starts")

    set_race_date(app_page, RACE_DATE)

    expect(table.locator("thead")).to_contain_text("Starts", timeout=TIMEOUT_MS)
    expect(table.locator("tbody tr").first).to_contain_text(start.isoformat())
    expect(app_page.get_by_test_id("stAlert")).to_have_count(0)


def test_the_calendar_download_is_served(app_page: Any, tmp_path: Path) -> None:
    from playwright.sync_api import expect

    calendar_button = app_page.get_by_role("button", name="Download calendar (.ics)")
    expect(calendar_button).to_be_disabled(timeout=TIMEOUT_MS)

    set_race_date(app_page, RACE_DATE)
    expect(calendar_button).to_be_enabled(timeout=TIMEOUT_MS)
    wait_for_run(app_page)
    with app_page.expect_download(timeout=TIMEOUT_MS) as download:
        calendar_button.click()

    assert download.value.suggested_filename == "stride-plan.ics"
    saved = tmp_path / "plan.ics"
    download.value.save_as(saved)
    events = icalendar.Calendar.from_ical(saved.read_bytes()).walk("VEVENT")
    assert len(events) == 16 * 4
    assert events[-1].decoded("dtstart") == RACE_DATE
