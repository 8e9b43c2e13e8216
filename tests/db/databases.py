"""Database fixtures shared by tests/db and tests/auth: SQLite and MariaDB.

Each test gets a clean database with the Alembic migrations applied: a
fresh SQLite file, or a MariaDB database emptied before and after. On
MariaDB every test session works in a database of its own, made next to
``test`` and dropped at the end, so that two test runs on one server (a
developer's and an agent's, say) do not empty each other's tables; where
the account may not create databases, ``test`` itself is used. When
MariaDB does not answer its cases skip, unless CI=true, where they fail.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from functools import cache

import bcrypt
import pymysql
import pytest
from cryptography.hazmat.primitives.asymmetric import rsa
from sqlalchemy import Engine, insert, inspect
from sqlalchemy.engine import make_url
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, sessionmaker

from auth.keys import KeyPair
from auth.tokens import issue_access_token
from db.migrate import upgrade_database
from db.models import User
from db.sessions import build_engine, build_session_factory

MYSQL_URL = os.environ.get(
    "STRIDE_TEST_MYSQL_URL",
    "mysql+pymysql://root@127.0.0.1:3306/test?charset=utf8mb4",
)
# Users made directly get this cheap hash; no test signs them in.
PLACEHOLDER_HASH = bcrypt.hashpw(b"placeholder", bcrypt.gensalt(4)).decode("ascii")

BACKENDS = [
    pytest.param("sqlite", id="sqlite"),
    pytest.param("mysql", id="mariadb", marks=pytest.mark.mysql),
]


@cache
def mysql_unavailable() -> str | None:
    """Why the MariaDB server cannot be used, or None when it answers."""
    url = make_url(MYSQL_URL)
    try:
        connection = pymysql.connect(
            host=url.host,
            port=url.port or 3306,
            user=url.username,
            password=url.password or "",
            database=url.database,
            connect_timeout=3,
        )
    except pymysql.MySQLError as exc:
        return f"MariaDB at {url.host}:{url.port or 3306} does not answer: {exc}"
    connection.close()
    return None


def require_mysql() -> None:
    """Skip when MariaDB is down; fail instead when running in CI."""
    reason = mysql_unavailable()
    if reason is None:
        return
    if os.environ.get("CI") == "true":
        pytest.fail(reason)
    pytest.skip(reason)


def drop_all_tables(url: str) -> None:
    """Empty the database: every table, alembic_version included."""
    engine = build_engine(url)
    try:
        with engine.begin() as connection:
            connection.exec_driver_sql("SET FOREIGN_KEY_CHECKS = 0")
            for table in inspect(connection).get_table_names():
                connection.exec_driver_sql(f"DROP TABLE `{table}`")
            connection.exec_driver_sql("SET FOREIGN_KEY_CHECKS = 1")
    finally:
        engine.dispose()


@pytest.fixture(scope="session")
def mysql_database_url() -> Iterator[str]:
    """URL of this test session's own MariaDB database."""
    require_mysql()
    base = make_url(MYSQL_URL)
    name = f"{base.database}_stride_{uuid.uuid4().hex[:12]}"
    server = build_engine(base)
    try:
        with server.begin() as connection:
            connection.exec_driver_sql(
                f"CREATE DATABASE `{name}` CHARACTER SET utf8mb4"
            )
    except OperationalError:
        server.dispose()
        yield MYSQL_URL  # no right to create databases: share the given one
        return

    yield base.set(database=name).render_as_string(hide_password=False)
    with server.begin() as connection:
        connection.exec_driver_sql(f"DROP DATABASE IF EXISTS `{name}`")
    server.dispose()


@pytest.fixture(params=BACKENDS)
def database_url(request: pytest.FixtureRequest, tmp_path) -> Iterator[str]:
    """URL of a clean, migrated database: SQLite file or MariaDB."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'data' / 'stride.db'}"
        upgrade_database(url)
        yield url
        return

    url = request.getfixturevalue("mysql_database_url")
    drop_all_tables(url)
    upgrade_database(url)
    yield url
    drop_all_tables(url)


@pytest.fixture
def engine(database_url: str) -> Iterator[Engine]:
    """The engine of the test's database, disposed afterwards."""
    engine = build_engine(database_url)
    yield engine
    engine.dispose()


@pytest.fixture
def sessions(engine: Engine) -> sessionmaker[Session]:
    """Session factory of the test's database."""
    return build_session_factory(engine)


def make_key_pair() -> KeyPair:
    """A fresh RSA-2048 pair, made by the test rather than kept anywhere."""
    private_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    return KeyPair(private_key, private_key.public_key())


@pytest.fixture(scope="session")
def keys() -> KeyPair:
    """The key pair the tests' Stride signs with."""
    return make_key_pair()


@pytest.fixture(scope="session")
def other_keys() -> KeyPair:
    """A key pair that is not Stride's: what a forger would sign with."""
    return make_key_pair()


def add_user(sessions: sessionmaker[Session], username: str) -> int:
    """Insert a user directly (no bcrypt cost) and return the id."""
    with sessions.begin() as session:
        return session.scalar(
            insert(User)
            .values(
                username=username,
                username_key=username.casefold(),
                password_hash=PLACEHOLDER_HASH,
                created_at=datetime.now(UTC),
            )
            .returning(User.id)
        )


@pytest.fixture
def new_user_token(
    sessions: sessionmaker[Session], keys: KeyPair
) -> Callable[[str], str]:
    """Factory: a new user by that name and an access token of theirs."""

    def make(username: str) -> str:
        return issue_access_token(keys, add_user(sessions, username))

    return make
