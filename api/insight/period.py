"""The period Inzicht counts over: whole local days (Europe/Amsterdam by default), by day or by
ISO week, turned into UTC bounds for the queries and into the buckets of the charts."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo

from api.errors import Invalid

DEFAULT_DAYS = 28  # the last 4 weeks, today included
MAX_DAYS = 366
STEPS = ("day", "week")


@dataclass(frozen=True)
class Period:
    first: date  # local days, both included
    last: date
    step: str
    zone: ZoneInfo

    @property
    def start(self) -> datetime:
        """The first moment of the period, in UTC (midnight local time, DST and all)."""
        return _midnight(self.first, self.zone)

    @property
    def end(self) -> datetime:
        """The first moment after the period, in UTC."""
        return _midnight(self.last + timedelta(days=1), self.zone)

    def local_day(self, moment: datetime) -> date:
        return moment.astimezone(self.zone).date()

    def bucket(self, moment: datetime) -> date:
        """The bucket a moment falls in: its local day, or the Monday of its ISO week."""
        return self.bucket_of_day(self.local_day(moment))

    def bucket_of_day(self, day: date) -> date:
        return day if self.step == "day" else day - timedelta(days=day.weekday())

    def buckets(self) -> list[date]:
        """Every bucket of the period in order, empty ones too (a chart needs the zeros)."""
        first = self.first if self.step == "day" else self.first - timedelta(self.first.weekday())
        stride = timedelta(days=1 if self.step == "day" else 7)
        found, current = [], first
        while current <= self.last:
            found.append(current)
            current += stride
        return found


def _midnight(day: date, zone: ZoneInfo) -> datetime:
    return datetime.combine(day, time(0), tzinfo=zone).astimezone(timezone.utc)


def _day(raw: str | None, key: str) -> date | None:
    if raw is None or not raw.strip():
        return None
    try:
        return date.fromisoformat(raw.strip())
    except ValueError as error:
        raise Invalid("insight_bad_date", veld=key) from error


def parse_period(
    date_from: str | None,
    date_to: str | None,
    step: str | None,
    zone_name: str,
    today: date | None = None,
) -> Period:
    """The period the console asked for; without dates the last 4 weeks up to today (local).
    Unreadable or impossible periods are refused with a Dutch 422."""
    zone = ZoneInfo(zone_name)
    today = today or datetime.now(zone).date()
    step = (step or "day").strip()
    if step not in STEPS:
        raise Invalid("insight_bad_step")
    last = _day(date_to, "tot") or today
    first = _day(date_from, "van") or last - timedelta(days=DEFAULT_DAYS - 1)
    if first > last:
        raise Invalid("insight_reversed")
    if (last - first).days + 1 > MAX_DAYS:
        raise Invalid("insight_too_long", max_days=MAX_DAYS)
    return Period(first, last, step, zone)
