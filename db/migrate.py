"""Brings a database's schema up to date with Stride's Alembic migrations."""

from __future__ import annotations

import logging
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy.engine import URL

from db.sessions import build_engine, database_errors

logger = logging.getLogger(__name__)

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"


def alembic_config(url: str | URL) -> Config:
    """Alembic configuration for ``url``, independent of alembic.ini."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.attributes["url"] = (
        url.render_as_string(False) if isinstance(url, URL) else url
    )
    return config


def upgrade_database(url: str | URL, revision: str = "head") -> None:
    """Apply every migration up to ``revision``; safe to run on each start."""
    with database_errors("upgrade"):
        command.upgrade(alembic_config(url), revision)
    logger.info("database schema upgraded", extra={"revision": revision})


def head_revision() -> str:
    """The newest revision the migrations define."""
    script = ScriptDirectory.from_config(alembic_config("sqlite://"))
    head = script.get_current_head()
    assert head is not None
    return head


def current_revision(url: str | URL) -> str | None:
    """Revision the database is at, None before the first migration."""
    engine = build_engine(url)
    try:
        with database_errors("upgrade"), engine.connect() as connection:
            return MigrationContext.configure(connection).get_current_revision()
    finally:
        engine.dispose()
