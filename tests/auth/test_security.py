"""The security table: forged tokens, other users' plans, odd names, lockout."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select

from auth import accounts
from auth.errors import (
    PASSWORD_TOO_LONG,
    SESSION_EXPIRED,
    SESSION_INVALID,
    SIGN_IN_FAILED,
    SIGN_IN_LOCKED,
    USERNAME_TAKEN,
    AccountInputError,
    InvalidTokenError,
    SignInError,
    SignInLockedError,
    UsernameTakenError,
)
from auth.keys import public_key_pem
from auth.tokens import AUDIENCE, ISSUER, issue_access_token, verify_access_token
from db import models
from db.errors import PLAN_NOT_FOUND, PlanNotFoundError
from db.repository import delete_plan, list_plans, load_plan, rename_plan, save_plan
from stride_engine import build_request, generate_plan

# Hashing cost does not matter here; test_passwords.py checks cost 12.
pytestmark = pytest.mark.usefixtures("fast_bcrypt")

PASSWORD = "correct horse"
PLAN = generate_plan(
    build_request(
        weeks=12,
        runs_per_week=3,
        target_time="3:59",
        first_long_run_km=10,
        long_run_day="saturday",
    )
)


def b64(data: bytes) -> str:
    """Base64url without padding."""
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def handmade(alg: str, user_id: int, sign) -> str:
    """A token with valid claims for ``user_id`` and a chosen header."""
    now = int(datetime.now(UTC).timestamp())
    claims = {
        "iss": ISSUER,
        "aud": AUDIENCE,
        "sub": str(user_id),
        "iat": now,
        "exp": now + 3600,
        "jti": "x",
    }
    head = b64(json.dumps({"alg": alg, "typ": "JWT"}).encode())
    body = b64(json.dumps(claims).encode())
    return f"{head}.{body}.{b64(sign(f'{head}.{body}'.encode()))}"


def bad_token(kind: str, user_id: int, keys, other_keys) -> tuple[str, str]:
    """A token for ``user_id`` that must be refused, and its message."""
    if kind == "forged with another key":
        return issue_access_token(other_keys, user_id), SESSION_INVALID
    if kind == "HS256 with the public key":
        secret = public_key_pem(keys.public_key)
        return (
            handmade(
                "HS256",
                user_id,
                lambda data: hmac.new(secret, data, hashlib.sha256).digest(),
            ),
            SESSION_INVALID,
        )
    if kind == "alg none":
        return handmade("none", user_id, lambda data: b""), SESSION_INVALID
    late = datetime.now(UTC) - timedelta(hours=1, minutes=1)
    return issue_access_token(keys, user_id, now=late), SESSION_EXPIRED


OPERATIONS = {
    "save": lambda s, k, t, plan_id: save_plan(s, k, t, PLAN, "Mine now"),
    "list": lambda s, k, t, plan_id: list_plans(s, k, t),
    "load": lambda s, k, t, plan_id: load_plan(s, k, t, plan_id),
    "rename": lambda s, k, t, plan_id: rename_plan(s, k, t, plan_id, "Mine now"),
    "delete": lambda s, k, t, plan_id: delete_plan(s, k, t, plan_id),
}


@pytest.fixture
def victim(sessions, keys, new_user_token) -> tuple[int, int]:
    """A user with one saved plan: (user id, plan id)."""
    token = new_user_token("victim")
    with sessions.begin() as session:
        plan_id = save_plan(session, keys.public_key, token, PLAN, "Victim's plan")
    return verify_access_token(keys.public_key, token).user_id, plan_id


def victims_plan(sessions, keys, plan_id: int) -> tuple[str, int]:
    """Name and workout count of the victim's plan, read directly."""
    with sessions.begin() as session:
        name = session.scalar(
            select(models.PlanDetails.name).where(models.PlanDetails.plan_id == plan_id)
        )
        workouts = session.scalar(
            select(func.count())
            .select_from(models.Workout)
            .where(models.Workout.plan_id == plan_id)
        )
    return name, workouts


@pytest.mark.parametrize("operation", list(OPERATIONS))
@pytest.mark.parametrize(
    "kind",
    ["forged with another key", "HS256 with the public key", "alg none", "expired"],
)
def test_a_bad_token_is_refused_by_every_plan_operation(
    sessions, keys, other_keys, victim, kind, operation
):
    user_id, plan_id = victim
    token, message = bad_token(kind, user_id, keys, other_keys)

    with sessions.begin() as session, pytest.raises(InvalidTokenError) as error:
        OPERATIONS[operation](session, keys.public_key, token, plan_id)

    assert str(error.value) == message
    assert victims_plan(sessions, keys, plan_id) == ("Victim's plan", 36)


