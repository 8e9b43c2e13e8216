"""Concurrent page sessions through nginx, driven over Streamlit's websocket.

Starts two replicas behind nginx (``deploy/cluster.py``) on a MariaDB
database of its own (``stride_page_load``, dropped at the end). Then K
browser-free sessions at once each open ``/_stcore/stream`` through nginx,
as the browser does, and ask for R reruns of the Generate page: a
``BackMsg`` with ``rerun_script``, answered by ``ForwardMsg``s up to
``script_finished``. Prints reruns a second, p50 and p95 of a rerun, and
the errors (a run that did not finish successfully, or drew an
exception). Widgets keep their defaults: the rerun is the whole page, the
plan, both charts and the table.

    .venv/bin/python benchmarks/page_load.py [--sessions 10 50] [--reruns 10]
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import time
from pathlib import Path

import websockets

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import text  # noqa: E402
from streamlit.proto.Alert_pb2 import Alert  # noqa: E402
from streamlit.proto.BackMsg_pb2 import BackMsg  # noqa: E402
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg  # noqa: E402

from db.sessions import build_engine  # noqa: E402
from deploy.cluster import LocalCluster  # noqa: E402

SERVER = "mysql+pymysql://root@127.0.0.1:3306"
DATABASE = "stride_page_load"


async def one_session(base: str, reruns: int, times: list[float], errors: list[str]):
    """One tab: connect, rerun ``reruns`` times, record each rerun's time."""
    url = base.replace("http://", "ws://") + "/_stcore/stream"
    try:
        async with websockets.connect(
            url, subprotocols=["streamlit"], origin=base, max_size=None
        ) as socket:
            for _ in range(reruns):
                request = BackMsg()
                request.rerun_script.query_string = ""
                started = time.perf_counter()
                await socket.send(request.SerializeToString())
                failed = await _until_finished(socket)
                times.append(time.perf_counter() - started)
                if failed:
                    errors.append(failed)
    except (OSError, websockets.WebSocketException) as exc:
        errors.append(f"{type(exc).__name__}: {exc}")


async def _until_finished(socket) -> str | None:
    """Read messages to the end of the run; what went wrong, if anything."""
    problem = None
    while True:
        message = ForwardMsg()
        message.ParseFromString(await socket.recv())
        kind = message.WhichOneof("type")
        if kind == "delta":
            element = message.delta.new_element
            drawn = element.WhichOneof("type")
            if drawn == "exception" or (
                drawn == "alert" and element.alert.format == Alert.ERROR
            ):
                problem = "the page drew an error"
        if kind == "script_finished":
            status = message.script_finished
            if status != ForwardMsg.FINISHED_SUCCESSFULLY:
                return f"run ended with status {status}"
            return problem


async def load(base: str, sessions: int, reruns: int) -> None:
    """Run ``sessions`` tabs at once and print the figures."""
    times: list[float] = []
    errors: list[str] = []
    started = time.perf_counter()
    await asyncio.gather(
        *(one_session(base, reruns, times, errors) for _ in range(sessions))
    )
    elapsed = time.perf_counter() - started
    ordered = sorted(times)
    p95 = ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))] if ordered else 0
    print(
        f"{sessions:>4} sessions x {reruns} reruns: {len(times) / elapsed:6.1f} "
        f"reruns/s, p50 {statistics.median(ordered) * 1000:6.0f} ms, "
        f"p95 {p95 * 1000:6.0f} ms, errors {len(errors)}"
    )
    for error in errors[:3]:
        print(f"    {error}")


def main() -> None:
    """Start the cluster, run each load, stop everything."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, nargs="+", default=[10, 50])
    parser.add_argument("--reruns", type=int, default=10)
    args = parser.parse_args()

    server = build_engine(SERVER)
    with server.begin() as connection:
        connection.execute(text(f"DROP DATABASE IF EXISTS {DATABASE}"))
        connection.execute(text(f"CREATE DATABASE {DATABASE} CHARACTER SET utf8mb4"))
    try:
        with LocalCluster(f"{SERVER}/{DATABASE}?charset=utf8mb4") as cluster:
            print(f"Generate page reruns through nginx at {cluster.url}, 2 replicas")
            asyncio.run(load(cluster.url, 2, 2))  # warm both replicas
            for sessions in args.sessions:
                asyncio.run(load(cluster.url, sessions, args.reruns))
    finally:
        with server.begin() as connection:
            connection.execute(text(f"DROP DATABASE IF EXISTS {DATABASE}"))
        server.dispose()


if __name__ == "__main__":
    main()
