"""Accounts and saved plans in headless Chromium, remembered-login cookie included."""

from __future__ import annotations

import time
import uuid
from datetime import datetime, timedelta
from typing import Any

import jwt
import pytest

from stride_app.authenticator import COOKIE_NAME
from tests.browser.conftest import wait_for_run

pytestmark = pytest.mark.browser

# Generous: the first run of a fresh server imports pandas and Plotly.
TIMEOUT_MS = 30_000
PASSWORD = "a long enough password"
HEADINGS = {
    "Generate": "Your marathon plan",
    "Saved plans": "Saved plans",
    "Account": "Your account",
}


def unique_name() -> str:
    """A username no other test of this server session uses."""
    return f"runner-{uuid.uuid4().hex[:8]}"


def nav_link(page: Any, title: str) -> Any:
    return page.get_by_test_id("stSidebarNav").get_by_role("link", name=title)


def go_to(page: Any, title: str) -> None:
    """Follow the sidebar's navigation link to the page of this title."""
    from playwright.sync_api import expect

    nav_link(page, title).click()
    heading = page.get_by_role("heading", level=1, name=HEADINGS[title])
    expect(heading).to_be_visible(timeout=TIMEOUT_MS)
    wait_for_run(page)


def register(page: Any, username: str) -> None:
    """Create an account on the Account page; it signs in."""
    from playwright.sync_api import expect

    go_to(page, "Account")
    page.get_by_role("tab", name="Create an account").click()
    page.get_by_label("Choose a username").fill(username)
    page.get_by_label("Choose a password", exact=True).fill(PASSWORD)
    page.get_by_label("Repeat the password", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Create account").click()
    expect(nav_link(page, "Saved plans")).to_be_visible(timeout=TIMEOUT_MS)
    wait_for_run(page)


def sign_in(page: Any, username: str) -> None:
    from playwright.sync_api import expect

    page.get_by_label("Username", exact=True).fill(username)
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(nav_link(page, "Saved plans")).to_be_visible(timeout=TIMEOUT_MS)
    wait_for_run(page)


def sign_out(page: Any) -> None:
    from playwright.sync_api import expect

    go_to(page, "Account")
    page.get_by_role("button", name="Sign out").click()
    expect(nav_link(page, "Saved plans")).to_have_count(0, timeout=TIMEOUT_MS)
    wait_for_run(page)


def expect_signed_out(page: Any) -> None:
    """The sign-in form, no Saved plans in the navigation, no exception."""
    from playwright.sync_api import expect

    expect(page.get_by_role("button", name="Sign in")).to_be_visible(timeout=TIMEOUT_MS)
    wait_for_run(page)
    expect(nav_link(page, "Saved plans")).to_have_count(0)
    expect(page.get_by_test_id("stException")).to_have_count(0)
    expect(page.get_by_test_id("stSidebar")).to_contain_text("Sign in or register")


def login_cookie(page: Any) -> dict[str, Any] | None:
    """The remembered-login cookie the browser holds, if any."""
    return next((c for c in page.context.cookies() if c["name"] == COOKIE_NAME), None)


def wait_for_cookie(page: Any, present: bool) -> dict[str, Any] | None:
    """Wait until the cookie component has set (or deleted) the cookie."""
    deadline = time.monotonic() + TIMEOUT_MS / 1000
    while time.monotonic() < deadline:
        cookie = login_cookie(page)
        if (cookie is not None) == present:
            return cookie
        page.wait_for_timeout(100)
    pytest.fail(f"the {COOKIE_NAME} cookie never became {present=}")


def test_save_sign_out_reload_sign_in_and_open_the_plan(
    app_page: Any, app_url: str, outside_requests: list[str]
) -> None:
    from playwright.sync_api import expect

    page = app_page
    username = unique_name()
    register(page, username)
    expect(page.get_by_test_id("stSidebar")).to_contain_text(f"Signed in as {username}")

    go_to(page, "Generate")
    page.get_by_label("Plan name").fill("Browser marathon")
    page.get_by_role("button", name="Save plan").click()
    expect(page.get_by_test_id("stAlert")).to_contain_text(
        "Saved “Browser marathon”.", timeout=TIMEOUT_MS
    )

    sign_out(page)
    expect_signed_out(page)
    page.reload()
    expect_signed_out(page)

    sign_in(page, username)
    go_to(page, "Saved plans")
    expect(page.get_by_test_id("stMain")).to_contain_text("Browser marathon")
    page.locator("[class*='st-key-open_plan_'] button").click()
    expect_open_plan(page, "Browser marathon")
    assert "plan=" in page.url

    # The address opens the plan in a new tab too: the remembered login
    # signs the runner in before the pages are chosen.
    second = page.context.new_page()
    second.goto(page.url)
    expect_open_plan(second, "Browser marathon")
    assert outside_requests == []


def expect_open_plan(page: Any, name: str) -> None:
    """The open plan's heading, metrics and its two plan charts, drawn."""
    from playwright.sync_api import expect

    charts = page.get_by_test_id("stPlotlyChart")
    for title in ("Weekly distance", "Long-run progression"):
        chart = charts.filter(has=page.locator(".gtitle", has_text=title))
        chart.locator(".main-svg").first.wait_for(timeout=TIMEOUT_MS)
    expect(page.get_by_role("heading", name=name)).to_be_visible()
    expect(page.get_by_test_id("stMetricValue").first).to_have_text("30 km")


def test_remembered_login_survives_a_reload_but_not_a_sign_out(
    app_page: Any,
) -> None:
    from playwright.sync_api import expect

    page = app_page
    username = unique_name()
    register(page, username)
    cookie = wait_for_cookie(page, present=True)

    page.reload()
    page.get_by_test_id("stHeading").first.wait_for()
    expect(nav_link(page, "Saved plans")).to_be_visible(timeout=TIMEOUT_MS)
    expect(page.get_by_test_id("stSidebar")).to_contain_text(f"Signed in as {username}")

    sign_out(page)
    wait_for_cookie(page, present=False)
    page.context.add_cookies([cookie])
    page.reload()

    expect_signed_out(page)
    # The refused cookie is deleted, not tried again on every visit.
    wait_for_cookie(page, present=False)


def _claims() -> dict[str, object]:
    exp_date = (datetime.now() + timedelta(days=30)).timestamp()
    return {"username": "nobody", "exp_date": exp_date}


FOREIGN_COOKIES = {
    "garbage": "not a token at all",
    "other-key": jwt.encode(_claims(), "not Stride's key " * 4, algorithm="HS256"),
    "alg-none": jwt.encode(_claims(), None, algorithm="none"),
    "hs512": jwt.encode(_claims(), "x" * 64, algorithm="HS512"),
}


@pytest.mark.parametrize("value", FOREIGN_COOKIES.values(), ids=FOREIGN_COOKIES)
def test_a_foreign_cookie_shows_the_sign_in_form_and_no_exception(
    chromium: Any, app_url: str, value: str
) -> None:
    context = chromium.new_context()
    context.add_cookies([{"name": COOKIE_NAME, "value": value, "url": app_url}])
    page = context.new_page()
    try:
        page.goto(f"{app_url}/account")
        page.get_by_test_id("stHeading").first.wait_for()

        expect_signed_out(page)
        wait_for_cookie(page, present=False)
    finally:
        context.close()
