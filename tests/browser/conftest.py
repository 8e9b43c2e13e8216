"""Fixtures of the browser tests: ``streamlit run app.py`` and headless Chromium.

Without Chromium or Playwright these tests skip, except in CI (``CI=true``)
where a missing browser is a failure rather than a silent pass.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
# No sandbox: the tests run as root in a container. The rest keep Chromium
# from calling any host but the app under test.
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
HOST = "127.0.0.1"
SERVER_START_TIMEOUT_S = 90
VIEWPORT = {"width": 1400, "height": 900}
EXPECT_TIMEOUT_MS = 30_000


def _missing_browser() -> str | None:
    """Why the browser tests cannot run here, or None when they can."""
    if not CHROMIUM.exists():
        return f"{CHROMIUM} is absent (apt-get install chromium)"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "the playwright package is not installed"
    return None


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


def _wait_until_healthy(url: str, server: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + SERVER_START_TIMEOUT_S
    while time.monotonic() < deadline:
        if server.poll() is not None:
            pytest.fail(
                f"streamlit exited with {server.returncode}:\n{log.read_text()}"
            )
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as reply:
                if reply.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.25)
    pytest.fail(f"streamlit did not answer on {url}:\n{log.read_text()}")


@pytest.fixture(scope="session")
def app_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """URL of ``streamlit run app.py`` on a free port of 127.0.0.1."""
    port = _free_port()
    url = f"http://{HOST}:{port}"
    log = tmp_path_factory.mktemp("streamlit") / "server.log"
    command = [
        sys.executable, "-m", "streamlit", "run", "app.py",
        "--server.address", HOST,
        "--server.port", str(port),
        "--server.headless", "true",
        "--browser.gatherUsageStats", "false",
        "--server.fileWatcherType", "none",
    ]  # fmt: skip
    # A data folder (SQLite file, keys) of the test session's own, and no
    # STRIDE_* setting of the developer's shell.
    environment = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith("STRIDE_")
    }
    environment["STRIDE_DATA_DIR"] = str(tmp_path_factory.mktemp("data"))
    with log.open("wb") as output:
        server = subprocess.Popen(
            command,
            cwd=ROOT,
            env=environment,
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    try:
        _wait_until_healthy(url, server, log)
        yield url
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


@pytest.fixture(scope="session")
def chromium() -> Iterator[Any]:
    """Headless Debian Chromium driven by Playwright's sync API."""
    reason = _missing_browser()
    if reason is not None:
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI=true, so browser tests must run, but {reason}")
        pytest.skip(f"browser tests need Chromium and Playwright: {reason}")

    from playwright.sync_api import expect, sync_playwright

    # A busy 2-core machine can take longer than Playwright's 5 s default
    # to rerun the app; a real failure still shows, only later.
    expect.set_options(timeout=EXPECT_TIMEOUT_MS)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_FLAGS
        )
        yield browser
        browser.close()


@pytest.fixture
def outside_requests() -> list[str]:
    """URLs the page tried to reach on any host but the app's (all blocked)."""
    return []


@pytest.fixture
def app_page(chromium: Any, app_url: str, outside_requests: list[str]) -> Iterator[Any]:
    """A fresh session on the Generate page, its first run finished."""
    context = chromium.new_context(viewport=VIEWPORT)

    def keep_local(route: Any) -> None:
        if route.request.url.startswith(f"{app_url}/"):
            route.continue_()
        else:
            outside_requests.append(route.request.url)
            route.abort()

    context.route("**/*", keep_local)
    page = context.new_page()
    page.goto(app_url)
    wait_for_run(page)
    yield page
    context.close()


def wait_for_run(page: Any) -> None:
    """Wait until the app has drawn and its script has stopped running.

    ``notRunning`` also holds before the first run, hence waiting for the
    main area's title first.
    """
    page.get_by_test_id("stHeading").first.wait_for()
    page.locator(
        '[data-testid="stApp"][data-test-script-state="notRunning"]'
    ).wait_for()