@pytest.mark.parametrize("kind", ["forged with another key", "alg none", "expired"])
def test_a_bad_token_cannot_read_or_delete_an_account(sessions, keys, other_keys, kind):
    user_id = accounts.register(sessions, "ann", PASSWORD)
    token, message = bad_token(kind, user_id, keys, other_keys)

    with pytest.raises(InvalidTokenError) as read:
        accounts.get_account(sessions, keys.public_key, token)
    with pytest.raises(InvalidTokenError) as removal:
        accounts.delete_account(sessions, keys.public_key, token, PASSWORD)

    assert str(read.value) == str(removal.value) == message


@pytest.mark.parametrize("operation", ["load", "rename", "delete"])
def test_another_users_plan_is_exactly_like_a_missing_one(
    sessions, keys, new_user_token, victim, operation
):
    _, plan_id = victim
    intruder = new_user_token("intruder")

    with sessions.begin() as session, pytest.raises(PlanNotFoundError) as theirs:
        OPERATIONS[operation](session, keys.public_key, intruder, plan_id)
    with sessions.begin() as session, pytest.raises(PlanNotFoundError) as missing:
        OPERATIONS[operation](session, keys.public_key, intruder, plan_id + 1000)

    assert type(theirs.value) is type(missing.value)
    assert str(theirs.value) == str(missing.value) == PLAN_NOT_FOUND
    assert victims_plan(sessions, keys, plan_id) == ("Victim's plan", 36)


def test_another_users_plans_are_not_listed(sessions, keys, new_user_token, victim):
    intruder = new_user_token("intruder")

    with sessions.begin() as session:
        assert list_plans(session, keys.public_key, intruder) == []


@pytest.mark.parametrize(
    "username", ["a' OR '1'='1", "ann'; DROP TABLE users; --", 'x" OR ""="']
)
def test_a_username_that_looks_like_sql_is_stored_literally(sessions, keys, username):
    accounts.register(sessions, "ann", PASSWORD)
    accounts.register(sessions, username, PASSWORD)

    signed_in = accounts.sign_in(sessions, keys, username, PASSWORD)
    with pytest.raises(SignInError):
        accounts.sign_in(sessions, keys, "a' OR '1'='1' --", PASSWORD)
    with sessions.begin() as session:
        stored = session.scalars(select(models.User.username)).all()

    assert signed_in.username == username
    assert sorted(stored) == sorted(["ann", username])


@pytest.mark.parametrize(
    ("password", "accepted"),
    [("a" * 72, True), ("a" * 73, False), ("é" * 37, False), ("é" * 36, True)],
    ids=["72 bytes", "73 bytes", "37 é (74 bytes)", "36 é (72 bytes)"],
)
def test_passwords_longer_than_72_bytes_are_refused_with_the_reason(
    sessions, keys, password, accepted
):
    if not accepted:
        with pytest.raises(AccountInputError) as error:
            accounts.register(sessions, "ann", password)
        assert error.value.messages == (PASSWORD_TOO_LONG,)
        return

    accounts.register(sessions, "ann", password)

    assert accounts.sign_in(sessions, keys, "ann", password).username == "ann"
    with pytest.raises(SignInError):
        accounts.sign_in(sessions, keys, "ann", password[:-1])


@pytest.mark.parametrize("second", ["ann", "ANN", "Ａｎｎ", " ann "])
def test_ann_and_ann_are_one_account(sessions, keys, second):
    accounts.register(sessions, "Ann", PASSWORD)

    with pytest.raises(UsernameTakenError) as error:
        accounts.register(sessions, second, PASSWORD)

    assert str(error.value) == USERNAME_TAKEN
    assert accounts.sign_in(sessions, keys, second, PASSWORD).username == "Ann"


def test_emoji_and_any_script_names_are_distinct_accounts(sessions, keys):
    names = ["runner🏃", "runner🚴", "ランナー", "бегун", "Straße", "José", "Jose"]
    for name in names:
        accounts.register(sessions, name, PASSWORD, first_name=f"{name} 🎉")

    signed_in = [accounts.sign_in(sessions, keys, name, PASSWORD) for name in names]
    read = [
        accounts.get_account(sessions, keys.public_key, s.access_token)
        for s in signed_in
    ]

    assert [(a.username, a.first_name) for a in read] == [
        (name, f"{name} 🎉") for name in names
    ]
    with pytest.raises(UsernameTakenError):
        accounts.register(sessions, "STRASSE", PASSWORD)


def fail(sessions, keys, username: str, now: datetime) -> str:
    """One wrong-password sign-in; the message it got."""
    try:
        accounts.sign_in(sessions, keys, username, "wrong password", now=now)
    except (SignInError, SignInLockedError) as exc:
        return str(exc)
    raise AssertionError("a wrong password signed in")


