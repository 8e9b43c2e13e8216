"""Simulated runners against MariaDB: register, sign in, generate, save, list.

For N = 10, 50 and 200 runners at once (one thread each), every runner
registers, signs in, generates a 16- to 30-week plan, saves it and lists
its plans, through the same services the pages call, against a MariaDB
database of its own (``stride_load``, dropped at the end). Prints the
throughput, p50 and p95 of each step, the errors, the plans lost (saved
but not loading back equal) and the process's peak resident memory.

    .venv/bin/python benchmarks/load.py [--runners 10 50 200]
"""

from __future__ import annotations

import argparse
import resource
import statistics
import sys
import threading
import time
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from cryptography.hazmat.primitives.asymmetric import rsa  # noqa: E402
from sqlalchemy import text  # noqa: E402

from auth import accounts  # noqa: E402
from auth.keys import KeyPair  # noqa: E402
from db.migrate import upgrade_database  # noqa: E402
from db.repository import list_plans, load_plan, save_plan  # noqa: E402
from db.sessions import build_engine, build_session_factory, transaction  # noqa: E402
from stride_engine import build_request, generate_plan  # noqa: E402

SERVER = "mysql+pymysql://root@127.0.0.1:3306"
DATABASE = "stride_load"
STEPS = ("register", "sign in", "generate", "save", "list")


def percentile(values: list[float], share: float) -> float:
    """The value below which ``share`` of the values lie (nearest rank)."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def run_load(runners: int, sessions, keys: KeyPair, batch: str) -> None:
    """Run ``runners`` simulated runners at once and print the figures."""
    timings: dict[str, list[float]] = defaultdict(list)
    errors: list[str] = []
    saved: list[tuple[str, int, object]] = []
    lock = threading.Lock()

    def runner(index: int) -> None:
        name, password = f"runner-{batch}-{index}", f"long enough {index}"
        request = build_request(
            weeks=16 + index % 15,
            runs_per_week=2 + index % 6,
            target_time=180 + index % 120,
            first_long_run_km=8 + index % 10,
            long_run_day="sunday" if index % 2 else "saturday",
        )
        step_started = time.perf_counter()

        def mark(step: str) -> None:
            nonlocal step_started
            now = time.perf_counter()
            with lock:
                timings[step].append(now - step_started)
            step_started = now

        try:
            accounts.register(sessions, name, password)
            mark("register")
            signed_in = accounts.sign_in(sessions, keys, name, password)
            mark("sign in")
            plan = generate_plan(request)
            mark("generate")
            with transaction(sessions, "save") as session:
                plan_id = save_plan(
                    session, keys.public_key, signed_in.access_token, plan, name
                )
            mark("save")
            with transaction(sessions, "list") as session:
                listed = list_plans(session, keys.public_key, signed_in.access_token)
            mark("list")
            if [p.id for p in listed] != [plan_id]:
                raise AssertionError(f"{name} listed {[p.id for p in listed]}")
            with lock:
                saved.append((signed_in.access_token, plan_id, plan))
        except Exception as exc:  # every failure is counted, whatever it is
            with lock:
                errors.append(f"{type(exc).__name__}: {exc}")

    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=runners) as pool:
        list(pool.map(runner, range(runners)))
    elapsed = time.perf_counter() - started

    lost = 0
    for token, plan_id, plan in saved:
        with transaction(sessions, "open") as session:
            if load_plan(session, keys.public_key, token, plan_id).plan != plan:
                lost += 1

    print(f"\n{runners} runners at once: {elapsed:.1f} s, "
          f"{runners / elapsed:.1f} runners/s")  # fmt: skip
    print(f"  {'step':<9} {'p50 ms':>9} {'p95 ms':>9}")
    for step in STEPS:
        values = timings[step]
        if values:
            p50 = statistics.median(values) * 1000
            p95 = percentile(values, 0.95) * 1000
            print(f"  {step:<9} {p50:>9.1f} {p95:>9.1f}")
    print(f"  errors: {len(errors)}, lost plans: {lost}")
    for error in errors[:5]:
        print(f"    {error}")


def main() -> None:
    """Create the database, run each load, print the figures, drop it."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runners", type=int, nargs="+", default=[10, 50, 200])
    parser.add_argument("--mysql-server", default=SERVER)
    args = parser.parse_args()

    server = build_engine(args.mysql_server)
    with server.begin() as connection:
        connection.execute(text(f"DROP DATABASE IF EXISTS {DATABASE}"))
        connection.execute(text(f"CREATE DATABASE {DATABASE} CHARACTER SET utf8mb4"))
    url = f"{args.mysql_server}/{DATABASE}?charset=utf8mb4"
    try:
        upgrade_database(url)
        engine = build_engine(url)
        sessions = build_session_factory(engine)
        private_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        keys = KeyPair(private_key, private_key.public_key())
        print("load: register, sign in (bcrypt cost 12), generate, save, list")
        for batch, runners in enumerate(args.runners):
            run_load(runners, sessions, keys, str(batch))
        engine.dispose()
    finally:
        with server.begin() as connection:
            connection.execute(text(f"DROP DATABASE IF EXISTS {DATABASE}"))
        server.dispose()

    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"\npeak resident memory: {peak_mb:.0f} MB")


if __name__ == "__main__":
    main()
