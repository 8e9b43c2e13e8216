"""The engine factory, and what a page sees when the database is down."""

from __future__ import annotations

import socket
import time

import pytest
from sqlalchemy import text

from auth.tokens import issue_access_token
from db.errors import DatabaseUnavailableError, unavailable_message
from db.repository import delete_plan, list_plans, load_plan, save_plan
from db.sessions import (
    POOL_RECYCLE_SECONDS,
    build_engine,
    build_session_factory,
    transaction,
)
from stride_engine import build_request, generate_plan

SAVE_UNREACHABLE = "Could not save the plan: the database is unreachable."


def free_port() -> int:
    """A port on 127.0.0.1 where, a moment later, nothing listens."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def dead_sessions():
    """Sessions on a MySQL URL whose port has no server behind it."""
    engine = build_engine(f"mysql+pymysql://root@127.0.0.1:{free_port()}/test")
    yield build_session_factory(engine)
    engine.dispose()


def test_the_sqlite_file_and_its_folder_are_created_when_missing(tmp_path):
    path = tmp_path / "not" / "yet" / "stride.db"
    engine = build_engine(f"sqlite:///{path}")

    with engine.connect() as connection:
        keys_on = connection.execute(text("PRAGMA foreign_keys")).scalar_one()
        journal = connection.execute(text("PRAGMA journal_mode")).scalar_one()
    engine.dispose()

    assert path.exists()
    assert (keys_on, journal) == (1, "wal")


def test_each_database_enforces_its_rules(engine):
    with engine.connect() as connection:
        if engine.dialect.name == "sqlite":
            enforced = connection.execute(text("PRAGMA foreign_keys")).scalar_one()
            assert enforced == 1
        else:
            mode = connection.execute(text("SELECT @@SESSION.sql_mode")).scalar_one()
            assert "STRICT_ALL_TABLES" in mode
            assert engine.pool._pre_ping
            assert engine.pool._recycle == POOL_RECYCLE_SECONDS


def test_saving_on_an_unreachable_database_raises_one_stride_error_quickly(
    dead_sessions, keys
):
    token = issue_access_token(keys, 1)
    plan = generate_plan(
        build_request(
            weeks=16,
            runs_per_week=4,
            target_time="4:00",
            first_long_run_km=8,
            long_run_day="sunday",
        )
    )
    started = time.monotonic()

    with (
        pytest.raises(DatabaseUnavailableError) as error,
        transaction(dead_sessions, "save") as session,
    ):
        save_plan(session, keys.public_key, token, plan, "Spring")

    assert str(error.value) == SAVE_UNREACHABLE
    assert time.monotonic() - started < 10


@pytest.mark.parametrize(
    ("action", "call"),
    [
        ("save", lambda s, k, t, p: save_plan(s, k, t, p, "Spring")),
        ("list", lambda s, k, t, p: list_plans(s, k, t)),
        ("load", lambda s, k, t, p: load_plan(s, k, t, 1)),
        ("delete", lambda s, k, t, p: delete_plan(s, k, t, 1)),
    ],
)
def test_each_repository_call_names_its_action_when_the_database_is_down(
    dead_sessions, keys, action, call
):
    token = issue_access_token(keys, 1)
    plan = generate_plan(
        build_request(
            weeks=8,
            runs_per_week=2,
            target_time="4:00",
            first_long_run_km=8,
            long_run_day="sunday",
        )
    )

    # Inside a plain sessions.begin(), the repository turns it into ours too.
    with (
        pytest.raises(DatabaseUnavailableError) as error,
        dead_sessions.begin() as session,
    ):
        call(session, keys.public_key, token, plan)

    assert str(error.value) == unavailable_message(action)
    assert str(error.value).endswith(": the database is unreachable.")