@pytest.mark.parametrize("username", ["ann", "nobody"], ids=["existing", "unknown"])
def test_five_failures_lock_a_name_for_15_minutes_whether_it_exists_or_not(
    sessions, keys, username
):
    accounts.register(sessions, "ann", PASSWORD)
    start = datetime(2026, 12, 4, 9, 0, tzinfo=UTC)

    messages = [
        fail(sessions, keys, username, start + timedelta(minutes=n)) for n in range(6)
    ]

    assert messages == [SIGN_IN_FAILED] * 5 + [SIGN_IN_LOCKED]
    with pytest.raises(SignInLockedError) as locked:
        accounts.sign_in(
            sessions, keys, username, PASSWORD, now=start + timedelta(minutes=18)
        )
    assert str(locked.value) == SIGN_IN_LOCKED


def test_the_lock_ends_15_minutes_after_the_fifth_failure(sessions, keys):
    accounts.register(sessions, "ann", PASSWORD)
    start = datetime(2026, 12, 4, 9, 0, tzinfo=UTC)
    for n in range(5):
        fail(sessions, keys, "ANN", start + timedelta(minutes=n))
    fifth = start + timedelta(minutes=4)

    with pytest.raises(SignInLockedError):
        accounts.sign_in(
            sessions,
            keys,
            "ann",
            PASSWORD,
            now=fifth + timedelta(minutes=14, seconds=59),
        )
    signed_in = accounts.sign_in(
        sessions, keys, "ann", PASSWORD, now=fifth + timedelta(minutes=15, seconds=1)
    )

    assert signed_in.username == "ann"


def test_failures_spread_over_more_than_15_minutes_do_not_lock(sessions, keys):
    accounts.register(sessions, "ann", PASSWORD)
    start = datetime(2026, 12, 4, 9, 0, tzinfo=UTC)

    messages = [
        fail(sessions, keys, "ann", start + timedelta(minutes=4 * n)) for n in range(6)
    ]

    assert messages == [SIGN_IN_FAILED] * 6


def test_the_lock_of_one_name_leaves_others_alone(sessions, keys):
    accounts.register(sessions, "bob", PASSWORD)
    now = datetime.now(UTC)
    for _ in range(5):
        fail(sessions, keys, "ann", now)

    assert accounts.sign_in(sessions, keys, "bob", PASSWORD, now=now).username == "bob"


def test_sign_out_then_replaying_the_refresh_token_is_refused(sessions, keys):
    accounts.register(sessions, "ann", PASSWORD)
    signed_in = accounts.sign_in(sessions, keys, "ann", PASSWORD)

    accounts.sign_out(sessions, signed_in.refresh_token)

    with pytest.raises(InvalidTokenError) as error:
        accounts.refresh(sessions, keys, signed_in.refresh_token)
    assert str(error.value) == SESSION_EXPIRED


@pytest.mark.parametrize("tells_cookie", [True, False], ids=["cookie", "no cookie"])
def test_sign_out_then_replaying_the_remembered_login_is_refused(
    sessions, keys, tells_cookie
):
    user_id = accounts.register(sessions, "ann", PASSWORD)
    signed_in = accounts.sign_in(sessions, keys, "ann", PASSWORD)
    expires = (datetime.now(UTC) + timedelta(days=30)).timestamp()
    accounts.remember_sign_in(sessions, user_id, expires)
    assert accounts.resume_sign_in(sessions, keys, "ann", expires) is not None

    accounts.sign_out(
        sessions,
        signed_in.refresh_token,
        cookie_exp_date=expires if tells_cookie else None,
    )

    assert accounts.resume_sign_in(sessions, keys, "ann", expires) is None


def test_deleting_an_account_removes_its_user_tokens_and_plans(
    sessions, keys, new_user_token
):
    bystander = new_user_token("bystander")
    user_id = accounts.register(sessions, "ann", PASSWORD)
    signed_in = accounts.sign_in(sessions, keys, "ann", PASSWORD)
    accounts.refresh(sessions, keys, signed_in.refresh_token)
    accounts.remember_sign_in(sessions, user_id, datetime.now(UTC).timestamp() + 60)
    with sessions.begin() as session:
        for token in (signed_in.access_token, bystander):
            save_plan(session, keys.public_key, token, PLAN, "One")
            save_plan(session, keys.public_key, token, PLAN, "Two")
    before = row_counts(sessions)

    accounts.delete_account(sessions, keys.public_key, signed_in.access_token, PASSWORD)

    assert before == {
        "users": 2,
        "refresh_tokens": 3,
        "plans": 4,
        "plan_details": 4,
        "workouts": 4 * 36,
    }
    assert row_counts(sessions) == {
        "users": 1,
        "refresh_tokens": 0,
        "plans": 2,
        "plan_details": 2,
        "workouts": 2 * 36,
    }


def row_counts(sessions) -> dict[str, int]:
    """Rows in each table that belongs to users."""
    tables = [
        models.User,
        models.RefreshToken,
        models.Plan,
        models.PlanDetails,
        models.Workout,
    ]
    with sessions.begin() as session:
        return {
            table.__tablename__: session.scalar(select(func.count()).select_from(table))
            for table in tables
        }
