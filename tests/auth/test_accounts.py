"""The account service: register, sign in, refresh, sign out, delete."""

from __future__ import annotations

import logging
import socket
import threading
from collections import Counter
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select

from auth import accounts
from auth.errors import (
    NAME_CHARACTERS,
    NAME_TOO_LONG,
    PASSWORD_INCORRECT,
    PASSWORD_TOO_LONG,
    PASSWORD_TOO_SHORT,
    SESSION_EXPIRED,
    SESSION_INVALID,
    USERNAME_CHARACTERS,
    USERNAME_LENGTH,
    USERNAME_TAKEN,
    AccountInputError,
    InvalidTokenError,
    SignInError,
    UsernameTakenError,
)
from auth.tokens import verify_access_token
from db import models
from db.errors import DatabaseUnavailableError
from db.sessions import build_engine, build_session_factory
from stride_app.logs import KeyValueFormatter

# Hashing cost does not matter here; test_passwords.py checks cost 12.
pytestmark = pytest.mark.usefixtures("fast_bcrypt")

PASSWORD = "correct horse"


def count(sessions, table, **where) -> int:
    """Rows of ``table`` matching the column values in ``where``."""
    query = select(func.count()).select_from(table)
    for column, value in where.items():
        query = query.where(getattr(table, column) == value)
    with sessions.begin() as session:
        return session.scalar(query)


def test_register_then_sign_in_gives_tokens_for_that_user(sessions, keys):
    user_id = accounts.register(sessions, "Ann", PASSWORD, "Ann", "Lee")

    signed_in = accounts.sign_in(sessions, keys, "Ann", PASSWORD)
    claims = verify_access_token(keys.public_key, signed_in.access_token)

    assert (signed_in.user_id, signed_in.username, claims.user_id) == (
        user_id,
        "Ann",
        user_id,
    )
    assert PASSWORD not in repr(signed_in)
    assert signed_in.access_token not in repr(signed_in)
    assert signed_in.refresh_token not in repr(signed_in)


def test_the_account_shows_the_names_as_given(sessions, keys):
    accounts.register(sessions, "  Zoë  ", PASSWORD, " Zoë 🏃‍♀️ ", "山田")
    signed_in = accounts.sign_in(sessions, keys, "zoë", PASSWORD)

    account = accounts.get_account(sessions, keys.public_key, signed_in.access_token)

    assert (account.username, account.first_name, account.last_name) == (
        "Zoë",
        "Zoë 🏃‍♀️",
        "山田",
    )
    assert account.created_at.tzinfo is UTC


def test_names_left_empty_are_stored_as_none(sessions, keys):
    accounts.register(sessions, "ann", PASSWORD, "", "   ")
    signed_in = accounts.sign_in(sessions, keys, "ann", PASSWORD)

    account = accounts.get_account(sessions, keys.public_key, signed_in.access_token)

    assert (account.first_name, account.last_name) == (None, None)


@pytest.mark.parametrize(
    ("username", "password", "first", "last", "messages"),
    [
        ("an", PASSWORD, None, None, [USERNAME_LENGTH]),
        ("   an   ", PASSWORD, None, None, [USERNAME_LENGTH]),
        ("a" * 33, PASSWORD, None, None, [USERNAME_LENGTH]),
        ("a\u200bb", PASSWORD, None, None, [USERNAME_LENGTH]),
        ("ann\nlee", PASSWORD, None, None, [USERNAME_CHARACTERS]),
        ("ann", "short", None, None, [PASSWORD_TOO_SHORT]),
        ("ann", "a" * 73, None, None, [PASSWORD_TOO_LONG]),
        ("ann", PASSWORD, "x" * 101, None, [NAME_TOO_LONG.format(field="First name")]),
        ("ann", PASSWORD, None, "a\tb", [NAME_CHARACTERS.format(field="Last name")]),
        (
            "an",
            "short",
            None,
            "y" * 101,
            [
                USERNAME_LENGTH,
                PASSWORD_TOO_SHORT,
                "Last name must be at most 100 characters long.",
            ],
        ),
    ],
)
def test_registration_input_is_checked_and_every_problem_listed(
    sessions, username, password, first, last, messages
):
    with pytest.raises(AccountInputError) as error:
        accounts.register(sessions, username, password, first, last)

    assert list(error.value.messages) == messages
    assert count(sessions, models.User) == 0


