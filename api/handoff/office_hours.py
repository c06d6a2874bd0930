"""Office hours: when a mantelzorgmakelaar can take over a conversation live.

Configured as `PGB_OFFICE_HOURS`, e.g. "mon-fri 09:00-17:00; sat 10:00-12:00" (days in English,
ranges or comma lists, 24:00 allowed as an end), in `PGB_OFFICE_TIMEZONE`. Dutch public
holidays (`holidays.NL`: Nieuwjaarsdag, Pasen, Koningsdag, Hemelvaart, Pinksteren, Kerst, and
Bevrijdingsdag in lustrum years) are closed unless `PGB_OFFICE_CLOSED_ON_HOLIDAYS=false`.
An empty value means never open: every handoff becomes a callback request.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import holidays

DAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
_RULE = re.compile(
    r"^([a-z]{3}(?:-[a-z]{3})?(?:,[a-z]{3}(?:-[a-z]{3})?)*)\s+(\d\d):(\d\d)-(\d\d):(\d\d)$"
)


class OfficeHoursError(ValueError):
    """The office hours setting cannot be read."""


@dataclass(frozen=True)
class Slot:
    weekday: int  # Monday is 0
    start_minute: int
    end_minute: int


def _days(spec: str) -> list[int]:
    result: list[int] = []
    for part in spec.split(","):
        first, _, last = part.partition("-")
        if first not in DAYS or (last and last not in DAYS):
            raise OfficeHoursError(f"unknown day in {spec!r}")
        start, end = DAYS.index(first), DAYS.index(last or first)
        if end < start:
            raise OfficeHoursError(f"day range runs backwards in {spec!r}")
        result.extend(range(start, end + 1))
    return result


def parse_office_hours(value: str) -> tuple[Slot, ...]:
    slots: list[Slot] = []
    for rule in filter(None, (r.strip().lower() for r in value.split(";"))):
        match = _RULE.match(rule)
        if not match:
            raise OfficeHoursError(f"cannot read office hours rule {rule!r}")
        days, h1, m1, h2, m2 = match.groups()
        start, end = int(h1) * 60 + int(m1), int(h2) * 60 + int(m2)
        if not (0 <= start < end <= 24 * 60) or int(m1) > 59 or int(m2) > 59:
            raise OfficeHoursError(f"impossible times in {rule!r}")
        slots.extend(Slot(day, start, end) for day in _days(days))
    return tuple(slots)


class OfficeHours:
    def __init__(self, spec: str, timezone: str = "Europe/Amsterdam", holidays_closed: bool = True):
        self.slots = parse_office_hours(spec)
        self.zone = ZoneInfo(timezone)
        self.holidays_closed = holidays_closed

    def _holiday(self, day: date) -> bool:
        return self.holidays_closed and day in holidays.country_holidays("NL", years=day.year)

    def _open_ranges(self, day: date) -> list[tuple[datetime, datetime]]:
        if self._holiday(day):
            return []
        midnight = datetime.combine(day, time(0), tzinfo=self.zone)
        return sorted(
            (
                midnight + timedelta(minutes=s.start_minute),
                midnight + timedelta(minutes=s.end_minute),
            )
            for s in self.slots
            if s.weekday == day.weekday()
        )

    def is_open(self, moment: datetime) -> bool:
        local = moment.astimezone(self.zone)
        return any(start <= local < end for start, end in self._open_ranges(local.date()))

    def next_open(self, moment: datetime) -> datetime | None:
        """When the office opens next (None if open now, or not within the next 30 days)."""
        if self.is_open(moment):
            return None
        local = moment.astimezone(self.zone)
        for offset in range(31):
            day = local.date() + timedelta(days=offset)
            for start, _end in self._open_ranges(day):
                if start > local:
                    return start
        return None
