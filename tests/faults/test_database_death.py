"""The database dies mid-save: nothing is half-saved, and Stride recovers."""

from __future__ import annotations

import pytest
from cryptography.hazmat.primitives.asymmetric import rsa
from sqlalchemy import event, func, select

from auth.accounts import register, sign_in
from auth.keys import KeyPair
from db import models
from db.errors import DatabaseUnavailableError
from db.migrate import upgrade_database
from db.repository import list_plans, save_plan
from db.sessions import build_engine, build_session_factory, transaction
from stride_engine import build_request, generate_plan
from tests.faults.mariadb_server import MariaDBServer

PLAN = generate_plan(
    build_request(
        weeks=30,
        runs_per_week=7,
        target_time="3:30",
        first_long_run_km=10,
        long_run_day="sunday",
    )
)


@pytest.fixture
def keys() -> KeyPair:
    private_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    return KeyPair(private_key, private_key.public_key())


def _signed_in_token(sessions, keys: KeyPair) -> str:
    register(sessions, "ann", "correct horse battery")
    return sign_in(sessions, keys, "ann", "correct horse battery").access_token


def _row_counts(sessions) -> dict[str, int]:
    with sessions() as session:
        return {
            table.__tablename__: session.scalar(select(func.count()).select_from(table))
            for table in (models.Plan, models.PlanDetails, models.Workout)
        }


def test_server_killed_after_the_first_row_leaves_no_partial_plan(
    own_mariadb: MariaDBServer, keys: KeyPair
):
    upgrade_database(own_mariadb.url)
    engine = build_engine(own_mariadb.url)
    sessions = build_session_factory(engine)
    token = _signed_in_token(sessions, keys)

    def die_after_plan_row(conn, cursor, statement, *args):
        if statement.lstrip().upper().startswith("INSERT INTO PLANS"):
            own_mariadb.stop(kill=True)

    event.listen(engine, "after_cursor_execute", die_after_plan_row)
    with (
        pytest.raises(DatabaseUnavailableError) as failed,
        transaction(sessions, "save") as session,
    ):
        save_plan(session, keys.public_key, token, PLAN, "Spring marathon")
    event.remove(engine, "after_cursor_execute", die_after_plan_row)

    assert str(failed.value) == "Could not save the plan: the database is unreachable."
    own_mariadb.start()
    assert _row_counts(sessions) == {"plans": 0, "plan_details": 0, "workouts": 0}

    # The same engine serves again once the server is back: no restart.
    with transaction(sessions, "save") as session:
        plan_id = save_plan(session, keys.public_key, token, PLAN, "Spring marathon")
    with transaction(sessions, "list") as session:
        listed = list_plans(session, keys.public_key, token)
    assert [(p.id, p.name, p.weeks) for p in listed] == [
        (plan_id, "Spring marathon", 30)
    ]
    assert _row_counts(sessions) == {"plans": 1, "plan_details": 1, "workouts": 210}
    engine.dispose()


def test_save_while_the_server_is_down_says_so_and_the_next_save_succeeds(
    own_mariadb: MariaDBServer, keys: KeyPair
):
    upgrade_database(own_mariadb.url)
    engine = build_engine(own_mariadb.url)
    sessions = build_session_factory(engine)
    token = _signed_in_token(sessions, keys)

    own_mariadb.stop()
    with (
        pytest.raises(DatabaseUnavailableError) as failed,
        transaction(sessions, "save") as session,
    ):
        save_plan(session, keys.public_key, token, PLAN, "Autumn marathon")
    assert str(failed.value) == "Could not save the plan: the database is unreachable."

    own_mariadb.start()
    with transaction(sessions, "save") as session:
        save_plan(session, keys.public_key, token, PLAN, "Autumn marathon")
    assert _row_counts(sessions)["workouts"] == 210
    engine.dispose()
