"""Fixtures of the fault tests: a MariaDB server they may stop and start."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.faults.mariadb_server import MariaDBServer, require_mariadb_binaries


@pytest.fixture
def own_mariadb(tmp_path: Path) -> Iterator[MariaDBServer]:
    """A running MariaDB server of this test's own, stopped afterwards."""
    require_mariadb_binaries()
    server = MariaDBServer(tmp_path / "mariadb")
    server.start()
    yield server
    server.stop()
