"""Year-dependent amounts (``amounts.yaml``) and Dutch euro formatting.

An amount is only ever returned together with its year. Where the fact base has no amount for
a year, :func:`amounts_for` returns an empty tuple and callers must say "unknown for this
year" instead of guessing (fact base, "Year tags" and section 4.6 / 5.4).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from bot.pgb.knowledge import Knowledge, load_knowledge
from bot.pgb.models import SourceRef, Status

AMOUNTS_FILE = "amounts.yaml"


@dataclass(frozen=True)
class Amount:
    """One amount in euros for one year (and, if set, from one date in that year)."""

    id: str
    key: str
    variant: str | None
    unit: str
    year: int
    amount_eur: Decimal
    valid_from: date | None
    sources: tuple[SourceRef, ...]
    status: Status


def amounts_for(
    key: str, year: int, variant: str | None = None, knowledge: Knowledge | None = None
) -> tuple[Amount, ...]:
    """All amounts of series ``key`` (and ``variant``) for ``year``, earliest first.

    Empty when the fact base has no amount for that year.
    """
    kb = knowledge or load_knowledge()
    found: list[Amount] = []
    for record in kb.in_file(AMOUNTS_FILE):
        if record.get("key") != key or record.year != year:
            continue
        if variant is not None and record.get("variant") != variant:
            continue
        assert record.amount_eur is not None  # guaranteed by the schema for amounts.yaml
        valid_from = record.get("valid_from")
        found.append(
            Amount(
                id=record.id,
                key=key,
                variant=record.get("variant"),
                unit=str(record.get("unit")),
                year=year,
                amount_eur=record.amount_eur,
                valid_from=valid_from if isinstance(valid_from, date) else None,
                sources=kb.source_refs(record),
                status=record.status,
            )
        )
    return tuple(sorted(found, key=lambda a: (a.valid_from or date(a.year, 1, 1), a.id)))


def amount_on(
    key: str, day: date, variant: str | None = None, knowledge: Knowledge | None = None
) -> Amount | None:
    """The amount of ``key`` in force on ``day`` (the latest ``valid_from`` not after it)."""
    candidates = [
        a
        for a in amounts_for(key, day.year, variant, knowledge)
        if (a.valid_from or date(a.year, 1, 1)) <= day
    ]
    return candidates[-1] if candidates else None


def known_years(key: str, knowledge: Knowledge | None = None) -> tuple[int, ...]:
    """The years for which the fact base has an amount of ``key``."""
    kb = knowledge or load_knowledge()
    return tuple(
        sorted(
            {r.year for r in kb.in_file(AMOUNTS_FILE) if r.get("key") == key and r.year is not None}
        )
    )


def format_eur(amount: Decimal) -> str:
    """Dutch notation: ``€ 21,80``, ``€ 19,00``, ``€ 39.719`` (no cents from 1000 up)."""
    whole, cents = divmod(amount.quantize(Decimal("0.01")), 1)
    grouped = f"{int(whole):,}".replace(",", ".")
    if cents == 0 and whole >= 1000:
        return f"€ {grouped}"
    return f"€ {grouped},{int(cents * 100):02d}"
