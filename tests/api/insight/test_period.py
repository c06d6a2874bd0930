"""The period of Inzicht (api/insight/period.py) and the "< 5" rule (api/insight/small.py)."""

from __future__ import annotations

from datetime import date, datetime, timezone

import pytest

from api.errors import Invalid
from api.insight import small
from api.insight.period import parse_period

ZONE = "Europe/Amsterdam"


def test_default_is_the_last_four_weeks_by_day() -> None:
    period = parse_period(None, None, None, ZONE, today=date(2026, 12, 2))
    assert (period.first, period.last, period.step) == (date(2026, 11, 5), date(2026, 12, 2), "day")
    assert len(period.buckets()) == 28


def test_bounds_are_local_midnights_across_the_change_to_winter_time() -> None:
    """Summer time ends on 25 October 2026: that day starts at 22:00 UTC the day before, and
    the next at 23:00 UTC."""
    period = parse_period("2026-10-25", "2026-10-25", "day", ZONE)
    assert period.start == datetime(2026, 10, 24, 22, 0, tzinfo=timezone.utc)
    assert period.end == datetime(2026, 10, 25, 23, 0, tzinfo=timezone.utc)


def test_weeks_start_on_monday_and_cover_the_whole_period() -> None:
    period = parse_period("2026-11-04", "2026-11-17", "week", ZONE)  # a Wednesday to a Tuesday
    assert period.buckets() == [date(2026, 11, 2), date(2026, 11, 9), date(2026, 11, 16)]
    late_sunday = datetime(2026, 11, 15, 22, 30, tzinfo=timezone.utc)  # Sunday 23:30 local
    assert period.bucket(late_sunday) == date(2026, 11, 9)
    monday = datetime(2026, 11, 15, 23, 30, tzinfo=timezone.utc)  # Monday 00:30 local
    assert period.bucket(monday) == date(2026, 11, 16)


@pytest.mark.parametrize(
    ("date_from", "date_to", "step", "key"),
    [
        ("30-11-2026", None, None, "insight_bad_date"),
        ("2026-02-30", None, None, "insight_bad_date"),
        ("2026-12-01", "2026-11-01", None, "insight_reversed"),
        ("2024-01-01", "2026-01-01", None, "insight_too_long"),
        (None, None, "maand", "insight_bad_step"),
    ],
)
def test_bad_periods_are_refused(
    date_from: str | None, date_to: str | None, step: str | None, key: str
) -> None:
    with pytest.raises(Invalid) as refused:
        parse_period(date_from, date_to, step, ZONE)
    assert refused.value.key == key


@pytest.mark.parametrize(("n", "shown"), [(0, 0), (1, "< 5"), (4, "< 5"), (5, 5), (12, 12)])
def test_counts_below_five_are_hidden(n: int, shown: int | str) -> None:
    assert small.count(n) == shown


def test_figures_from_few_are_hidden() -> None:
    assert small.share(3, 100) == "< 5"
    assert small.share(5, 20) == 25.0
    assert small.share(0, 0) is None
    assert small.durations([60.0] * 4) == ("< 5", "< 5")
    # Median of 1..10 minutes is 5.5; the 90th percentile (nearest rank) is the 9th value.
    assert small.durations([60.0 * m for m in range(1, 11)]) == (5.5, 9.0)
