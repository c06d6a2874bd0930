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
    #: When the next value is due (``next_change`` in the YAML, else 1 January next year).
    next_change: date | None = None

    @property
    def holds_from(self) -> date:
        """The first day this amount holds (``valid_from``, else 1 January of its year)."""
        return self.valid_from or date(self.year, 1, 1)


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
        next_change = record.get("next_change")
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
                next_change=(
                    next_change if isinstance(next_change, date) else date(year + 1, 1, 1)
                ),
            )
        )
    return tuple(sorted(found, key=lambda a: (a.holds_from, a.id)))


def amount_on(
    key: str, day: date, variant: str | None = None, knowledge: Knowledge | None = None
) -> Amount | None:
    """The amount of ``key`` in force on ``day`` (the latest ``valid_from`` not after it).

    None ("unknown") when there is none, or when its successor was due on or before ``day``
    and the knowledge base has no record for it: the minimum wage of 1 January is not
    stated in December when the 1 July value is missing.
    """
    candidates = [a for a in amounts_for(key, day.year, variant, knowledge) if a.holds_from <= day]
    if not candidates:
        return None
    current = candidates[-1]
    if current.next_change is not None and current.next_change <= day:
        return None
    return current


def latest_known(
    key: str, day: date, variant: str | None = None, knowledge: Knowledge | None = None
) -> Amount | None:
    """The newest amount that started on or before ``day``, even if its validity ended.

    For saying "sinds {next_change} kan het bedrag veranderd zijn"; never state it as current.
    """
    kb = knowledge or load_knowledge()
    found = [
        a
        for year in known_years(key, kb)
        if year <= day.year
        for a in amounts_for(key, year, variant, kb)
        if a.holds_from <= day
    ]
    return max(found, key=lambda a: a.holds_from) if found else None


def expired_amounts(day: date, knowledge: Knowledge | None = None) -> tuple[Amount, ...]:
    """Per series (key and variant), the newest amount whose successor was due by ``day``
    but has no record: the knowledge report lists these as "unknown"."""
    kb = knowledge or load_knowledge()
    series = {
        (str(r.get("key")), r.get("variant")) for r in kb.in_file(AMOUNTS_FILE) if r.get("key")
    }
    expired = []
    for key, variant in sorted(series, key=lambda kv: (kv[0], kv[1] or "")):
        newest = latest_known(key, day, variant, kb)
        if (
            newest is not None
            and newest.variant == variant
            and newest.next_change is not None
            and newest.next_change <= day
        ):
            expired.append(newest)
    return tuple(expired)


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
