"""Miles: storage stays in km, display converts, and back again."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from stride_engine.units import (
    Unit,
    format_distance,
    format_pace,
    km_to_unit,
    unit_to_km,
)


@given(st.floats(min_value=0, max_value=500, allow_nan=False))
def test_km_to_miles_and_back_returns_the_input(km):
    assert unit_to_km(km_to_unit(km, Unit.MI), Unit.MI) == pytest.approx(km, abs=1e-9)


@pytest.mark.parametrize(
    ("km", "km_text", "mi_text"),
    [(42.2, "42.2 km", "26.2 mi"), (8, "8 km", "5.0 mi"), (21.5, "21.5 km", "13.4 mi")],
)
def test_distances_in_each_unit(km, km_text, mi_text):
    assert (format_distance(km), format_distance(km, Unit.MI)) == (km_text, mi_text)


def test_pace_per_mile_is_pace_per_km_times_1_609344():
    # 300 s/km * 1.609344 = 482.8 s, so 8:03 a mile.
    assert format_pace(300, Unit.MI) == "8:03 /mi"
