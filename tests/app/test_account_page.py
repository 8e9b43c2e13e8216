"""The Account page under AppTest: register, sign in and out, delete, lockout."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy.orm import Session, sessionmaker
from streamlit.testing.v1 import AppTest

from auth import accounts
from auth.errors import (
    PASSWORD_INCORRECT,
    PASSWORD_TOO_LONG,
    PASSWORD_TOO_SHORT,
    SIGN_IN_FAILED,
    SIGN_IN_LOCKED,
    USERNAME_LENGTH,
    USERNAME_TAKEN,
    InvalidTokenError,
)
from auth.keys import KeyPair
from db.sessions import build_engine, build_session_factory
from stride_app.account import ACCOUNT_DELETED, SIGNED_OUT
from stride_app.authenticator import PASSWORDS_DIFFER
from tests.app.conftest import (
    ACCOUNT_PAGE,
    RUNNER,
    RUNNER_PASSWORD,
    SAVED_PLANS_PAGE,
    button,
    messages,
    open_page,
    register,
    sign_in,
    sign_out,
    text_input,
)


@pytest.fixture
def stored(stride_data: Path) -> Iterator[sessionmaker[Session]]:
    """Sessions on the app's own SQLite file, to look behind the page."""
    engine = build_engine(f"sqlite:///{stride_data / 'stride.db'}")
    yield build_session_factory(engine)
    engine.dispose()


def runner_name(app: AppTest) -> str | None:
    """Username of the signed-in runner, None when signed out."""
    if "stride_runner" not in app.session_state:
        return None
    return app.session_state["stride_runner"].username


def sidebar_status(app: AppTest) -> str:
    """The sidebar's account line: who is signed in, or a sign-in link."""
    return app.sidebar.page_link[0].label


def has_sign_in_form(app: AppTest) -> bool:
    return any(widget.label == "Sign in" for widget in app.button)


def test_signed_out_the_sidebar_offers_sign_in_and_saved_plans_is_left_out(
    app: AppTest,
) -> None:
    assert sidebar_status(app) == "Sign in or register"
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        app.switch_page(SAVED_PLANS_PAGE)


def test_registering_signs_the_runner_in(signed_in: AppTest) -> None:
    assert not signed_in.exception
    assert runner_name(signed_in) == RUNNER
    assert "Signed in as **ann**." in [m.value for m in signed_in.markdown]
    assert sidebar_status(signed_in) == "Signed in as ann"
    assert not has_sign_in_form(signed_in)
    assert open_page(signed_in, SAVED_PLANS_PAGE).title[0].value == "Saved plans"


@pytest.mark.parametrize(
    "password",
    [
        "correct horse battery",  # 21 characters, no digit or capital
        "  spaces at both ends  ",
        "пароль бегуна",  # not ASCII
        "€" * 24,  # 72 bytes exactly
    ],
    ids=["long-lowercase", "outer-spaces", "cyrillic", "72-bytes"],
)
def test_passwords_the_library_would_refuse_follow_strides_rule(
    app: AppTest, password: str
) -> None:
    register(app, "bea", password)
    assert runner_name(app) == "bea"
    sign_out(app)

    sign_in(app, "bea", password)
    assert runner_name(app) == "bea"


def test_password_without_its_outer_spaces_is_a_different_password(
    app: AppTest,
) -> None:
    register(app, "bea", "  spaces at both ends  ")
    sign_out(app)

    sign_in(app, "bea", "spaces at both ends")

    assert runner_name(app) is None
    assert messages(app, "error") == [SIGN_IN_FAILED]


@pytest.mark.parametrize(
    ("username", "password", "repeat", "expected"),
    [
        ("bea", "short", "short", [PASSWORD_TOO_SHORT]),
        ("bea", "€" * 25, "€" * 25, [PASSWORD_TOO_LONG]),
        ("bea", "long enough one", "long enough two", [PASSWORDS_DIFFER]),
        ("be", "long enough", "long enough", [USERNAME_LENGTH]),
        ("be", "short", "short", [USERNAME_LENGTH, PASSWORD_TOO_SHORT]),
        ("ANN", "long enough", "long enough", [USERNAME_TAKEN]),
    ],
    ids=[
        "short-password",
        "75-byte-password",
        "passwords-differ",
        "short-username",
        "two-problems",
        "taken-other-case",
    ],
)
def test_registration_refusals_show_strides_messages(
    signed_in: AppTest, username: str, password: str, repeat: str, expected: list
) -> None:
    app = sign_out(signed_in)
    text_input(app, "Choose a username").input(username)
    text_input(app, "Choose a password").input(password)
    text_input(app, "Repeat the password").input(repeat)
    button(app, "Create account").click().run()

    assert messages(app, "error") == expected
    assert runner_name(app) is None
    assert not app.exception