def test_an_invisible_character_does_not_make_a_second_ann(sessions):
    accounts.register(sessions, "ann", PASSWORD)

    with pytest.raises(UsernameTakenError) as error:
        accounts.register(sessions, "an\u200dn", PASSWORD)

    assert str(error.value) == USERNAME_TAKEN


def test_refresh_rotates_the_token(sessions, keys):
    accounts.register(sessions, "ann", PASSWORD)
    first = accounts.sign_in(sessions, keys, "ann", PASSWORD)

    second = accounts.refresh(sessions, keys, first.refresh_token)
    third = accounts.refresh(sessions, keys, second.refresh_token)

    assert len({first.refresh_token, second.refresh_token, third.refresh_token}) == 3
    assert verify_access_token(keys.public_key, third.access_token).user_id == (
        first.user_id
    )


def test_replaying_a_rotated_refresh_token_revokes_the_whole_sign_in(sessions, keys):
    accounts.register(sessions, "ann", PASSWORD)
    first = accounts.sign_in(sessions, keys, "ann", PASSWORD)
    second = accounts.refresh(sessions, keys, first.refresh_token)

    with pytest.raises(InvalidTokenError) as replay:
        accounts.refresh(sessions, keys, first.refresh_token)
    with pytest.raises(InvalidTokenError) as after:
        accounts.refresh(sessions, keys, second.refresh_token)

    assert str(replay.value) == str(after.value) == SESSION_EXPIRED


def test_another_sign_in_of_the_same_user_survives_a_replay(sessions, keys):
    accounts.register(sessions, "ann", PASSWORD)
    phone = accounts.sign_in(sessions, keys, "ann", PASSWORD)
    laptop = accounts.sign_in(sessions, keys, "ann", PASSWORD)
    accounts.refresh(sessions, keys, phone.refresh_token)

    with pytest.raises(InvalidTokenError):
        accounts.refresh(sessions, keys, phone.refresh_token)

    assert accounts.refresh(sessions, keys, laptop.refresh_token).user_id == (
        laptop.user_id
    )


def test_a_refresh_token_expires_after_30_days(sessions, keys):
    accounts.register(sessions, "ann", PASSWORD)
    now = datetime.now(UTC)
    signed_in = accounts.sign_in(sessions, keys, "ann", PASSWORD, now=now)

    with pytest.raises(InvalidTokenError) as error:
        accounts.refresh(
            sessions, keys, signed_in.refresh_token, now=now + timedelta(days=30)
        )

    assert str(error.value) == SESSION_EXPIRED


@pytest.mark.parametrize("token", ["", "made-up", "x" * 500])
def test_an_unknown_refresh_token_is_refused(sessions, keys, token):
    with pytest.raises(InvalidTokenError) as error:
        accounts.refresh(sessions, keys, token)

    assert str(error.value) == SESSION_EXPIRED


def test_the_refresh_token_is_stored_only_as_its_hash(sessions, keys):
    accounts.register(sessions, "ann", PASSWORD)
    signed_in = accounts.sign_in(sessions, keys, "ann", PASSWORD)

    with sessions.begin() as session:
        stored = session.scalars(select(models.RefreshToken.token_hash)).all()

    assert signed_in.refresh_token not in stored
    assert len(stored) == 1 and len(stored[0]) == 64


def test_a_remembered_login_resumes_with_fresh_tokens(sessions, keys):
    user_id = accounts.register(sessions, "Ann", PASSWORD)
    expires = (datetime.now(UTC) + timedelta(days=30)).timestamp()
    accounts.remember_sign_in(sessions, user_id, expires)

    resumed = accounts.resume_sign_in(sessions, keys, "ann", expires)

    assert resumed is not None
    assert (resumed.user_id, resumed.username) == (user_id, "Ann")
    assert accounts.refresh(sessions, keys, resumed.refresh_token).user_id == user_id


@pytest.mark.parametrize(
    "case", ["other expiry", "unknown user", "expired", "never remembered"]
)
def test_a_remembered_login_not_on_record_does_not_resume(sessions, keys, case):
    user_id = accounts.register(sessions, "ann", PASSWORD)
    now = datetime.now(UTC)
    expires = (now + timedelta(days=30)).timestamp()
    if case != "never remembered":
        accounts.remember_sign_in(sessions, user_id, expires)

    username, cookie_expiry, at = "ann", expires, now
    if case == "other expiry":
        cookie_expiry = expires + 1
    elif case == "unknown user":
        username = "bob"
    elif case == "expired":
        at = now + timedelta(days=31)

    assert (
        accounts.resume_sign_in(sessions, keys, username, cookie_expiry, now=at) is None
    )


