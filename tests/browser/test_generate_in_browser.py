"""The Generate page in headless Chromium against ``streamlit run app.py``."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.browser.conftest import ROOT, wait_for_run

pytestmark = pytest.mark.browser

SCREENSHOT = ROOT / "docs" / "screenshot-generate.png"
# Generous: the first run of a fresh server imports pandas and Plotly.
TIMEOUT_MS = 30_000


def table_rows(page: Any) -> Any:
    """Body rows of the weekly table (st.table is real HTML, one tr a week).

    The weekly table comes first; the plan-health table follows it.
    """
    return page.get_by_test_id("stTable").first.locator("tbody tr")


def sidebar_slider(page: Any, label: str) -> Any:
    """The thumb of the sidebar slider with this label."""
    return page.get_by_test_id("stSidebar").get_by_role("slider", name=label)


def wait_for_charts(page: Any) -> None:
    charts = page.get_by_test_id("stPlotlyChart")
    for index in range(2):
        charts.nth(index).locator(".main-svg").first.wait_for(timeout=TIMEOUT_MS)


def test_page_loads_with_the_default_plan(
    app_page: Any, outside_requests: list[str]
) -> None:
    from playwright.sync_api import expect

    values = app_page.get_by_test_id("stMetricValue")
    expect(values.first).to_have_text("30 km")
    expect(app_page.get_by_test_id("stException")).to_have_count(0)
    expect(table_rows(app_page)).to_have_count(16)
    expect(sidebar_slider(app_page, "Weeks")).to_have_value("16")
    wait_for_charts(app_page)
    assert outside_requests == []


def test_plan_and_health_charts_draw(app_page: Any) -> None:
    from playwright.sync_api import expect

    wait_for_charts(app_page)

    charts = app_page.get_by_test_id("stPlotlyChart")
    expect(charts).to_have_count(3)
    expect(charts.locator(".gtitle")).to_have_text(
        ["Weekly distance", "Long-run progression", "Plan health"]
    )
    expect(charts.nth(0).locator(".trace.bars")).to_have_count(4)


def test_moving_the_weeks_slider_changes_the_table_rows(app_page: Any) -> None:
    from playwright.sync_api import expect

    weeks = sidebar_slider(app_page, "Weeks")
    weeks.focus()
    for _ in range(4):
        weeks.press("ArrowRight")

    expect(weeks).to_have_value("20")
    expect(table_rows(app_page)).to_have_count(20, timeout=TIMEOUT_MS)
    weeks.press("Home")
    expect(table_rows(app_page)).to_have_count(8, timeout=TIMEOUT_MS)


def test_quick_key_presses_are_not_undone_by_reruns(app_page: Any) -> None:
    from playwright.sync_api import expect

    weeks = sidebar_slider(app_page, "Weeks")
    weeks.focus()
    for _ in range(14):
        weeks.press("ArrowRight", delay=20)

    expect(table_rows(app_page)).to_have_count(30, timeout=TIMEOUT_MS)
    wait_for_run(app_page)
    expect(weeks).to_have_value("30")


def test_bad_first_long_run_shows_the_message_and_no_plan(app_page: Any) -> None:
    from playwright.sync_api import expect

    first_long_run = app_page.get_by_label("First long run (km)", exact=True)
    first_long_run.fill("40")
    first_long_run.press("Enter")

    message = app_page.get_by_test_id("stAlert").get_by_test_id("stMarkdownContainer")
    expect(message).to_have_text(
        "first long run must be at least 3 km and less than the peak long run "
        "of 30 km for a 4:00:00 target (got 40 km)",
        timeout=TIMEOUT_MS,
    )
    wait_for_run(app_page)
    expect(app_page.get_by_test_id("stPlotlyChart")).to_have_count(0)
    expect(app_page.get_by_test_id("stTable")).to_have_count(0)
    expect(app_page.get_by_test_id("stException")).to_have_count(0)


def test_screenshot_of_the_generate_page(app_page: Any) -> None:
    """Writes the README's screenshot: the whole page, default inputs."""
    wait_for_charts(app_page)
    # The main area scrolls inside the window: grow the window to fit it.
    height = app_page.get_by_test_id("stMain").evaluate("main => main.scrollHeight")
    app_page.set_viewport_size({"width": 1400, "height": height})
    wait_for_charts(app_page)
    app_page.wait_for_timeout(500)  # Plotly redraws after the resize.

    SCREENSHOT.parent.mkdir(exist_ok=True)
    app_page.screenshot(path=SCREENSHOT, full_page=True)

    assert SCREENSHOT.stat().st_size > 50_000
    assert Path(SCREENSHOT).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
