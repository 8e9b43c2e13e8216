"""Times saving, loading and listing plans on SQLite and on MariaDB.

Prints, for each database: statements per save for the smallest and the
largest plan; median save, load and list times for a 30-week, 7-run
plan; the same save written one INSERT per workout, in one transaction
and, as the original did, each row committed on its own; and listing
for a user with 500 plans. MariaDB work happens in a database of its own
(``stride_bench``), dropped at the end; SQLite in a temporary folder.

    .venv/bin/python benchmarks/db.py [--mysql-server mysql+pymysql://root@127.0.0.1:3306]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from cryptography.hazmat.primitives.asymmetric import rsa  # noqa: E402
from sqlalchemy import Engine, event, insert, text  # noqa: E402
from sqlalchemy.orm import Session, sessionmaker  # noqa: E402

from auth import accounts  # noqa: E402
from auth.keys import KeyPair  # noqa: E402
from auth.tokens import issue_access_token  # noqa: E402
from db import models  # noqa: E402
from db.migrate import upgrade_database  # noqa: E402
from db.repository import list_plans, load_plan, save_plan  # noqa: E402
from db.sessions import build_engine, build_session_factory  # noqa: E402
from stride_engine import Plan, build_request, generate_plan  # noqa: E402

ROUNDS = 31
ROW_BY_ROW_ROUNDS = 7
LISTED_PLANS = 500
BENCH_DATABASE = "stride_bench"


def make_plan(weeks: int, runs: int) -> Plan:
    """A plan of that size."""
    return generate_plan(
        build_request(
            weeks=weeks,
            runs_per_week=runs,
            target_time="3:30",
            first_long_run_km=9.5,
            long_run_day="sunday",
        )
    )


def median_ms(action: Callable[[], object], rounds: int = ROUNDS) -> float:
    """Median wall time of ``action`` in milliseconds, after one warm-up."""
    action()
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def statements_per_save(
    engine: Engine, sessions: sessionmaker[Session], keys: KeyPair, token: str
) -> dict[str, int]:
    """Statements sent for the smallest and the largest plan."""
    sent: list[str] = []

    def record(conn, cursor, statement, *args) -> None:
        sent.append(statement)

    counts = {}
    event.listen(engine, "before_cursor_execute", record)
    for weeks, runs in [(8, 2), (30, 7)]:
        sent.clear()
        with sessions.begin() as session:
            save_plan(session, keys.public_key, token, make_plan(weeks, runs), "P")
        counts[f"{weeks} weeks x {runs} runs ({weeks * runs} workouts)"] = len(sent)
    event.remove(engine, "before_cursor_execute", record)
    return counts


def save_row_by_row(
    sessions: sessionmaker[Session], user_id: int, plan: Plan, *, commit_each: bool
) -> None:
    """The same rows as save_plan, one INSERT per workout."""
    request = plan.request
    with sessions.begin() as session:
        plan_id = session.scalar(
            insert(models.Plan).values(user_id=user_id).returning(models.Plan.id)
        )
        session.execute(
            insert(models.PlanDetails).values(
                plan_id=plan_id,
                name="Row by row",
                weeks=request.weeks,
                runs_per_week=request.runs_per_week,
                target_minutes=request.target_minutes,
                first_long_run_km=request.first_long_run_km,
                long_run_day=request.long_run_day.value,
                unit=request.unit.value,
                recovery_weeks=request.recovery_weeks,
                peak_long_run_km=plan.peak_long_run_km,
                weekly_increase_km=plan.weekly_increase_km,
                total_km=plan.total_km,
                created_at=datetime.now(UTC),
            )
        )
    rows = [
        {
            "plan_id": plan_id,
            "week": week.number,
            "day": workout.day.value,
            "type": workout.type.value,
            "distance_km": float(workout.distance_km),
        }
        for week in plan.weeks
        for workout in week.workouts
    ]
    if commit_each:
        for row in rows:
            with sessions.begin() as session:
                session.execute(insert(models.Workout).values(**row))
        return
    with sessions.begin() as session:
        for row in rows:
            session.execute(insert(models.Workout).values(**row))


def run(label: str, url: str, keys: KeyPair) -> None:
    """Every figure for one database."""
    upgrade_database(url)
    engine = build_engine(url)
    sessions = build_session_factory(engine)
    plan = make_plan(30, 7)

    user_id = accounts.register(sessions, "bench", "bench password")
    token = issue_access_token(keys, user_id)
    counts = statements_per_save(engine, sessions, keys, token)

    def save() -> int:
        with sessions.begin() as session:
            return save_plan(session, keys.public_key, token, plan, "Bench")

    plan_id = save()

    def load() -> object:
        with sessions.begin() as session:
            return load_plan(session, keys.public_key, token, plan_id)

    save_ms = median_ms(save)
    load_ms = median_ms(load)
    one_transaction_ms = median_ms(
        lambda: save_row_by_row(sessions, user_id, plan, commit_each=False),
        ROW_BY_ROW_ROUNDS,
    )
    commit_each_ms = median_ms(
        lambda: save_row_by_row(sessions, user_id, plan, commit_each=True),
        ROW_BY_ROW_ROUNDS,
    )

    lister_id = accounts.register(sessions, "lister", "bench password")
    lister = issue_access_token(keys, lister_id)
    with sessions.begin() as session:
        for n in range(LISTED_PLANS):
            save_plan(session, keys.public_key, lister, plan, f"Plan {n}")

    def list_all() -> int:
        with sessions.begin() as session:
            return len(list_plans(session, keys.public_key, lister))

    assert list_all() == LISTED_PLANS
    list_500_ms = median_ms(list_all)
    engine.dispose()

    print(f"\n{label}")
    for size, statements in counts.items():
        print(f"  statements per save, {size}: {statements}")
    print(f"  save, 30 weeks x 7 runs (210 workouts): {save_ms:8.2f} ms")
    print(f"  load, same plan:                        {load_ms:8.2f} ms")
    print(
        f"  row by row, one transaction:            {one_transaction_ms:8.2f} ms"
        f"  ({one_transaction_ms / save_ms:.1f}x the save)"
    )
    print(
        f"  row by row, each row committed:         {commit_each_ms:8.2f} ms"
        f"  ({commit_each_ms / save_ms:.1f}x the save)"
    )
    print(f"  list, user with {LISTED_PLANS} plans:             {list_500_ms:8.2f} ms")


def main() -> None:
    """Run the benchmark on SQLite, then on MariaDB."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--mysql-server",
        default="mysql+pymysql://root@127.0.0.1:3306",
        help="server URL without a database; 'none' to skip MariaDB",
    )
    args = parser.parse_args()
    private_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    keys = KeyPair(private_key, private_key.public_key())

    with tempfile.TemporaryDirectory() as folder:
        run("SQLite (file, WAL)", f"sqlite:///{folder}/bench.db", keys)

    if args.mysql_server == "none":
        return
    server = build_engine(f"{args.mysql_server}/?charset=utf8mb4")
    with server.begin() as connection:
        connection.execute(text(f"DROP DATABASE IF EXISTS {BENCH_DATABASE}"))
        connection.execute(
            text(f"CREATE DATABASE {BENCH_DATABASE} CHARACTER SET utf8mb4")
        )
    try:
        run(
            "MariaDB (InnoDB, PyMySQL)",
            f"{args.mysql_server}/{BENCH_DATABASE}?charset=utf8mb4",
            keys,
        )
    finally:
        with server.begin() as connection:
            connection.execute(text(f"DROP DATABASE IF EXISTS {BENCH_DATABASE}"))
        server.dispose()


if __name__ == "__main__":
    main()
