"""The account service the pages call: register, sign in and out, delete.

Every function takes the session factory and runs its own transaction
(two short ones around a bcrypt check, which takes a quarter of a second
and must not hold a lock). Failed sign-ins are stored in the database, so
that the lockout holds across processes and replicas; it applies to names
that do not exist as well, and so reveals nothing about them.
"""

from __future__ import annotations

import logging
import unicodedata
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from cryptography.hazmat.primitives.asymmetric import rsa
from sqlalchemy import delete, func, insert, select, update
from sqlalchemy.engine import Row
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from auth.errors import (
    NAME_CHARACTERS,
    NAME_TOO_LONG,
    PASSWORD_INCORRECT,
    SESSION_EXPIRED,
    SESSION_INVALID,
    USERNAME_CHARACTERS,
    USERNAME_LENGTH,
    AccountInputError,
    InvalidTokenError,
    SignInError,
    SignInLockedError,
    UsernameTakenError,
)
from auth.keys import KeyPair
from auth.passwords import hash_password, password_problems, verify_password
from auth.tokens import (
    REFRESH_TOKEN_LIFETIME,
    issue_access_token,
    new_refresh_token,
    token_hash,
    verify_access_token,
)
from db.models import (
    NAME_LENGTH,
    USERNAME_KEY_LENGTH,
    RefreshToken,
    SignInFailure,
    User,
)
from db.sessions import transaction

logger = logging.getLogger(__name__)

MIN_USERNAME_LENGTH = 3
MAX_USERNAME_LENGTH = 32
LOCKOUT_FAILURES = 5
LOCKOUT_WINDOW = timedelta(minutes=15)
LOCKOUT_DURATION = timedelta(minutes=15)
REFRESH = "refresh"
REMEMBERED = "remembered"
# Characters that may not appear in a name: controls and line breaks.
FORBIDDEN_CATEGORIES = frozenset({"Cc", "Cs", "Zl", "Zp"})


@dataclass(frozen=True)
class SignedIn:
    """A signed-in user and their tokens; keep only these, never the hash."""

    user_id: int
    username: str
    access_token: str = field(repr=False)
    refresh_token: str = field(repr=False)


@dataclass(frozen=True)
class Account:
    """What a page may show about the signed-in user."""

    user_id: int
    username: str
    first_name: str | None
    last_name: str | None
    created_at: datetime


def clean_username(username: str) -> str:
    """The username as stored and shown: NFC, without outer spaces."""
    return unicodedata.normalize("NFC", username).strip()


def username_key(username: str) -> str:
    """The form names are compared in: NFKC and casefold, so "Ann" is "ann".

    Invisible format characters (zero-width joiners, variation selectors)
    are left out, so that they cannot make a look-alike of a taken name.
    """
    text = unicodedata.normalize("NFKC", username.strip())
    folded = unicodedata.normalize("NFKC", text.casefold())
    return "".join(char for char in folded if not _invisible(char))


def register(
    sessions: sessionmaker[Session],
    username: str,
    password: str,
    first_name: str | None = None,
    last_name: str | None = None,
    *,
    now: datetime | None = None,
) -> int:
    """Create an account and return its id.

    Raises ``AccountInputError`` listing every refused input, or
    ``UsernameTakenError`` when the normalised name exists, also when two
    registrations of one name race (the unique index decides).
    """
    name = clean_username(username)
    key = username_key(name)
    problems = _username_problems(name, key) + password_problems(password)
    first = _optional_name("First name", first_name, problems)
    last = _optional_name("Last name", last_name, problems)
    if problems:
        raise AccountInputError(problems)

    password_hash = hash_password(password)
    try:
        with transaction(sessions, "register") as session:
            user_id = session.scalar(
                insert(User)
                .values(
                    username=name,
                    username_key=key,
                    password_hash=password_hash,
                    first_name=first,
                    last_name=last,
                    created_at=now or _now(),
                )
                .returning(User.id)
            )
    except IntegrityError:
        raise UsernameTakenError() from None
    logger.info("user registered", extra={"user_id": user_id})
    return user_id


