"""How a plan is saved: statement count, one transaction, concurrent saves."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from sqlalchemy import Engine, event, func, select, text

from db import models
from db.repository import list_plans, load_plan, save_plan
from stride_engine import build_request, generate_plan


def make_plan(weeks: int, runs: int):
    """A plan of that size with fixed other inputs."""
    return generate_plan(
        build_request(
            weeks=weeks,
            runs_per_week=runs,
            target_time="3:30",
            first_long_run_km=9.5,
            long_run_day="sunday",
        )
    )


@contextmanager
def statements(engine: Engine) -> Iterator[list[str]]:
    """Every statement SQLAlchemy sends while the block runs."""
    sent: list[str] = []

    def record(conn, cursor, statement, parameters, context, executemany):
        sent.append(statement)

    event.listen(engine, "before_cursor_execute", record)
    try:
        yield sent
    finally:
        event.remove(engine, "before_cursor_execute", record)


def test_a_save_sends_the_same_statements_for_any_plan_size(
    engine, sessions, keys, new_user_token
):
    token = new_user_token("ann")
    counts = []

    for weeks, runs in [(8, 2), (30, 7)]:
        with statements(engine) as sent, sessions.begin() as session:
            save_plan(session, keys.public_key, token, make_plan(weeks, runs), "P")
        inserts = [s for s in sent if s.startswith("INSERT")]
        counts.append((len(sent), len(inserts)))

    assert counts[0] == counts[1]
    assert counts[0][1] == 3


def test_the_workouts_reach_the_database_as_one_insert(sessions, keys, new_user_token):
    """Counted by the server itself, not by SQLAlchemy: 3 INSERTs in all."""
    token = new_user_token("ann")
    plan = make_plan(30, 7)

    with sessions.begin() as session:
        connection = session.connection()
        if connection.dialect.name == "sqlite":
            executed: list[str] = []
            raw = connection.connection.driver_connection
            raw.set_trace_callback(executed.append)
            save_plan(session, keys.public_key, token, plan, "P")
            raw.set_trace_callback(None)
            inserts = sum(1 for s in executed if s.startswith("INSERT"))
        else:
            status = text("SHOW SESSION STATUS LIKE 'Com_insert'")
            before = int(connection.execute(status).one()[1])
            save_plan(session, keys.public_key, token, plan, "P")
            inserts = int(connection.execute(status).one()[1]) - before

    assert plan.run_count == 210
    assert inserts == 3


@pytest.mark.parametrize("failing_table", ["plan_details", "workouts"])
def test_a_failure_after_the_first_row_leaves_nothing_of_the_plan(
    engine, sessions, keys, new_user_token, failing_table
):
    token = new_user_token("ann")

    class InjectedFailure(Exception):
        pass

    def fail(conn, cursor, statement, parameters, context, executemany):
        if statement.startswith(f"INSERT INTO {failing_table} "):
            raise InjectedFailure(failing_table)

    event.listen(engine, "before_cursor_execute", fail)
    try:
        with pytest.raises(InjectedFailure), sessions.begin() as session:
            save_plan(session, keys.public_key, token, make_plan(16, 4), "P")
    finally:
        event.remove(engine, "before_cursor_execute", fail)

    with sessions.begin() as session:
        counts = [
            session.scalar(select(func.count()).select_from(table))
            for table in (models.Plan, models.PlanDetails, models.Workout)
        ]
    assert counts == [0, 0, 0]


def test_twenty_threads_saving_for_one_user_give_twenty_complete_plans(
    sessions, keys, new_user_token
):
    token = new_user_token("ann")
    plans = [make_plan(8 + n, 2 + n % 6) for n in range(20)]
    start = threading.Barrier(len(plans))
    errors: list[BaseException] = []

    def save(plan) -> None:
        start.wait()
        try:
            with sessions.begin() as session:
                save_plan(session, keys.public_key, token, plan, "Same name")
        except BaseException as exc:  # reported below, with the others
            errors.append(exc)

    threads = [threading.Thread(target=save, args=(plan,)) for plan in plans]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    with sessions.begin() as session:
        summaries = list_plans(session, keys.public_key, token)
        loaded = [load_plan(session, keys.public_key, token, s.id) for s in summaries]
    assert sorted(saved.plan.request.weeks for saved in loaded) == list(range(8, 28))
    by_request = {plan.request: plan for plan in plans}
    assert all(saved.plan == by_request[saved.plan.request] for saved in loaded)
