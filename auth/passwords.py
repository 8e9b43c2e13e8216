"""Password rules and bcrypt hashing (cost 12)."""

from __future__ import annotations

import unicodedata
from functools import cache

import bcrypt

from auth.errors import PASSWORD_TOO_LONG, PASSWORD_TOO_SHORT

BCRYPT_ROUNDS = 12
MIN_PASSWORD_CHARACTERS = 8
# bcrypt reads 72 bytes at most; bcrypt 5 raises beyond. Refuse, never cut.
MAX_PASSWORD_BYTES = 72


def password_bytes(password: str) -> bytes:
    """The bytes that are hashed: NFC form in UTF-8.

    NFC makes "é" typed as one character or as "e" and an accent the
    same password, whichever keyboard the runner uses.
    """
    return unicodedata.normalize("NFC", password).encode("utf-8")


def password_problems(password: str) -> list[str]:
    """Messages for every rule the password breaks; empty when it is fine."""
    problems = []
    if len(unicodedata.normalize("NFC", password)) < MIN_PASSWORD_CHARACTERS:
        problems.append(PASSWORD_TOO_SHORT)
    if len(password_bytes(password)) > MAX_PASSWORD_BYTES:
        problems.append(PASSWORD_TOO_LONG)
    return problems


def hash_password(password: str) -> str:
    """bcrypt hash of a password that follows the rules (checked by caller)."""
    return bcrypt.hashpw(
        password_bytes(password), bcrypt.gensalt(BCRYPT_ROUNDS)
    ).decode("ascii")


def verify_password(password: str, password_hash: str | None) -> bool:
    """True when the password matches; costs one bcrypt check either way.

    Without a hash (no such user) a dummy hash is checked, so that the
    time taken does not tell whether the username exists.
    """
    candidate = password_bytes(password)
    if len(candidate) > MAX_PASSWORD_BYTES:
        # No stored password is that long; spend the same time anyway.
        candidate, password_hash = b"", None
    if password_hash is None:
        bcrypt.checkpw(candidate, _dummy_hash(BCRYPT_ROUNDS))
        return False
    return bcrypt.checkpw(candidate, password_hash.encode("ascii"))


@cache
def _dummy_hash(rounds: int) -> bytes:
    return bcrypt.hashpw(b"no such account", bcrypt.gensalt(rounds))
