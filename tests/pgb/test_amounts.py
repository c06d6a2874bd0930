"""Tests for bot.pgb.amounts: year-bound amounts and Dutch euro formatting."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from bot.pgb.amounts import amount_on, amounts_for, format_eur, known_years
from bot.pgb.knowledge import Knowledge


@pytest.mark.parametrize(
    ("year", "amount"),
    [(2020, "19.00"), (2023, "19.00"), (2024, "20.60"), (2025, "21.00"), (2026, "21.80")],
)
def test_wmo_abonnementstarief(kb: Knowledge, year: int, amount: str) -> None:
    """Fact base 0.3 #1 / 5.4 (CAK-wmo, Stcrt-2025-35082)."""
    (found,) = amounts_for("wmo_abonnementstarief", year, knowledge=kb)
    assert found.amount_eur == Decimal(amount) and found.year == year


@pytest.mark.parametrize(
    ("key", "year"),
    [
        ("wlz_informal_tariff", 2025),
        ("wlz_informal_tariff", 2026),
        ("zvw_informal_tariff", 2025),
        ("wmo_abonnementstarief", 2027),
        ("wmo_abonnementstarief", 2019),
    ],
)
def test_years_missing_from_the_fact_base_have_no_amount(
    kb: Knowledge, key: str, year: int
) -> None:
    """UNVERIFIED years (fact base 4.6, 5.4, open items) must not get an invented amount."""
    assert amounts_for(key, year, knowledge=kb) == ()
    assert year not in known_years(key, kb)


@pytest.mark.parametrize(
    ("day", "amount"),
    [(date(2025, 3, 1), "14.06"), (date(2025, 7, 1), "14.40"), (date(2026, 6, 30), "14.71")],
)
def test_minimum_wage_on_a_date(kb: Knowledge, day: date, amount: str) -> None:
    """Fact base 4.5: €14,06 from 1 Jan 2025, €14,40 from 1 Jul 2025, €14,71 from 1 Jan 2026."""
    found = amount_on("minimum_wage_hour", day, "age_21_plus", kb)
    assert found is not None and found.amount_eur == Decimal(amount)


def test_wlz_tariff_first_half_2020(kb: Knowledge) -> None:
    """Fact base 4.6: €20,00 until 30 June 2020, €20,73 from 1 July 2020."""
    assert amount_on("wlz_informal_tariff", date(2020, 3, 1), knowledge=kb).amount_eur == 20
    assert amount_on("wlz_informal_tariff", date(2020, 8, 1), knowledge=kb).amount_eur == Decimal(
        "20.73"
    )


@pytest.mark.parametrize(
    ("value", "text"),
    [
        ("21.8", "€ 21,80"),
        ("19", "€ 19,00"),
        ("0.23", "€ 0,23"),
        ("39719", "€ 39.719"),
        ("900.07", "€ 900,07"),
        ("141896", "€ 141.896"),
    ],
)
def test_format_eur(value: str, text: str) -> None:
    assert format_eur(Decimal(value)) == text
