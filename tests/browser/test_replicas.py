"""Two replicas behind nginx on the MariaDB server, in a real Chromium.

Register and save through nginx; the other replica, addressed directly,
lists the plan after sign-in; a remembered login and an access token
from one replica are accepted by the other; then the replica holding the
runner's tab stops and the next page load is served by the other with
no saved plan lost.
"""

from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import Iterator
from typing import Any

import pytest
from sqlalchemy import text

from auth.keys import load_keys
from auth.tokens import issue_access_token, verify_access_token
from db.sessions import build_engine
from deploy.cluster import NGINX, LocalCluster
from settings import load_settings
from tests.browser.conftest import VIEWPORT, wait_for_run
from tests.browser.test_account_in_browser import (
    TIMEOUT_MS,
    go_to,
    nav_link,
    register,
    sign_in,
    wait_for_cookie,
)
from tests.db.databases import MYSQL_URL, require_mysql

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def cluster() -> Iterator[LocalCluster]:
    """Two replicas and nginx, on a MariaDB database of this module's own."""
    if shutil.which("nginx") is None and not os.access(NGINX, os.X_OK):
        if os.environ.get("CI") == "true":
            pytest.fail("CI=true, so the replica tests must run, but nginx is absent")
        pytest.skip("nginx is absent (apt-get install nginx-light)")
    require_mysql()

    name = f"stride_replicas_{uuid.uuid4().hex[:8]}"
    server = build_engine(MYSQL_URL)
    with server.begin() as connection:
        connection.execute(text(f"CREATE DATABASE `{name}` CHARACTER SET utf8mb4"))
    url = server.url.set(database=name).render_as_string(hide_password=False)
    try:
        with LocalCluster(url) as running:
            yield running
    finally:
        with server.begin() as connection:
            connection.execute(text(f"DROP DATABASE IF EXISTS `{name}`"))
        server.dispose()


def _open(chromium: Any, url: str, cookies: list[dict[str, Any]] = ()) -> Any:
    context = chromium.new_context(viewport=VIEWPORT)
    context.add_cookies(
        [{"name": c["name"], "value": c["value"], "url": url} for c in cookies]
    )
    context.route(
        "**/*",
        lambda route: (
            route.continue_()
            if route.request.url.startswith(f"{url}/")
            else route.abort()
        ),
    )
    page = context.new_page()
    page.goto(url)
    wait_for_run(page)
    return page


def _saved_plan_names(page: Any) -> str:
    from playwright.sync_api import expect

    go_to(page, "Saved plans")
    expect(page.get_by_test_id("stMain")).to_contain_text(
        "Replica marathon", timeout=TIMEOUT_MS
    )
    return page.get_by_test_id("stMain").inner_text()


def test_replicas_share_plans_sessions_and_tokens(chromium: Any, cluster) -> None:
    from playwright.sync_api import expect

    page = _open(chromium, cluster.url)
    username = f"runner-{uuid.uuid4().hex[:8]}"
    register(page, username)
    go_to(page, "Generate")
    page.get_by_label("Plan name").fill("Replica marathon")
    page.get_by_role("button", name="Save plan").click()
    expect(page.get_by_test_id("stAlert")).to_contain_text("Saved", timeout=TIMEOUT_MS)
    cookie = wait_for_cookie(page, present=True)
    route = next(
        c["value"] for c in page.context.cookies() if c["name"] == "stride_route"
    )
    serving = cluster.replica_for_route(route)
    other = 1 - serving

    # The other replica, addressed directly, lists the plan after sign-in.
    direct = _open(chromium, cluster.replica_url(other))
    go_to(direct, "Account")
    sign_in(direct, username)
    assert "Replica marathon" in _saved_plan_names(direct)
    direct.context.close()

    # The remembered login set through one replica is honoured by the other.
    remembered = _open(chromium, cluster.replica_url(other), [cookie])
    expect(nav_link(remembered, "Saved plans")).to_be_visible(timeout=TIMEOUT_MS)
    remembered.context.close()

    # An access token signed with one replica's settings verifies with the
    # other's: both read the same key files.
    env = {k: v for k, v in cluster.environment.items() if k.startswith("STRIDE_")}
    signer, checker = load_keys(load_settings(env)), load_keys(load_settings(env))
    token = issue_access_token(signer, 42)
    assert verify_access_token(checker.public_key, token).user_id == 42

    # The replica holding the tab stops; the next load is served by the
    # other, which signs the runner in from the cookie, and the plan is there.
    cluster.stop_replica(serving)
    page.reload()
    wait_for_run(page)
    expect(nav_link(page, "Saved plans")).to_be_visible(timeout=TIMEOUT_MS)
    assert "Replica marathon" in _saved_plan_names(page)
    assert cluster.replica_for_route(route) == other
    page.context.close()
