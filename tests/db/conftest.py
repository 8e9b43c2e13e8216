"""Fixtures of the data-layer tests: databases, keys and users."""

from __future__ import annotations

from tests.db.databases import (  # noqa: F401
    database_url,
    engine,
    keys,
    mysql_database_url,
    new_user_token,
    other_keys,
    sessions,
)
