"""Office hours with Dutch public holidays, and GET /api/handoff/availability."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from fastapi.testclient import TestClient
from pydantic import ValidationError

from api.core.settings import Settings
from api.handoff.office_hours import OfficeHours, OfficeHoursError, parse_office_hours

AMS = ZoneInfo("Europe/Amsterdam")
OFFICE = OfficeHours("mon-fri 09:00-17:00; sat 10:00-12:00")


def at(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=AMS)


@pytest.mark.parametrize(
    ("moment", "is_open"),
    [
        ("2026-11-23 09:00", True),  # Monday, opening minute
        ("2026-11-23 08:59", False),
        ("2026-11-23 16:59", True),
        ("2026-11-23 17:00", False),  # closing time is closed
        ("2026-11-28 11:00", True),  # Saturday morning
        ("2026-11-29 11:00", False),  # Sunday
        ("2026-12-25 10:00", False),  # Eerste Kerstdag, a Friday
        ("2027-04-27 10:00", False),  # Koningsdag, a Tuesday
        ("2027-05-06 10:00", False),  # Hemelvaartsdag
        ("2027-03-29 10:00", False),  # Tweede Paasdag
        ("2027-03-30 10:00", True),
    ],
)
def test_open_in_office_hours_and_closed_on_holidays(moment: str, is_open: bool) -> None:
    assert OFFICE.is_open(at(moment)) is is_open


def test_holidays_can_be_worked() -> None:
    assert OfficeHours("mon-fri 09:00-17:00", holidays_closed=False).is_open(at("2026-12-25 10:00"))


def test_moments_in_other_timezones_are_converted() -> None:
    utc = datetime.fromisoformat("2026-07-01T07:30:00+00:00")  # 09:30 in Amsterdam (summer)
    assert OFFICE.is_open(utc)


@pytest.mark.parametrize(
    ("moment", "expected"),
    [
        ("2026-11-23 10:00", None),
        ("2026-11-23 17:30", "2026-11-24 09:00"),
        ("2026-11-28 12:30", "2026-11-30 09:00"),
        ("2026-12-24 17:00", "2026-12-28 09:00"),  # both Kerstdagen (Fri, Sat), then Sunday
        ("2027-04-26 18:00", "2027-04-28 09:00"),  # skips Koningsdag
    ],
)
def test_next_open(moment: str, expected: str | None) -> None:
    found = OFFICE.next_open(at(moment))
    assert (found.replace(tzinfo=None).isoformat(" ", "minutes") if found else None) == expected


def test_never_open_when_empty() -> None:
    never = OfficeHours("")
    assert not never.is_open(at("2026-11-23 10:00"))
    assert never.next_open(at("2026-11-23 10:00")) is None


@pytest.mark.parametrize(
    "spec", ["maandag 09:00-17:00", "mon-fri 9-17", "fri-mon 09:00-17:00", "mon 17:00-09:00"]
)
def test_unreadable_office_hours_fail_fast(spec: str) -> None:
    with pytest.raises(OfficeHoursError):
        parse_office_hours(spec)
    with pytest.raises(ValidationError):
        Settings(office_hours=spec)


def test_availability_endpoint(client: TestClient) -> None:
    assert client.get("/api/handoff/availability").json() == {"open": True, "next_open": None}
