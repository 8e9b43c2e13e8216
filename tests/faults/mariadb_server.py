"""A MariaDB server of the tests' own: its own port and data folder.

Fault tests stop and start it at will; the shared server on port 3306 is
never touched. It is started with Debian's ``mariadbd`` as the machine's
own server is, listening on 127.0.0.1 only.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import time
from pathlib import Path

import pymysql
import pytest

from deploy.cluster import free_port

MARIADBD = "/usr/sbin/mariadbd"
INSTALL_DB = shutil.which("mariadb-install-db") or "/usr/bin/mariadb-install-db"


def require_mariadb_binaries() -> None:
    """Skip when the server cannot be run here; fail instead under CI."""
    missing = [p for p in (MARIADBD, INSTALL_DB) if not os.access(p, os.X_OK)]
    if not missing:
        return
    reason = f"MariaDB server binaries missing: {', '.join(missing)}"
    if os.environ.get("CI") == "true":
        pytest.fail(reason)
    pytest.skip(reason)


class MariaDBServer:
    """A throw-away MariaDB server on 127.0.0.1, started and stopped by tests."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.data = folder / "data"
        self.port = free_port()
        self.process: subprocess.Popen[bytes] | None = None
        subprocess.run(
            [
                INSTALL_DB, "--no-defaults", f"--datadir={self.data}",
                "--user=root", "--auth-root-authentication-method=normal",
                "--skip-test-db",
            ],
            check=True,
            capture_output=True,
        )  # fmt: skip

    @property
    def url(self) -> str:
        """SQLAlchemy URL of its database ``stride``."""
        return f"mysql+pymysql://root@127.0.0.1:{self.port}/stride?charset=utf8mb4"

    def start(self) -> None:
        """Start the server and wait until it answers."""
        log = (self.folder / "server.log").open("ab")
        self.process = subprocess.Popen(
            [
                MARIADBD, "--no-defaults", f"--datadir={self.data}",
                f"--port={self.port}", "--bind-address=127.0.0.1",
                f"--socket={self.folder / 'mariadb.sock'}",
                f"--pid-file={self.folder / 'mariadb.pid'}",
                "--user=root", "--skip-log-bin",
            ],
            stdout=log,
            stderr=log,
        )  # fmt: skip
        deadline = time.monotonic() + 30
        while True:
            try:
                connection = pymysql.connect(
                    host="127.0.0.1", port=self.port, user="root", connect_timeout=1
                )
            except pymysql.MySQLError:
                if self.process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(
                        "the test MariaDB server did not start"
                    ) from None
                time.sleep(0.1)
                continue
            with connection.cursor() as cursor:
                cursor.execute(
                    "CREATE DATABASE IF NOT EXISTS stride CHARACTER SET utf8mb4"
                )
            connection.close()
            return

    def stop(self, kill: bool = False) -> None:
        """Stop the server: cleanly, or with SIGKILL as a crash would."""
        if self.process is None or self.process.poll() is not None:
            return
        self.process.send_signal(signal.SIGKILL if kill else signal.SIGTERM)
        self.process.wait(timeout=30)
