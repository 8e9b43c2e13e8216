"""Fixtures of the engine tests: the reference examples."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

EXAMPLES = json.loads(
    (Path(__file__).parent / "classic-examples.json").read_text(encoding="utf-8")
)


@pytest.fixture
def worked_example_args() -> dict[str, object]:
    """The worked example of seed-algorithm.md as build_request arguments."""
    return {
        "weeks": 16,
        "runs_per_week": 4,
        "target_time": "4:00",
        "first_long_run_km": 8,
        "long_run_day": "sunday",
    }