def sign_in(
    sessions: sessionmaker[Session],
    keys: KeyPair,
    username: str,
    password: str,
    *,
    now: datetime | None = None,
) -> SignedIn:
    """Tokens for a correct username and password.

    Raises ``SignInError`` ("Incorrect username or password") whether the
    name exists or not, and ``SignInLockedError`` after five failures on
    one name within 15 minutes, for 15 minutes, even with the right
    password.
    """
    now = now or _now()
    key = username_key(username)[:USERNAME_KEY_LENGTH]

    with transaction(sessions, "sign_in") as session:
        locked = _locked(session, key, now)
        user = None
        if not locked:
            user = session.execute(
                select(User.id, User.username, User.password_hash).where(
                    User.username_key == key
                )
            ).one_or_none()
    if locked:
        logger.warning("sign-in refused", extra={"reason": "locked"})
        raise SignInLockedError()

    if not verify_password(password, user.password_hash if user else None):
        with transaction(sessions, "sign_in") as session:
            _record_failure(session, key, now)
        # Neither the name nor the password: a log must not help a guesser.
        logger.warning("sign-in refused", extra={"reason": "incorrect"})
        raise SignInError()

    with transaction(sessions, "sign_in") as session:
        session.execute(delete(SignInFailure).where(SignInFailure.username_key == key))
        signed_in = _issue(session, keys, user.id, user.username, _family(), now)
    logger.info("user signed in", extra={"user_id": user.id})
    return signed_in


def refresh(
    sessions: sessionmaker[Session],
    keys: KeyPair,
    refresh_token: str,
    *,
    now: datetime | None = None,
) -> SignedIn:
    """Rotate a refresh token: revoke it and issue a new pair of tokens.

    A token that was already rotated or revoked is refused, and its whole
    family (every token of that sign-in) is revoked: someone holds a copy.
    """
    now = now or _now()
    with transaction(sessions, "refresh") as session:
        row = _refresh_row(session, refresh_token)
        if row is not None and row.expires_at > now and not row.revoked:
            # Only one of two simultaneous uses may win the rotation.
            rotated = session.execute(
                update(RefreshToken)
                .where(RefreshToken.id == row.id, RefreshToken.revoked.is_(False))
                .values(revoked=True)
            ).rowcount
            if rotated == 1:
                return _issue(session, keys, row.user_id, row.username, row.family, now)
        if row is not None and (row.revoked or row.expires_at > now):
            _revoke_family(session, row.family)
            logger.warning(
                "refresh token replayed; its sign-in revoked",
                extra={"user_id": row.user_id},
            )
    raise InvalidTokenError(SESSION_EXPIRED)


def sign_out(
    sessions: sessionmaker[Session],
    refresh_token: str,
    *,
    cookie_exp_date: float | None = None,
) -> None:
    """Revoke the sign-in of a refresh token and the remembered login.

    With ``cookie_exp_date`` only that browser's remembered login is
    revoked; without it every remembered login of the user is, since the
    server cannot tell which browser is signing out.
    """
    with transaction(sessions, "sign_out") as session:
        row = _refresh_row(session, refresh_token)
        if row is None:
            return
        _revoke_family(session, row.family)

        remembered = (RefreshToken.user_id == row.user_id) & (
            RefreshToken.kind == REMEMBERED
        )
        if cookie_exp_date is not None:
            remembered &= RefreshToken.token_hash == _remembered_hash(
                row.user_id, cookie_exp_date
            )
        session.execute(update(RefreshToken).where(remembered).values(revoked=True))
    logger.info("user signed out", extra={"user_id": row.user_id})


