"""Training paces from a race time, by Daniels' and Gilbert's equations.

Jack Daniels and Jimmy Gilbert, *Oxygen Power: Performance Tables for
Distance Runners* (1979), fitted two curves to measured runners:

- the oxygen cost of running at a speed v (metres a minute):
  ``VO2 = -4.60 + 0.182258 v + 0.000104 v**2`` (ml/kg/min);
- the share of VO2max a runner holds for a race lasting t minutes:
  ``0.8 + 0.1894393 e**(-0.012778 t) + 0.2989558 e**(-0.1932605 t)``.

A race's VDOT is the first divided by the second. A training pace is the
speed whose oxygen cost is a given share of the VDOT, found by solving the
first equation for v. The shares follow Daniels' Running Formula (3rd ed.,
2014): easy running at 59 to 74 % of VO2max and threshold ("tempo") at
88 %. Riegel's formula, T2 = T1 * (D2 / D1) ** 1.06 (Peter Riegel, "Athletic
Records and Human Endurance", American Scientist, 1981), gives a second
prediction of the marathon time.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from enum import StrEnum

MARATHON_M = 42_195

EASY_SHARE = (0.59, 0.74)
THRESHOLD_SHARE = 0.88
RIEGEL_EXPONENT = 1.06

# Verdict bounds on how much faster the target is than the prediction.
ON_TRACK_GAP = 0.02
STRETCH_GAP = 0.06


class RaceDistance(StrEnum):
    """Race distances a runner can give as a recent result."""

    FIVE_K = "5K"
    TEN_K = "10K"
    HALF = "half marathon"
    MARATHON = "marathon"

    @property
    def metres(self) -> int:
        """Length of the race in metres."""
        return _RACE_METRES[self]


_RACE_METRES = {
    RaceDistance.FIVE_K: 5_000,
    RaceDistance.TEN_K: 10_000,
    RaceDistance.HALF: 21_097,
    RaceDistance.MARATHON: MARATHON_M,
}


def oxygen_cost(metres_per_minute: float) -> float:
    """VO2 (ml/kg/min) of running at a speed."""
    v = metres_per_minute
    return -4.60 + 0.182258 * v + 0.000104 * v * v


def sustainable_share(minutes: float) -> float:
    """Share of VO2max a runner holds for a race of that many minutes."""
    return (
        0.8
        + 0.1894393 * math.exp(-0.012778 * minutes)
        + 0.2989558 * math.exp(-0.1932605 * minutes)
    )


def vdot(metres: float, seconds: float) -> float:
    """VDOT of a race run over ``metres`` in ``seconds``."""
    minutes = seconds / 60
    return oxygen_cost(metres / minutes) / sustainable_share(minutes)


def speed_at(vdot_value: float, share: float) -> float:
    """Speed (metres a minute) whose oxygen cost is ``share`` of the VDOT."""
    a, b, c = 0.000104, 0.182258, -4.60 - share * vdot_value
    return (-b + math.sqrt(b * b - 4 * a * c)) / (2 * a)


def seconds_per_km(metres_per_minute: float) -> float:
    """Pace in seconds per kilometre of a speed in metres a minute."""
    return 60_000 / metres_per_minute


def predict_seconds(vdot_value: float, metres: float) -> float:
    """Time (s) that the VDOT predicts for a race of ``metres``."""
    # vdot() falls as the time grows: bisect between 1 minute and 24 hours.
    low, high = 60.0, 86_400.0
    for _ in range(100):
        middle = (low + high) / 2
        if vdot(metres, middle) > vdot_value:
            low = middle
        else:
            high = middle
    return (low + high) / 2


def riegel_seconds(seconds: float, metres: float, to_metres: float) -> float:
    """Riegel's prediction for ``to_metres`` from a race over ``metres``."""
    return seconds * (to_metres / metres) ** RIEGEL_EXPONENT


def format_duration(seconds: float) -> str:
    """A duration as H:MM:SS, rounded to whole seconds first."""
    whole = math.floor(seconds + 0.5)
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}"


@dataclass(frozen=True)
class RecentRace:
    """A race the runner ran lately: its distance and time in seconds."""

    distance: RaceDistance
    seconds: int

    @property
    def vdot(self) -> float:
        """VDOT of this result."""
        return vdot(self.distance.metres, self.seconds)


@dataclass(frozen=True)
class Paces:
    """Paces in seconds per kilometre, and the VDOT they come from."""

    vdot: float
    marathon: float
    easy_slow: float
    easy_fast: float
    threshold: float


def training_paces(target_minutes: int, recent: RecentRace | None = None) -> Paces:
    """Paces from the target, or from a recent race when one is given.

    Marathon pace is the target's own pace, unless a recent race is given:
    then every pace, marathon pace included, comes from that race's VDOT.
    """
    if recent is None:
        level = vdot(MARATHON_M, target_minutes * 60)
        marathon = target_minutes * 60 / (MARATHON_M / 1000)
    else:
        level = recent.vdot
        marathon = predict_seconds(level, MARATHON_M) / (MARATHON_M / 1000)

    return Paces(
        vdot=level,
        marathon=marathon,
        easy_slow=seconds_per_km(speed_at(level, EASY_SHARE[0])),
        easy_fast=seconds_per_km(speed_at(level, EASY_SHARE[1])),
        threshold=seconds_per_km(speed_at(level, THRESHOLD_SHARE)),
    )


@dataclass(frozen=True)
class TargetCheck:
    """How a target compares with what a recent race predicts."""

    race_vdot: float
    target_vdot: float
    vdot_seconds: float
    riegel_seconds: float
    target_seconds: int
    verdict: str

    @property
    def summary(self) -> str:
        """One line with the verdict and the numbers behind it."""
        gap = (self.vdot_seconds - self.target_seconds) / self.vdot_seconds
        direction = "faster" if gap >= 0 else "slower"
        return (
            f"Your recent race (VDOT {self.race_vdot:.1f}) predicts "
            f"{format_duration(self.vdot_seconds)} by VDOT and "
            f"{format_duration(self.riegel_seconds)} by Riegel's formula. "
            f"The target {format_duration(self.target_seconds)} (VDOT "
            f"{self.target_vdot:.1f}) is {abs(gap) * 100:.1f}% {direction} "
            f"than the VDOT prediction: {self.verdict}."
        )


def check_target(target_minutes: int, recent: RecentRace) -> TargetCheck:
    """Compare the target with the marathon that a recent race predicts.

    On track: no more than 2 % faster than the VDOT prediction (or slower).
    A stretch: up to 6 % faster. A big jump: more than that.
    """
    predicted = predict_seconds(recent.vdot, MARATHON_M)
    target_seconds = target_minutes * 60
    gap = (predicted - target_seconds) / predicted
    if gap <= ON_TRACK_GAP:
        verdict = "on track"
    elif gap <= STRETCH_GAP:
        verdict = "a stretch"
    else:
        verdict = "a big jump"
    return TargetCheck(
        race_vdot=recent.vdot,
        target_vdot=vdot(MARATHON_M, target_seconds),
        vdot_seconds=predicted,
        riegel_seconds=riegel_seconds(
            recent.seconds, recent.distance.metres, MARATHON_M
        ),
        target_seconds=target_seconds,
        verdict=verdict,
    )
