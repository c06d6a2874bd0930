"""No personal data in aggregates: a count below 5 is shown as "< 5", and figures made from so
few (a share, a median wait) are not shown at all."""

from __future__ import annotations

import math
from statistics import median

MIN_COUNT = 5
HIDDEN = "< 5"

Shown = int | str | float | None


def count(n: int) -> int | str:
    """0 stays 0 (it tells nothing about anyone); 1 to 4 become "< 5"."""
    return HIDDEN if 0 < n < MIN_COUNT else n


def share(part: int, whole: int) -> float | str | None:
    """A percentage with one decimal, when the part is not a small count."""
    if whole == 0:
        return None
    if 0 < part < MIN_COUNT:
        return HIDDEN
    return round(100 * part / whole, 1)


def durations(
    seconds: list[float], unit_s: float = 60
) -> tuple[float | str | None, float | str | None]:
    """The median and the 90th percentile (nearest rank) in minutes, or another unit, with one
    decimal; from at least 5 values."""
    if not seconds:
        return None, None
    if len(seconds) < MIN_COUNT:
        return HIDDEN, HIDDEN
    ordered = sorted(seconds)
    p90 = ordered[math.ceil(0.9 * len(ordered)) - 1]
    return round(median(ordered) / unit_s, 1), round(p90 / unit_s, 1)
