"""The app's services: token renewal, the retried upgrade, settings."""

from __future__ import annotations

import logging
import uuid
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker
from streamlit.testing.v1 import AppTest

from auth import accounts
from auth.errors import SESSION_EXPIRED, SESSION_INVALID, InvalidTokenError
from auth.keys import KeyPair
from auth.tokens import issue_access_token
from db import repository
from db.errors import DatabaseUnavailableError
from db.migrate import current_revision, head_revision
from db.sessions import build_engine, transaction
from stride_app import services
from stride_app.services import Backend, call_with_refresh
from tests.app.conftest import (
    APP,
    GENERATE_PAGE,
    SAVED_PLANS_PAGE,
    TIMEOUT_S,
    messages,
    open_page,
)
from tests.db.databases import MYSQL_URL, require_mysql

PASSWORD = "correct horse battery"
TWO_HOURS_AGO = timedelta(hours=-2)


@pytest.fixture
def backend(sessions: sessionmaker[Session], keys: KeyPair) -> Backend:
    return Backend(sessions=sessions, keys=keys)


@pytest.fixture
def runner(backend: Backend) -> accounts.SignedIn:
    """A registered runner, signed in."""
    accounts.register(backend.sessions, "ann", PASSWORD)
    return accounts.sign_in(backend.sessions, backend.keys, "ann", PASSWORD)


def expired(runner: accounts.SignedIn, keys: KeyPair) -> accounts.SignedIn:
    """The runner with an access token that expired an hour ago."""
    token = issue_access_token(
        keys, runner.user_id, now=datetime.now(UTC) + TWO_HOURS_AGO
    )
    return accounts.SignedIn(
        runner.user_id, runner.username, token, runner.refresh_token
    )


def list_names(backend: Backend):
    """A unit of work: the names of the token owner's plans."""

    def work(access_token: str) -> list[str]:
        with transaction(backend.sessions, "list") as session:
            plans = repository.list_plans(
                session, backend.keys.public_key, access_token
            )
        return [plan.name for plan in plans]

    return work


def test_a_valid_token_is_used_as_it_is(backend: Backend, runner) -> None:
    kept: list[accounts.SignedIn] = []

    names = call_with_refresh(backend, runner, list_names(backend), kept.append)

    assert (names, kept) == ([], [])


def test_an_expired_token_is_renewed_once_and_the_action_retried(
    backend: Backend, runner
) -> None:
    kept: list[accounts.SignedIn] = []

    names = call_with_refresh(
        backend, expired(runner, backend.keys), list_names(backend), kept.append
    )

    assert names == []
    [renewed] = kept
    assert renewed.user_id == runner.user_id
    assert renewed.refresh_token != runner.refresh_token
    # The old refresh token was rotated away: using it again is refused.
    with pytest.raises(InvalidTokenError):
        accounts.refresh(backend.sessions, backend.keys, runner.refresh_token)


def test_a_forged_token_is_refused_without_renewal(
    backend: Backend, runner, other_keys: KeyPair
) -> None:
    forged = accounts.SignedIn(
        runner.user_id,
        runner.username,
        issue_access_token(other_keys, runner.user_id),
        runner.refresh_token,
    )
    kept: list[accounts.SignedIn] = []

    with pytest.raises(InvalidTokenError) as refused:
        call_with_refresh(backend, forged, list_names(backend), kept.append)

    assert (str(refused.value), kept) == (SESSION_INVALID, [])


def test_an_expired_token_with_a_signed_out_refresh_token_is_refused(
    backend: Backend, runner
) -> None:
    accounts.sign_out(backend.sessions, runner.refresh_token)
    kept: list[accounts.SignedIn] = []

    with pytest.raises(InvalidTokenError) as refused:
        call_with_refresh(
            backend, expired(runner, backend.keys), list_names(backend), kept.append
        )

    assert (str(refused.value), kept) == (SESSION_EXPIRED, [])


def test_the_page_renews_an_expired_token_and_saves(
    signed_in: AppTest, app_keys: KeyPair
) -> None:
    runner = signed_in.session_state["stride_runner"]
    signed_in.session_state["stride_runner"] = expired(runner, app_keys)

    app = open_page(signed_in, GENERATE_PAGE).button(key="save_plan").click().run()

    assert messages(app, "success") == ["Saved “16 weeks · 4:00 · Sunday”."]
    renewed = app.session_state["stride_runner"]
    assert renewed.refresh_token != runner.refresh_token


def test_the_page_signs_out_when_renewal_fails_and_says_why(
    signed_in: AppTest, app_keys: KeyPair
) -> None:
    runner = signed_in.session_state["stride_runner"]
    stale = expired(runner, app_keys)
    signed_in.session_state["stride_runner"] = accounts.SignedIn(
        runner.user_id, runner.username, stale.access_token, "not a refresh token"
    )

    app = open_page(signed_in, SAVED_PLANS_PAGE)

    assert messages(app, "error") == [SESSION_EXPIRED]
    assert messages(app, "info") == ["Sign in to see your saved plans."]
    assert "stride_runner" not in app.session_state
    app.run()
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        app.switch_page(SAVED_PLANS_PAGE)


@pytest.mark.mysql
def test_a_failed_upgrade_is_retried_once_the_database_is_back(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Started with its database missing, the app upgrades it when it appears."""
    require_mysql()
    server = make_url(MYSQL_URL)
    name = f"{server.database}_retry_{uuid.uuid4().hex[:12]}"
    url = server.set(database=name).render_as_string(hide_password=False)
    monkeypatch.setenv("STRIDE_DATABASE_URL", url)

    with pytest.raises(DatabaseUnavailableError) as failed:
        services.backend("save")
    assert str(failed.value) == "Could not save the plan: the database is unreachable."

    admin = build_engine(server)
    with admin.begin() as connection:
        connection.exec_driver_sql(f"CREATE DATABASE `{name}` CHARACTER SET utf8mb4")
    try:
        services.backend("save")
        assert current_revision(url) == head_revision()
    finally:
        services._engine.clear()
        with admin.begin() as connection:
            connection.exec_driver_sql(f"DROP DATABASE IF EXISTS `{name}`")
        admin.dispose()


def test_settings_without_a_secrets_file_come_quietly_from_the_environment(
    stride_data, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.DEBUG):
        settings = services.app_settings()

    assert settings.data_dir == stride_data
    assert settings.database_url == f"sqlite:///{stride_data / 'stride.db'}"
    assert strides_warnings(caplog) == []


def test_the_first_run_logs_no_warning(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.INFO):
        app = AppTest.from_file(APP, default_timeout=TIMEOUT_S).run()

    assert not app.exception
    assert strides_warnings(caplog) == []


def strides_warnings(caplog: pytest.LogCaptureFixture) -> list[str]:
    """Warnings logged by Stride (Streamlit's own bare-mode notes left out)."""
    return [
        record.getMessage()
        for record in caplog.records
        if record.levelno >= logging.WARNING and not record.name.startswith("streamlit")
    ]
