"""Fixtures of the app tests: the app under AppTest and its served files."""

from __future__ import annotations

import os
import re
import socket
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import streamlit as st
from streamlit.runtime.memory_media_file_storage import MemoryMediaFileStorage
from streamlit.testing.v1 import AppTest
from streamlit.testing.v1 import app_test as app_test_module

from auth import passwords
from auth.keys import KeyPair, load_keys
from settings import load_settings
from stride_app import authenticator
from tests.db.databases import (  # noqa: F401
    database_url,
    engine,
    keys,
    mysql_database_url,
    other_keys,
    sessions,
)

ROOT = Path(__file__).resolve().parents[2]
APP = ROOT / "app.py"
# A first run imports plotly and pandas; later runs are far quicker.
TIMEOUT_S = 60
ACCOUNT_PAGE = "app_pages/account.py"
GENERATE_PAGE = "app_pages/generate.py"
SAVED_PLANS_PAGE = "app_pages/saved_plans.py"
RUNNER = "ann"
RUNNER_PASSWORD = "correct horse battery"


@pytest.fixture
def media_files(monkeypatch: pytest.MonkeyPatch) -> dict[str, bytes]:
    """Bytes of every file the app serves (downloads), by URL.

    AppTest makes a fresh in-memory media store for each run and drops it
    afterwards; this fixture swaps in one that also records what it got.
    """
    files: dict[str, bytes] = {}

    class RecordingStorage(MemoryMediaFileStorage):
        def load_and_get_id(
            self,
            path_or_data: str | bytes,
            mimetype: str,
            kind: object,
            filename: str | None = None,
        ) -> str:
            file_id = super().load_and_get_id(path_or_data, mimetype, kind, filename)
            files[self.get_url(file_id)] = self.get_file(file_id).content
            return file_id

    monkeypatch.setattr(app_test_module, "MemoryMediaFileStorage", RecordingStorage)
    return files


@pytest.fixture
def app(media_files: dict[str, bytes]) -> AppTest:
    """The app after its first run, on the Generate page with defaults."""
    return AppTest.from_file(APP, default_timeout=TIMEOUT_S).run()


@pytest.fixture(autouse=True)
def stride_data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A data folder of the test's own: SQLite file, keys, cookie key.

    Streamlit's resource cache lives as long as the process, so it is
    emptied around each test (which disposes the engines). The library's
    pause before the sign-in form is skipped and bcrypt runs at cost 4.
    """
    data_dir = tmp_path / "data"
    # Settings of the developer's shell (another database, say) stay out.
    for name in [name for name in os.environ if name.startswith("STRIDE_")]:
        if not name.startswith("STRIDE_TEST_"):
            monkeypatch.delenv(name)
    monkeypatch.setenv("STRIDE_DATA_DIR", str(data_dir))
    monkeypatch.setattr(authenticator, "LOGIN_SLEEP_SECONDS", 0)
    monkeypatch.setattr(passwords, "BCRYPT_ROUNDS", 4)
    st.cache_resource.clear()
    yield data_dir
    st.cache_resource.clear()


@pytest.fixture
def app_database(database_url: str, monkeypatch: pytest.MonkeyPatch) -> str:  # noqa: F811
    """The app on a clean, migrated SQLite file or MariaDB database."""
    monkeypatch.setenv("STRIDE_DATABASE_URL", database_url)
    return database_url


@pytest.fixture
def app_keys(stride_data: Path) -> KeyPair:
    """The key pair the app under test signs with, from its data folder."""
    return load_keys(load_settings())


@pytest.fixture
def unreachable_database() -> str:
    """A MySQL URL on a port of 127.0.0.1 where nothing listens."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    return f"mysql+pymysql://root@127.0.0.1:{port}/x?charset=utf8mb4"


@pytest.fixture
def signed_in(app: AppTest) -> AppTest:
    """The app with "ann" registered and signed in, on the Account page."""
    return register(app, RUNNER, RUNNER_PASSWORD)


def text_input(app: AppTest, label: str) -> Any:
    """The text input with this label."""
    return next(widget for widget in app.text_input if widget.label == label)


def button(app: AppTest, label: str) -> Any:
    """The button (form submit buttons included) with this label."""
    return next(widget for widget in app.button if widget.label == label)


def shown(markdown: str) -> str:
    """Markdown as the reader sees it: backslash escapes resolved."""
    return re.sub(r"\\(.)", r"\1", markdown)


def messages(app: AppTest, kind: str) -> list[str]:
    """The texts of every ``error``, ``success``, ``info`` or ``warning``."""
    return [shown(element.value) for element in getattr(app, kind)]


def open_page(app: AppTest, page: str) -> AppTest:
    """Switch to ``page`` (a path such as ``app_pages/account.py``) and run."""
    return app.switch_page(page).run()


def register(app: AppTest, username: str, password: str) -> AppTest:
    """Create an account with the registration form; it signs in."""
    open_page(app, ACCOUNT_PAGE)
    text_input(app, "Choose a username").input(username)
    text_input(app, "Choose a password").input(password)
    text_input(app, "Repeat the password").input(password)
    button(app, "Create account").click().run()
    return _rerun_once_signed_in(app)


def sign_in(app: AppTest, username: str, password: str) -> AppTest:
    """Submit the sign-in form."""
    open_page(app, ACCOUNT_PAGE)
    text_input(app, "Username").input(username)
    text_input(app, "Password").input(password)
    button(app, "Sign in").click().run()
    return _rerun_once_signed_in(app)


def _rerun_once_signed_in(app: AppTest) -> AppTest:
    """After a sign-in, the run the cookie component starts in a browser.

    The component reruns the app once it has stored the cookie, which
    happens only when a sign-in succeeded.
    """
    if "stride_runner" in app.session_state:
        app.run()
    return app


def sign_out(app: AppTest) -> AppTest:
    """Press "Sign out" on the Account page."""
    open_page(app, ACCOUNT_PAGE)
    return app.button(key="sign_out").click().run()