def test_registration_form_has_no_email_captcha_or_hint(app: AppTest) -> None:
    open_page(app, ACCOUNT_PAGE)
    labels = {widget.label for widget in app.main.text_input}

    assert labels == {
        "Username",
        "Password",
        "First name (optional)",
        "Last name (optional)",
        "Choose a username",
        "Choose a password",
        "Repeat the password",
    }
    password = text_input(app, "Choose a password")
    assert "72 bytes" in password.help
    assert "20" not in password.help


@pytest.mark.parametrize(
    ("username", "password"),
    [(RUNNER, "wrong password"), ("nobody", "wrong password"), ("nobody", "")],
    ids=["wrong-password", "unknown-name", "unknown-name-no-password"],
)
def test_wrong_password_and_unknown_name_get_one_message(
    signed_in: AppTest, username: str, password: str
) -> None:
    sign_out(signed_in)
    app = sign_in(signed_in, username, password)

    assert messages(app, "error") == [SIGN_IN_FAILED]
    assert runner_name(app) is None
    assert has_sign_in_form(app)


@pytest.mark.parametrize("username", [RUNNER, "nobody"])
def test_five_failures_lock_the_name_even_for_the_right_password(
    app_database: str, signed_in: AppTest, username: str
) -> None:
    app = sign_out(signed_in)
    for _ in range(5):
        sign_in(app, username, "wrong password")
        assert messages(app, "error") == [SIGN_IN_FAILED]

    sign_in(app, username, RUNNER_PASSWORD)

    assert messages(app, "error") == [SIGN_IN_LOCKED]
    assert runner_name(app) is None


def test_sign_out_shows_the_form_and_revokes_the_tokens(
    signed_in: AppTest, stored: sessionmaker[Session], app_keys: KeyPair
) -> None:
    refresh_token = signed_in.session_state["stride_runner"].refresh_token

    app = sign_out(signed_in)

    assert [toast.value for toast in app.toast] == [SIGNED_OUT]
    assert runner_name(app) is None
    assert has_sign_in_form(app)
    with pytest.raises(InvalidTokenError):
        accounts.refresh(stored, app_keys, refresh_token)
    app.run()
    assert sidebar_status(app) == "Sign in or register"
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        app.switch_page(SAVED_PLANS_PAGE)


def test_account_is_deleted_only_with_the_right_password(signed_in: AppTest) -> None:
    app = signed_in
    app.button(key="delete_account").click().run()
    text_input(app, "Password").input("not my password")
    button(app, "Delete my account").click().run()

    assert messages(app, "error") == [PASSWORD_INCORRECT]
    assert runner_name(app) == RUNNER

    text_input(app, "Password").input(RUNNER_PASSWORD)
    button(app, "Delete my account").click().run()

    assert [toast.value for toast in app.toast] == [ACCOUNT_DELETED]
    assert runner_name(app) is None
    sign_in(app, RUNNER, RUNNER_PASSWORD)
    assert messages(app, "error") == [SIGN_IN_FAILED]


def test_cancelling_the_deletion_keeps_the_account(signed_in: AppTest) -> None:
    app = signed_in
    app.button(key="delete_account").click().run()
    app.button(key="cancel_account_deletion").click().run()

    assert runner_name(app) == RUNNER
    assert app.button(key="delete_account").label == "Delete my account…"


def test_sign_in_with_the_database_down_says_so(
    signed_in: AppTest, monkeypatch: pytest.MonkeyPatch, unreachable_database: str
) -> None:
    app = sign_out(signed_in)
    monkeypatch.setenv("STRIDE_DATABASE_URL", unreachable_database)

    sign_in(app, RUNNER, RUNNER_PASSWORD)

    assert messages(app, "error") == [
        "Could not sign you in: the database is unreachable."
    ]
    assert runner_name(app) is None


def test_registration_with_the_database_down_says_so(
    app: AppTest, monkeypatch: pytest.MonkeyPatch, unreachable_database: str
) -> None:
    monkeypatch.setenv("STRIDE_DATABASE_URL", unreachable_database)

    register(app, RUNNER, RUNNER_PASSWORD)

    assert messages(app, "error") == [
        "Could not create the account: the database is unreachable."
    ]


def test_sign_out_with_the_database_down_keeps_the_runner_signed_in(
    signed_in: AppTest, monkeypatch: pytest.MonkeyPatch, unreachable_database: str
) -> None:
    monkeypatch.setenv("STRIDE_DATABASE_URL", unreachable_database)

    app = sign_out(signed_in)

    assert messages(app, "error") == [
        "Could not sign you out: the database is unreachable."
    ]
    assert runner_name(app) == RUNNER
