"""One engine per database URL, its session factory, and outage handling.

The app builds the engine once per process (``st.cache_resource`` around
``build_engine``). Whoever starts a user action opens the transaction
with ``transaction(sessions, action)`` or ``sessions.begin()``; the data
functions only receive the session.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import InterfaceError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from db.errors import DatabaseUnavailableError

logger = logging.getLogger(__name__)

CONNECT_TIMEOUT_SECONDS = 5
# MySQL drops idle connections after wait_timeout (8 h by default).
POOL_RECYCLE_SECONDS = 1800
# How long an SQLite writer waits for another one before giving up.
SQLITE_BUSY_SECONDS = 30
# Strict mode: a value that does not fit is an error, never cut short.
MYSQL_SQL_MODE = "SET SESSION sql_mode = 'TRADITIONAL,NO_ENGINE_SUBSTITUTION'"


def build_engine(url: str | URL) -> Engine:
    """Engine for ``url``: SQLite (file made if missing) or MySQL/MariaDB."""
    url = make_url(url)
    if url.get_backend_name() == "sqlite":
        return _sqlite_engine(url)
    if url.get_backend_name() in ("mysql", "mariadb"):
        return _mysql_engine(url)
    return create_engine(url, pool_pre_ping=True)


def build_session_factory(engine: Engine) -> sessionmaker[Session]:
    """Session factory; objects stay readable after the commit."""
    return sessionmaker(engine, expire_on_commit=False)


@contextmanager
def database_errors(action: str) -> Iterator[None]:
    """Turn a lost or refused connection into ``DatabaseUnavailableError``."""
    try:
        yield
    except (OperationalError, InterfaceError) as exc:
        if isinstance(exc, InterfaceError) and not exc.connection_invalidated:
            raise  # a programming error, such as a value of the wrong type
        # Only the driver's class and code: the SQL text may hold hashes.
        code = exc.orig.args[0] if exc.orig is not None and exc.orig.args else ""
        logger.warning(
            "database unreachable",
            extra={
                "action": action,
                "error": type(exc.orig).__name__,
                "code": code if isinstance(code, int) else "",
            },
        )
        raise DatabaseUnavailableError(action) from exc


@contextmanager
def transaction(sessions: sessionmaker[Session], action: str) -> Iterator[Session]:
    """One transaction for one user action, committed when the block ends.

    A database that cannot be reached, at any statement or at the commit,
    raises ``DatabaseUnavailableError`` with the action's message.
    """
    with database_errors(action), sessions.begin() as session:
        yield session


def _sqlite_engine(url: URL) -> Engine:
    database = url.database
    if database and database != ":memory:" and not database.startswith("file:"):
        Path(database).parent.mkdir(parents=True, exist_ok=True)

    engine = create_engine(
        url,
        connect_args={"timeout": SQLITE_BUSY_SECONDS, "check_same_thread": False},
    )
    event.listen(engine, "connect", _sqlite_connect)
    event.listen(engine, "begin", _sqlite_begin)
    return engine


def _sqlite_connect(dbapi_connection: Any, _record: Any) -> None:
    # Hand transactions to SQLAlchemy (see _sqlite_begin); enforce foreign
    # keys, which SQLite ignores unless asked, so deletes cascade.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys = ON")
    cursor.execute("PRAGMA journal_mode = WAL")
    cursor.close()


def _sqlite_begin(connection: Any) -> None:
    # IMMEDIATE takes the write lock at the start, so concurrent writers
    # wait for the busy timeout instead of failing when a read turns into a
    # write ("database is locked").
    connection.exec_driver_sql("BEGIN IMMEDIATE")


def _mysql_engine(url: URL) -> Engine:
    connect_args: dict[str, Any] = {"init_command": MYSQL_SQL_MODE}
    if "connect_timeout" not in url.query:
        connect_args["connect_timeout"] = CONNECT_TIMEOUT_SECONDS
    if "charset" not in url.query:
        connect_args["charset"] = "utf8mb4"
    return create_engine(
        url,
        pool_pre_ping=True,
        pool_recycle=POOL_RECYCLE_SECONDS,
        connect_args=connect_args,
    )
