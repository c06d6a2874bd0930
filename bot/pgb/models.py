"""Shared value types of the pgb knowledge layer: enums and frozen dataclasses.

Python 3.10 compatible: plain ``str``-mixin enums instead of ``StrEnum``.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from types import MappingProxyType
from typing import Any


class Status(str, enum.Enum):
    """How well a fact is sourced (labels of the fact base, ``pgb-facts.md``)."""

    SEED = "seed"
    VERIFIED = "verified"
    SECONDARY = "secondary"
    UNVERIFIED = "unverified"


class Law(str, enum.Enum):
    """The four Dutch laws under which a pgb can be granted (fact base 1.2)."""

    WMO = "wmo"
    JEUGDWET = "jeugdwet"
    ZVW = "zvw"
    WLZ = "wlz"


class Scope(str, enum.Enum):
    """Where a rule holds: everywhere, under one law, or for one named organisation only."""

    NATIONAL = "national"
    LAW = "law"
    LOCAL = "local"


class Contact(str, enum.Enum):
    """Organisations the person is sent to; Dutch labels live in ``texts.yaml``."""

    FINANCIER = "financier"
    GEMEENTE = "gemeente"
    ZORGVERZEKERAAR = "zorgverzekeraar"
    ZORGKANTOOR = "zorgkantoor"
    SVB = "svb"
    UWV = "uwv"
    CAK = "cak"
    DIENST_TOESLAGEN = "dienst_toeslagen"
    BELASTINGDIENST = "belastingdienst"
    ADVISOR = "advisor"


_EMPTY: Mapping[str, Any] = MappingProxyType({})


@dataclass(frozen=True)
class Record:
    """One validated knowledge record, as loaded from a YAML file.

    ``data`` holds the fields that are specific to the record's file (for example the
    ``terms`` of a spending item); the common fields are attributes.
    """

    id: str
    file: str
    source: tuple[str, ...]
    checked: date
    status: Status
    text: str | None = None
    year: int | None = None
    amount_eur: Decimal | None = None
    data: Mapping[str, Any] = field(default=_EMPTY, hash=False, compare=False)

    @property
    def statable(self) -> bool:
        """True when the bot may state this record as fact (it is not UNVERIFIED)."""
        return self.status is not Status.UNVERIFIED

    @property
    def scope(self) -> Scope:
        """``scope`` from the YAML; without it a record naming a law is LAW, else NATIONAL."""
        raw = self.data.get("scope")
        if raw:
            return Scope(raw)
        return Scope.LAW if self.data.get("law") or self.data.get("laws") else Scope.NATIONAL

    @property
    def area(self) -> str | None:
        """The gemeente, ISD or zorgkantoor a LOCAL rule belongs to."""
        area = self.data.get("area")
        return str(area) if area else None

    @property
    def check_date(self) -> date | None:
        """The date to show as "gecontroleerd": only a VERIFIED record was checked against
        its named sources on ``checked``; seed and secondary records never show a date."""
        return self.checked if self.status is Status.VERIFIED else None

    def applies_to(self, local_areas: frozenset[str] = frozenset()) -> bool:
        """A LOCAL rule holds only for a deployment that names its area (case-insensitive)."""
        if self.scope is not Scope.LOCAL:
            return True
        return (self.area or "").casefold() in local_areas

    def get(self, name: str, default: Any = None) -> Any:
        """Return a file-specific field from ``data``."""
        return self.data.get(name, default)


@dataclass(frozen=True)
class SourceRef:
    """A source a statement rests on, ready to show to the person."""

    id: str
    label: str
    url: str | None
    checked: date
    status: Status

    @property
    def verified_on(self) -> date | None:
        """The check date that may be shown: None unless the record is VERIFIED."""
        return self.checked if self.status is Status.VERIFIED else None


@dataclass(frozen=True)
class Source:
    """One entry of ``sources.yaml``: a fact-base source ID and where it points."""

    id: str
    label: str
    url: str | None = None
    file: str | None = None

    @property
    def location(self) -> str:
        """The URL, or the seed file name when the source is a commissioned text."""
        return self.url or self.file or ""


class CareFunction(str, enum.Enum):
    """What a pgb can buy (fact base 2.1); codes match ``care_functions.yaml``."""

    PERSOONLIJKE_VERZORGING = "persoonlijke_verzorging"
    VERPLEGING = "verpleging"
    BEGELEIDING_INDIVIDUEEL = "begeleiding_individueel"
    BEGELEIDING_GROEP = "begeleiding_groep"
    LOGEREN = "logeren"
    HUISHOUDELIJKE_HULP = "huishoudelijke_hulp"
    HULPMIDDEL = "hulpmiddel"
    WONINGAANPASSING = "woningaanpassing"
