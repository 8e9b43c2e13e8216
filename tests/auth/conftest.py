"""Fixtures of the account tests: the data-layer databases and keys."""

from __future__ import annotations

import pytest

from auth import passwords
from tests.db.databases import (  # noqa: F401
    database_url,
    engine,
    keys,
    mysql_database_url,
    new_user_token,
    other_keys,
    sessions,
)


@pytest.fixture
def fast_bcrypt(monkeypatch: pytest.MonkeyPatch) -> None:
    """bcrypt at cost 4 instead of 12: same hashes and checks, 1/256 the time.

    The cost changes only how long a hash takes; test_passwords.py checks
    that Stride hashes at cost 12.
    """
    monkeypatch.setattr(passwords, "BCRYPT_ROUNDS", 4)
