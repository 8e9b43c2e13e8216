"""Times the classic engine on its largest plan: 30 weeks, 7 runs a week."""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from stride_engine import build_request, generate_plan  # noqa: E402

ROUNDS = 31
PLANS_PER_ROUND = 200


def main() -> None:
    """Print the median time of one plan and the plans generated a second."""
    request = build_request(
        weeks=30,
        runs_per_week=7,
        target_time="3:30",
        first_long_run_km=10,
        long_run_day="sunday",
    )
    generate_plan(request)

    per_plan = []
    for _ in range(ROUNDS):
        start = time.perf_counter()
        for _ in range(PLANS_PER_ROUND):
            generate_plan(request)
        per_plan.append((time.perf_counter() - start) / PLANS_PER_ROUND)

    median = statistics.median(per_plan)
    print("classic plan, 30 weeks, 7 runs a week")
    print(f"median time per plan: {median * 1000:.3f} ms")
    print(f"plans per second:     {1 / median:,.0f}")


if __name__ == "__main__":
    main()
