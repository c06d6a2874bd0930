"""Validation of raw knowledge records (the YAML schema).

Every problem raises :class:`KnowledgeError` naming the file, the record id and the field.
The rules follow the fact base (``shared/domain/pgb-facts.md``, "How to read this file"):
every record carries its sources, the date it was checked and a status; an amount always
carries its year; an UNVERIFIED record holds no user-facing statement, only a neutral topic
and who to ask.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date
from decimal import Decimal, InvalidOperation
from types import MappingProxyType
from typing import Any

from bot.pgb.errors import KnowledgeError
from bot.pgb.models import Contact, Law, Record, Source, Status

ID_PATTERN = re.compile(r"^[a-z][a-z0-9]*(_[a-z0-9]+)*$")
SOURCE_ID_PATTERN = re.compile(r"^[A-Za-z][A-Za-z0-9.\-]*$")
EURO_IN_TEXT = re.compile(r"€\s*\d")

COMMON_FIELDS = frozenset({"id", "source", "checked", "status", "text", "year", "amount_eur"})
#: Fields that hold Dutch text shown to the person (scanned for euro amounts).
DUTCH_TEXT_FIELDS = ("text", "title", "topic", "reason", "question", "check", "conditions", "items")
#: Every other field name a record may use; anything else is a typo.
EXTRA_FIELDS = frozenset(
    {
        "title",
        "topic",
        "claim",
        "refer_to",
        "follow_up",
        "law",
        "laws",
        "financier",
        "assessor",
        "items",
        "terms",
        "verdict",
        "reason",
        "conditions",
        "question",
        "by_law",
        "kind",
        "code",
        "severity",
        "check",
        "contacts",
        "key",
        "variant",
        "unit",
        "valid_from",
        "contract",
        "min_days",
        "max_days",
        "aow_age",
        "weeks",
        "months",
        "min_years",
        "max_years",
        "care",
        "label",
    }
)
#: Fields a record must have, per file name.
REQUIRED_BY_FILE: Mapping[str, frozenset[str]] = MappingProxyType(
    {
        "answers.yaml": frozenset({"text"}),
        "texts.yaml": frozenset({"text"}),
        "spending.yaml": frozenset({"terms", "verdict", "reason"}),
        "amounts.yaml": frozenset({"key", "unit", "amount_eur", "year"}),
        "consequences.yaml": frozenset({"severity", "contacts"}),
        "suitability.yaml": frozenset({"kind"}),
    }
)
VERDICTS = frozenset({"allowed", "not_allowed", "depends"})
SEVERITIES = frozenset({"info", "check", "important"})
CONTACTS = frozenset(c.value for c in Contact)
LAWS = frozenset(law.value for law in Law)


def _fail(file: str, rid: str | None, fld: str | None, problem: str) -> KnowledgeError:
    return KnowledgeError(file, rid, fld, problem)


def parse_date(value: Any, file: str, rid: str | None, fld: str) -> date:
    """Accept a YAML date or an ISO ``YYYY-MM-DD`` string."""
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value)
        except ValueError:
            pass
    raise _fail(file, rid, fld, f"not an ISO date (YYYY-MM-DD): {value!r}")


def _str_list(value: Any, file: str, rid: str, fld: str) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not value:
        raise _fail(file, rid, fld, "must be a non-empty string or list of strings")
    for item in value:
        if not isinstance(item, str) or not item.strip():
            raise _fail(file, rid, fld, f"contains an empty or non-string item: {item!r}")
    return tuple(value)


def _check_text_fields(
    raw: Mapping[str, Any], file: str, rid: str, has_year: bool, prefix: str = ""
) -> None:
    for fld in DUTCH_TEXT_FIELDS:
        if fld not in raw:
            continue
        values = _str_list(raw[fld], file, rid, prefix + fld)
        if not has_year and any(EURO_IN_TEXT.search(v) for v in values):
            raise _fail(
                file, rid, prefix + fld, "states a euro amount but the record has no 'year'"
            )


def _check_by_law(value: Any, file: str, rid: str, has_year: bool) -> None:
    if not isinstance(value, Mapping):
        raise _fail(file, rid, "by_law", "must be a mapping of law -> rule")
    for law, rule in value.items():
        if law not in LAWS:
            raise _fail(file, rid, "by_law", f"unknown law {law!r}")
        if not isinstance(rule, Mapping) or rule.get("verdict") not in VERDICTS:
            raise _fail(file, rid, f"by_law.{law}.verdict", f"must be one of {sorted(VERDICTS)}")
        for key in rule:
            if key not in {"verdict", "reason", "conditions", "question"}:
                raise _fail(file, rid, f"by_law.{law}.{key}", "unknown field")
        _check_text_fields(rule, file, rid, has_year, prefix=f"by_law.{law}.")


def _check_specific(raw: Mapping[str, Any], file: str, rid: str, has_year: bool) -> None:
    if "verdict" in raw and raw["verdict"] not in VERDICTS:
        raise _fail(file, rid, "verdict", f"must be one of {sorted(VERDICTS)}")
    if "severity" in raw and raw["severity"] not in SEVERITIES:
        raise _fail(file, rid, "severity", f"must be one of {sorted(SEVERITIES)}")
    for fld in ("contacts", "refer_to"):
        if fld in raw:
            for contact in _str_list(raw[fld], file, rid, fld):
                if contact not in CONTACTS:
                    raise _fail(file, rid, fld, f"unknown contact {contact!r}")
    for fld in ("law", "laws"):
        if fld in raw:
            for law in _str_list(raw[fld], file, rid, fld):
                if law not in LAWS:
                    raise _fail(file, rid, fld, f"unknown law {law!r}")
    if "terms" in raw:
        _str_list(raw["terms"], file, rid, "terms")
    if "by_law" in raw:
        _check_by_law(raw["by_law"], file, rid, has_year)
    if "valid_from" in raw:
        parse_date(raw["valid_from"], file, rid, "valid_from")


def _check_unverified(raw: Mapping[str, Any], file: str, rid: str) -> None:
    for fld in ("text", "reason", "amount_eur", "conditions", "items"):
        if fld in raw:
            raise _fail(file, rid, fld, "an unverified record may not hold a statement or amount")
    for fld in ("claim", "refer_to", "topic"):
        if fld not in raw:
            raise _fail(
                file, rid, fld, "an unverified record needs 'claim', 'topic' and 'refer_to'"
            )


def _parse_amount(raw: Mapping[str, Any], file: str, rid: str) -> tuple[int | None, Decimal | None]:
    year = raw.get("year")
    if year is not None and (
        not isinstance(year, int) or isinstance(year, bool) or not 2000 <= year <= 2100
    ):
        raise _fail(file, rid, "year", f"must be a calendar year, got {year!r}")
    if "amount_eur" not in raw:
        return year, None
    if year is None:
        raise _fail(file, rid, "year", "an amount needs the year it applies to")
    value = raw["amount_eur"]
    if isinstance(value, bool) or not isinstance(value, (int, float, str)):
        raise _fail(file, rid, "amount_eur", f"not a number: {value!r}")
    try:
        amount = Decimal(str(value))
    except InvalidOperation:
        raise _fail(file, rid, "amount_eur", f"not a number: {value!r}") from None
    if amount <= 0:
        raise _fail(file, rid, "amount_eur", "must be positive")
    return year, amount


def parse_record(raw: Any, file: str, known_sources: Mapping[str, Source]) -> Record:
    """Validate one raw YAML mapping and turn it into a :class:`Record`."""
    if not isinstance(raw, Mapping):
        raise _fail(file, None, None, f"a record must be a mapping, got {type(raw).__name__}")
    rid = raw.get("id")
    if not isinstance(rid, str) or not ID_PATTERN.match(rid):
        raise _fail(file, rid if isinstance(rid, str) else None, "id", "missing or not snake_case")
    for key in raw:
        if key not in COMMON_FIELDS and key not in EXTRA_FIELDS:
            raise _fail(file, rid, str(key), "unknown field")
    for key in ("source", "checked", "status"):
        if key not in raw:
            raise _fail(file, rid, key, "missing")
    for key in sorted(REQUIRED_BY_FILE.get(file, frozenset())):
        if key not in raw:
            raise _fail(file, rid, key, "missing")
    sources = _str_list(raw["source"], file, rid, "source")
    for sid in sources:
        if sid not in known_sources:
            raise _fail(file, rid, "source", f"unknown source ID {sid!r} (not in sources.yaml)")
    checked = parse_date(raw["checked"], file, rid, "checked")
    try:
        status = Status(raw["status"])
    except ValueError:
        raise _fail(file, rid, "status", f"must be one of {[s.value for s in Status]}") from None
    if status is Status.UNVERIFIED:
        _check_unverified(raw, file, rid)
    year, amount = _parse_amount(raw, file, rid)
    _check_text_fields(raw, file, rid, has_year=year is not None)
    _check_specific(raw, file, rid, has_year=year is not None)
    text = raw.get("text")
    if text is not None and (not isinstance(text, str) or not text.strip()):
        raise _fail(file, rid, "text", "must be a non-empty string")
    extra = {k: v for k, v in raw.items() if k not in COMMON_FIELDS}
    return Record(
        id=rid,
        file=file,
        source=sources,
        checked=checked,
        status=status,
        text=text.strip() if text else None,
        year=year,
        amount_eur=amount,
        data=MappingProxyType(extra),
    )


def parse_source(raw: Any, file: str) -> Source:
    """Validate one entry of ``sources.yaml``."""
    if not isinstance(raw, Mapping):
        raise _fail(file, None, None, "a source must be a mapping")
    sid = raw.get("id")
    if not isinstance(sid, str) or not SOURCE_ID_PATTERN.match(sid):
        raise _fail(file, sid if isinstance(sid, str) else None, "id", "missing or malformed")
    label = raw.get("label")
    if not isinstance(label, str) or not label.strip():
        raise _fail(file, sid, "label", "missing")
    url, seed_file = raw.get("url"), raw.get("file")
    if bool(url) == bool(seed_file):
        raise _fail(file, sid, "url", "give exactly one of 'url' or 'file'")
    if url and not str(url).startswith(("http://", "https://")):
        raise _fail(file, sid, "url", f"not a URL: {url!r}")
    for key in raw:
        if key not in {"id", "label", "url", "file", "note"}:
            raise _fail(file, sid, str(key), "unknown field")
    return Source(id=sid, label=label.strip(), url=url or None, file=seed_file or None)
