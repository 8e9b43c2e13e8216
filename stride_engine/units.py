"""Kilometres and miles: plans are stored in km and shown in either."""

from __future__ import annotations

import math
from enum import StrEnum

KM_PER_MILE = 1.609344


class Unit(StrEnum):
    """Unit a runner reads distances and paces in."""

    KM = "km"
    MI = "mi"


def km_to_unit(km: float, unit: Unit) -> float:
    """A distance in km expressed in ``unit``."""
    return km if unit is Unit.KM else km / KM_PER_MILE


def unit_to_km(distance: float, unit: Unit) -> float:
    """A distance given in ``unit`` expressed in km."""
    return distance if unit is Unit.KM else distance * KM_PER_MILE


def format_km(distance: float) -> str:
    """Distance without a needless ".0": 6 -> "6", 42.2 -> "42.2"."""
    if float(distance).is_integer():
        return str(int(distance))
    return f"{distance:g}"


def format_distance(km: float, unit: Unit = Unit.KM) -> str:
    """ "6 km" or "3.7 mi": km as the plan has them, miles to one decimal."""
    if unit is Unit.KM:
        return f"{format_km(km)} km"
    return f"{km / KM_PER_MILE:.1f} mi"


def pace_in_unit(seconds_per_km: float, unit: Unit) -> float:
    """A pace in seconds per km expressed per ``unit``."""
    return seconds_per_km if unit is Unit.KM else seconds_per_km * KM_PER_MILE


def format_pace(seconds_per_km: float, unit: Unit = Unit.KM) -> str:
    """A pace like "4:59 /km", rounded to whole seconds first (never 4:60)."""
    whole = math.floor(pace_in_unit(seconds_per_km, unit) + 0.5)
    minutes, seconds = divmod(whole, 60)
    return f"{minutes}:{seconds:02d} /{unit.value}"


def format_pace_range(slow: float, fast: float, unit: Unit = Unit.KM) -> str:
    """An easy range like "5:22-6:25 /km", fast end first."""
    fast_text = format_pace(fast, unit).split(" ")[0]
    return f"{fast_text}-{format_pace(slow, unit)}"