def remember_sign_in(
    sessions: sessionmaker[Session],
    user_id: int,
    cookie_exp_date: float,
    *,
    now: datetime | None = None,
) -> None:
    """Record a remembered login whose cookie expires at ``cookie_exp_date``.

    The cookie of streamlit-authenticator is signed but cannot be revoked
    by itself; ``resume_sign_in`` honours it only while this record lives.
    """
    digest = _remembered_hash(user_id, cookie_exp_date)
    expires_at = datetime.fromtimestamp(cookie_exp_date, UTC)
    with transaction(sessions, "sign_in") as session:
        existing = session.scalar(
            select(RefreshToken.id).where(RefreshToken.token_hash == digest)
        )
        if existing is not None:
            return
        session.execute(
            insert(RefreshToken).values(
                user_id=user_id,
                kind=REMEMBERED,
                family=_family(),
                token_hash=digest,
                expires_at=expires_at,
                revoked=False,
                created_at=now or _now(),
            )
        )


def resume_sign_in(
    sessions: sessionmaker[Session],
    keys: KeyPair,
    username: str,
    cookie_exp_date: float,
    *,
    now: datetime | None = None,
) -> SignedIn | None:
    """Fresh tokens for a remembered login still on record, else None.

    The caller has checked the cookie's signature; this checks that the
    login was recorded, is not revoked (signed out) and has not expired.
    """
    now = now or _now()
    key = username_key(username)[:USERNAME_KEY_LENGTH]
    with transaction(sessions, "sign_in") as session:
        user = session.execute(
            select(User.id, User.username).where(User.username_key == key)
        ).one_or_none()
        if user is None:
            return None
        valid = session.scalar(
            select(func.count())
            .select_from(RefreshToken)
            .where(
                RefreshToken.token_hash == _remembered_hash(user.id, cookie_exp_date),
                RefreshToken.user_id == user.id,
                RefreshToken.kind == REMEMBERED,
                RefreshToken.revoked.is_(False),
                RefreshToken.expires_at > now,
            )
        )
        if not valid:
            return None
        signed_in = _issue(session, keys, user.id, user.username, _family(), now)
    logger.info("user signed in", extra={"user_id": user.id, "via": "cookie"})
    return signed_in


def get_account(
    sessions: sessionmaker[Session], public_key: rsa.RSAPublicKey, access_token: str
) -> Account:
    """The token owner's account; ``InvalidTokenError`` if it is gone."""
    user_id = verify_access_token(public_key, access_token).user_id
    with transaction(sessions, "account") as session:
        row = session.execute(
            select(
                User.id, User.username, User.first_name, User.last_name, User.created_at
            ).where(User.id == user_id)
        ).one_or_none()
    if row is None:
        raise InvalidTokenError(SESSION_INVALID)
    return Account(
        user_id=row.id,
        username=row.username,
        first_name=row.first_name,
        last_name=row.last_name,
        created_at=row.created_at,
    )


def delete_account(
    sessions: sessionmaker[Session],
    public_key: rsa.RSAPublicKey,
    access_token: str,
    password: str,
    *,
    now: datetime | None = None,
) -> None:
    """Delete the token owner's account after checking the password.

    The user's tokens, remembered logins and plans go with it (ON DELETE
    CASCADE). A wrong password raises ``SignInError`` ("Incorrect
    password") and counts towards the lockout like a failed sign-in.
    """
    now = now or _now()
    user_id = verify_access_token(public_key, access_token).user_id
    with transaction(sessions, "delete_account") as session:
        user = session.execute(
            select(User.username_key, User.password_hash).where(User.id == user_id)
        ).one_or_none()
        locked = user is not None and _locked(session, user.username_key, now)
    if user is None:
        raise InvalidTokenError(SESSION_INVALID)
    if locked:
        raise SignInLockedError()

    if not verify_password(password, user.password_hash):
        with transaction(sessions, "delete_account") as session:
            _record_failure(session, user.username_key, now)
        raise SignInError(PASSWORD_INCORRECT)

    with transaction(sessions, "delete_account") as session:
        session.execute(delete(User).where(User.id == user_id))
    logger.info("account deleted", extra={"user_id": user_id})


def _now() -> datetime:
    return datetime.now(UTC)


def _family() -> str:
    return uuid.uuid4().hex


