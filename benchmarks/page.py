"""Times a rerun of the Generate page under AppTest: 30 weeks, 7 runs a week."""

from __future__ import annotations

import datetime as dt
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from streamlit.testing.v1 import AppTest  # noqa: E402

RERUNS = 51
WARM_UP_RUNS = 3


def main() -> None:
    """Print the median time of one rerun with the largest plan."""
    app = AppTest.from_file(ROOT / "app.py", default_timeout=60).run()
    app.slider(key="weeks").set_value(30)
    app.slider(key="runs_per_week").set_value(7)
    app.slider(key="target_time").set_value(dt.time(3, 30))
    app.number_input(key="first_long_run_km").set_value(10.0)
    for _ in range(WARM_UP_RUNS):
        app.run()
    if app.exception or len(app.table[0].value) != 30:
        raise SystemExit("the page did not draw the 30-week plan")

    times = []
    for _ in range(RERUNS):
        start = time.perf_counter()
        app.run()
        times.append(time.perf_counter() - start)

    print("Generate page rerun under AppTest, 30 weeks, 7 runs a week")
    print(f"median rerun time: {statistics.median(times) * 1000:.1f} ms")
    print(f"fastest, slowest:  {min(times) * 1000:.1f}, {max(times) * 1000:.1f} ms")


if __name__ == "__main__":
    main()
