"""The plan view on its own: reusable by any page, several times over."""

from __future__ import annotations

import tomllib

from streamlit.testing.v1 import AppTest

from tests.app.conftest import ROOT, TIMEOUT_S

TWO_PLANS = """
from stride_app.views import show_plan
from stride_engine import build_request, generate_plan

for weeks, prefix in ((12, "first"), (20, "second")):
    request = build_request(
        weeks=weeks, runs_per_week=5, target_time="3:45",
        first_long_run_km=10, long_run_day="saturday",
    )
    show_plan(generate_plan(request), key_prefix=prefix)
"""


def test_two_plans_on_one_page_keep_their_widgets_apart() -> None:
    app = AppTest.from_string(TWO_PLANS, default_timeout=TIMEOUT_S).run()

    assert not app.exception
    assert len(app.get("plotly_chart")) == 6
    # Each plan's weekly table, then its health panel's table.
    assert [len(table.value) for table in app.table] == [12, 12, 20, 20]
    assert {button.key for button in app.download_button} == {
        f"{prefix}_{kind}"
        for prefix in ("first", "second")
        for kind in ("csv", "json", "ics", "pdf")
    }


def test_streamlit_config_hides_tracebacks_and_stays_local() -> None:
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text())

    assert config["client"]["showErrorDetails"] == "none"
    assert config["browser"]["gatherUsageStats"] is False
    assert config["server"]["address"] == "127.0.0.1"