def _invisible(char: str) -> bool:
    if unicodedata.category(char) == "Cf":
        return True
    code = ord(char)
    return 0xFE00 <= code <= 0xFE0F or 0xE0100 <= code <= 0xE01EF


def _username_problems(name: str, key: str) -> list[str]:
    if any(unicodedata.category(char) in FORBIDDEN_CATEGORIES for char in name):
        return [USERNAME_CHARACTERS]
    if not (
        MIN_USERNAME_LENGTH <= len(name) <= MAX_USERNAME_LENGTH
        and MIN_USERNAME_LENGTH <= len(key) <= USERNAME_KEY_LENGTH
    ):
        return [USERNAME_LENGTH]
    return []


def _optional_name(label: str, value: str | None, problems: list[str]) -> str | None:
    """A first or last name as stored, None when left empty."""
    if value is None:
        return None
    cleaned = unicodedata.normalize("NFC", value).strip()
    if any(unicodedata.category(char) in FORBIDDEN_CATEGORIES for char in cleaned):
        problems.append(NAME_CHARACTERS.format(field=label))
    elif len(cleaned) > NAME_LENGTH:
        problems.append(NAME_TOO_LONG.format(field=label))
    return cleaned or None


def _locked(session: Session, key: str, now: datetime) -> bool:
    """True while a fifth failure within 15 minutes is under 15 minutes old."""
    times = session.scalars(
        select(SignInFailure.failed_at)
        .where(
            SignInFailure.username_key == key,
            SignInFailure.failed_at > now - LOCKOUT_WINDOW - LOCKOUT_DURATION,
        )
        .order_by(SignInFailure.failed_at)
    ).all()
    first = LOCKOUT_FAILURES - 1
    return any(
        failed_at > now - LOCKOUT_DURATION
        and failed_at - times[index - first] <= LOCKOUT_WINDOW
        for index, failed_at in enumerate(times)
        if index >= first
    )


def _record_failure(session: Session, key: str, now: datetime) -> None:
    session.execute(insert(SignInFailure).values(username_key=key, failed_at=now))
    # Failures older than any lockout they could cause are of no more use.
    session.execute(
        delete(SignInFailure).where(
            SignInFailure.username_key == key,
            SignInFailure.failed_at <= now - LOCKOUT_WINDOW - LOCKOUT_DURATION,
        )
    )


def _refresh_row(session: Session, refresh_token: str) -> Row[Any] | None:
    """The refresh token's row with its owner's name, or None."""
    if not isinstance(refresh_token, str) or not refresh_token:
        return None
    return session.execute(
        select(
            RefreshToken.id,
            RefreshToken.user_id,
            RefreshToken.family,
            RefreshToken.expires_at,
            RefreshToken.revoked,
            User.username,
        )
        .join(User, User.id == RefreshToken.user_id)
        .where(
            RefreshToken.token_hash == token_hash(refresh_token),
            RefreshToken.kind == REFRESH,
        )
    ).one_or_none()


def _revoke_family(session: Session, family: str) -> None:
    session.execute(
        update(RefreshToken).where(RefreshToken.family == family).values(revoked=True)
    )


def _remembered_hash(user_id: int, cookie_exp_date: float) -> str:
    # The user's id, not their name: a later account that takes over a
    # deleted name must not inherit the old account's remembered logins.
    return token_hash(f"{user_id}:{float(cookie_exp_date)!r}")


def _issue(
    session: Session,
    keys: KeyPair,
    user_id: int,
    username: str,
    family: str,
    now: datetime,
) -> SignedIn:
    """Store a new refresh token of ``family`` and sign an access token."""
    refresh_token = new_refresh_token()
    session.execute(
        insert(RefreshToken).values(
            user_id=user_id,
            kind=REFRESH,
            family=family,
            token_hash=token_hash(refresh_token),
            expires_at=now + REFRESH_TOKEN_LIFETIME,
            revoked=False,
            created_at=now,
        )
    )
    return SignedIn(
        user_id=user_id,
        username=username,
        access_token=issue_access_token(keys, user_id, now=now),
        refresh_token=refresh_token,
    )
