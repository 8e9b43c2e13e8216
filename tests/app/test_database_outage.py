"""A runner signed in with a plan on screen while the database stops and returns.

The database is a MariaDB server of the test's own (another port and
data folder); the shared server is never touched.
"""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from tests.app.conftest import (
    APP,
    GENERATE_PAGE,
    SAVED_PLANS_PAGE,
    TIMEOUT_S,
    messages,
    open_page,
    register,
    text_input,
)
from tests.faults.conftest import own_mariadb  # noqa: F401
from tests.faults.mariadb_server import MariaDBServer

UNREACHABLE = "Could not save the plan: the database is unreachable."


def _metric(app: AppTest, label: str) -> str:
    return next(metric.value for metric in app.metric if metric.label == label)


def _save(app: AppTest, name: str) -> AppTest:
    text_input(app, "Plan name").input(name)
    return app.button(key="save_plan").click().run()


def test_outage_keeps_the_plan_and_the_next_save_after_it_succeeds(
    own_mariadb: MariaDBServer,  # noqa: F811
    monkeypatch: pytest.MonkeyPatch,
    media_files: dict[str, bytes],
) -> None:
    monkeypatch.setenv("STRIDE_DATABASE_URL", own_mariadb.url)
    app = AppTest.from_file(APP, default_timeout=TIMEOUT_S).run()
    register(app, "ann", "correct horse battery")
    open_page(app, GENERATE_PAGE)
    assert _metric(app, "Peak long run") == "30 km"

    own_mariadb.stop()

    # Generating needs no database: the plan follows the sidebar.
    app.slider(key="weeks").set_value(20).run()
    assert len(app.table[0].value) == 20
    # The save says what failed; the plan stays on the page.
    _save(app, "Outage plan")
    assert messages(app, "error") == [UNREACHABLE]
    assert (_metric(app, "Peak long run"), len(app.table[0].value)) == ("30 km", 20)
    assert len(app.get("plotly_chart")) >= 2
    assert not app.exception

    own_mariadb.start()

    # The same Stride, not restarted, saves again once the server is back.
    _save(app, "Outage plan")
    assert messages(app, "error") == []
    assert messages(app, "success")[0].startswith("Saved “Outage plan”")
    open_page(app, SAVED_PLANS_PAGE)
    assert "Outage plan" in " ".join(m.value for m in app.main.markdown)
