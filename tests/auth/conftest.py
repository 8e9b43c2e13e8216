"""Fixtures of the account tests: the data-layer databases and keys."""

from __future__ import annotations

from tests.db.databases import (  # noqa: F401
    database_url,
    engine,
    keys,
    new_user_token,
    other_keys,
    sessions,
)