def test_a_new_account_on_a_deleted_name_does_not_inherit_its_remembered_logins(
    sessions, keys
):
    old = accounts.register(sessions, "ann", PASSWORD)
    expires = (datetime.now(UTC) + timedelta(days=30)).timestamp()
    accounts.remember_sign_in(sessions, old, expires)
    signed_in = accounts.sign_in(sessions, keys, "ann", PASSWORD)
    accounts.delete_account(sessions, keys.public_key, signed_in.access_token, PASSWORD)

    accounts.register(sessions, "ann", "another password")

    assert accounts.resume_sign_in(sessions, keys, "ann", expires) is None


def test_sign_out_of_an_unknown_token_does_nothing(sessions):
    accounts.sign_out(sessions, "never issued")


def test_deleting_the_account_needs_the_password(sessions, keys):
    accounts.register(sessions, "ann", PASSWORD)
    signed_in = accounts.sign_in(sessions, keys, "ann", PASSWORD)

    with pytest.raises(SignInError) as error:
        accounts.delete_account(
            sessions, keys.public_key, signed_in.access_token, "wrong password"
        )

    assert str(error.value) == PASSWORD_INCORRECT
    assert count(sessions, models.User) == 1


def test_a_token_of_a_deleted_account_no_longer_reads_it(sessions, keys):
    accounts.register(sessions, "ann", PASSWORD)
    signed_in = accounts.sign_in(sessions, keys, "ann", PASSWORD)
    accounts.delete_account(sessions, keys.public_key, signed_in.access_token, PASSWORD)

    with pytest.raises(InvalidTokenError) as error:
        accounts.get_account(sessions, keys.public_key, signed_in.access_token)

    assert str(error.value) == SESSION_INVALID


def test_twenty_threads_registering_one_name_give_one_account(sessions):
    spellings = ["Ann", "ann", "ANN", "ａｎｎ"] * 5
    start = threading.Barrier(len(spellings))
    outcomes: list[str] = []

    def register(name: str) -> None:
        start.wait()
        try:
            accounts.register(sessions, name, PASSWORD)
            outcomes.append("created")
        except UsernameTakenError as exc:
            outcomes.append(str(exc))
        except BaseException as exc:  # reported by the assertion below
            outcomes.append(repr(exc))

    threads = [threading.Thread(target=register, args=(s,)) for s in spellings]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert Counter(outcomes) == {"created": 1, USERNAME_TAKEN: 19}
    assert count(sessions, models.User) == 1


def test_logs_name_ids_but_never_a_password_hash_or_token(sessions, keys, caplog):
    caplog.set_level(logging.DEBUG)

    user_id = accounts.register(sessions, "ann", PASSWORD)
    signed_in = accounts.sign_in(sessions, keys, "ann", PASSWORD)
    rotated = accounts.refresh(sessions, keys, signed_in.refresh_token)
    with pytest.raises(InvalidTokenError):
        accounts.refresh(sessions, keys, signed_in.refresh_token)
    with pytest.raises(SignInError):
        accounts.sign_in(sessions, keys, "ann", "wrong password")
    with sessions.begin() as session:
        password_hash = session.scalar(select(models.User.password_hash))

    formatter = KeyValueFormatter()
    text = "\n".join(formatter.format(record) for record in caplog.records)
    secrets = [
        PASSWORD,
        "wrong password",
        password_hash,
        signed_in.access_token,
        signed_in.refresh_token,
        rotated.refresh_token,
    ]
    assert f'msg="user registered" user_id={user_id}' in text
    assert f'msg="user signed in" user_id={user_id}' in text
    assert (
        'level=WARNING logger=auth.accounts msg="sign-in refused" reason=incorrect'
        in text
    )
    assert not [secret for secret in secrets if secret in text]


@pytest.fixture
def dead_sessions():
    """Sessions on a MySQL URL where nothing listens."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    engine = build_engine(f"mysql+pymysql://root@127.0.0.1:{port}/test")
    yield build_session_factory(engine)
    engine.dispose()


def test_signing_in_on_an_unreachable_database_says_so(dead_sessions, keys):
    with pytest.raises(DatabaseUnavailableError) as error:
        accounts.sign_in(dead_sessions, keys, "ann", PASSWORD)

    assert str(error.value) == "Could not sign you in: the database is unreachable."
