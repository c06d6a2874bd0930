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
from decimal import Decimal, InvalidOperation
from types import MappingProxyType
from typing import Any

from bot.pgb.models import Record, Source, Status
from bot.pgb.schema_fields import (  # DUTCH_TEXT_FIELDS, EURO_IN_TEXT: re-exported
    CONTACTS,
    DUTCH_TEXT_FIELDS,  # noqa: F401
    EURO_IN_TEXT,  # noqa: F401
    LAW_TEXT_FIELDS,
    LAWS,
    NATIONAL_ONLY_FILES,
    SEVERITIES,
    VERDICTS,
    check_change,
    check_local_rules,
    check_scope,
    check_text_fields,
    fail,
    parse_date,
    str_list,
)

ID_PATTERN = re.compile(r"^[a-z][a-z0-9]*(_[a-z0-9]+)*$")
SOURCE_ID_PATTERN = re.compile(r"^[A-Za-z][A-Za-z0-9.\-]*$")

COMMON_FIELDS = frozenset({"id", "source", "checked", "status", "text", "year", "amount_eur"})
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
        "asks",
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
        "scope",
        "area",
        "change",
        "local",
        "next_change",
        "care_words",
        "care_item",
        # answers.yaml: the answer for a caregiver on an overeenkomst van opdracht (the SVB's
        # agreement with a partner or relative is one), when the question says so.
        "text_opdracht",
        # answers.yaml: the answer for one law, when the person's law is known.
        *LAW_TEXT_FIELDS,
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


def _check_by_law(value: Any, file: str, rid: str, has_year: bool) -> None:
    if not isinstance(value, Mapping):
        raise fail(file, rid, "by_law", "must be a mapping of law -> rule")
    for law, rule in value.items():
        if law not in LAWS:
            raise fail(file, rid, "by_law", f"unknown law {law!r}")
        if not isinstance(rule, Mapping) or rule.get("verdict") not in VERDICTS:
            raise fail(file, rid, f"by_law.{law}.verdict", f"must be one of {sorted(VERDICTS)}")
        for key in rule:
            if key not in {"verdict", "reason", "conditions", "question"}:
                raise fail(file, rid, f"by_law.{law}.{key}", "unknown field")
        check_text_fields(rule, file, rid, has_year, prefix=f"by_law.{law}.")


def _check_specific(raw: Mapping[str, Any], file: str, rid: str, has_year: bool) -> None:
    if "verdict" in raw and raw["verdict"] not in VERDICTS:
        raise fail(file, rid, "verdict", f"must be one of {sorted(VERDICTS)}")
    if "severity" in raw and raw["severity"] not in SEVERITIES:
        raise fail(file, rid, "severity", f"must be one of {sorted(SEVERITIES)}")
    for fld in ("contacts", "refer_to"):
        if fld in raw:
            for contact in str_list(raw[fld], file, rid, fld):
                if contact not in CONTACTS:
                    raise fail(file, rid, fld, f"unknown contact {contact!r}")
    for fld in ("law", "laws"):
        if fld in raw:
            for law in str_list(raw[fld], file, rid, fld):
                if law not in LAWS:
                    raise fail(file, rid, fld, f"unknown law {law!r}")
    for fld in ("terms", "asks"):
        if fld in raw:
            str_list(raw[fld], file, rid, fld)
    if "by_law" in raw:
        _check_by_law(raw["by_law"], file, rid, has_year)
    for fld in ("valid_from", "next_change"):
        if fld in raw:
            parse_date(raw[fld], file, rid, fld)
    check_scope(raw, file, rid)
    if "change" in raw:
        check_change(raw["change"], file, rid)
    if "local" in raw:
        check_local_rules(raw["local"], file, rid, has_year)
    if "care_words" in raw:
        str_list(raw["care_words"], file, rid, "care_words")


def _check_unverified(raw: Mapping[str, Any], file: str, rid: str) -> None:
    for fld in ("text", "reason", "amount_eur", "conditions", "items"):
        if fld in raw:
            raise fail(file, rid, fld, "an unverified record may not hold a statement or amount")
    for fld in ("claim", "refer_to", "topic"):
        if fld not in raw:
            raise fail(file, rid, fld, "an unverified record needs 'claim', 'topic' and 'refer_to'")


def _parse_amount(raw: Mapping[str, Any], file: str, rid: str) -> tuple[int | None, Decimal | None]:
    year = raw.get("year")
    if year is not None and (
        not isinstance(year, int) or isinstance(year, bool) or not 2000 <= year <= 2100
    ):
        raise fail(file, rid, "year", f"must be a calendar year, got {year!r}")
    if "amount_eur" not in raw:
        return year, None
    if year is None:
        raise fail(file, rid, "year", "an amount needs the year it applies to")
    value = raw["amount_eur"]
    if isinstance(value, bool) or not isinstance(value, (int, float, str)):
        raise fail(file, rid, "amount_eur", f"not a number: {value!r}")
    try:
        amount = Decimal(str(value))
    except InvalidOperation:
        raise fail(file, rid, "amount_eur", f"not a number: {value!r}") from None
    if amount <= 0:
        raise fail(file, rid, "amount_eur", "must be positive")
    return year, amount


def parse_record(raw: Any, file: str, known_sources: Mapping[str, Source]) -> Record:
    """Validate one raw YAML mapping and turn it into a :class:`Record`."""
    if not isinstance(raw, Mapping):
        raise fail(file, None, None, f"a record must be a mapping, got {type(raw).__name__}")
    rid = raw.get("id")
    if not isinstance(rid, str) or not ID_PATTERN.match(rid):
        raise fail(file, rid if isinstance(rid, str) else None, "id", "missing or not snake_case")
    for key in raw:
        if key not in COMMON_FIELDS and key not in EXTRA_FIELDS:
            raise fail(file, rid, str(key), "unknown field")
    for key in ("source", "checked", "status"):
        if key not in raw:
            raise fail(file, rid, key, "missing")
    for key in sorted(REQUIRED_BY_FILE.get(file, frozenset())):
        if key not in raw:
            raise fail(file, rid, key, "missing")
    sources = str_list(raw["source"], file, rid, "source")
    for sid in sources:
        if sid not in known_sources:
            raise fail(file, rid, "source", f"unknown source ID {sid!r} (not in sources.yaml)")
    checked = parse_date(raw["checked"], file, rid, "checked")
    try:
        status = Status(raw["status"])
    except ValueError:
        raise fail(file, rid, "status", f"must be one of {[s.value for s in Status]}") from None
    if (
        status is Status.VERIFIED
        and file not in NATIONAL_ONLY_FILES - {"answers.yaml"}
        and all(known_sources[sid].file for sid in sources)
    ):
        # "gecontroleerd" needs a named public source; a seed text alone is status 'seed'.
        raise fail(file, rid, "status", "verified needs a source with a URL, not only seed texts")
    if status is Status.UNVERIFIED:
        _check_unverified(raw, file, rid)
    year, amount = _parse_amount(raw, file, rid)
    check_text_fields(raw, file, rid, has_year=year is not None)
    _check_specific(raw, file, rid, has_year=year is not None)
    text = raw.get("text")
    if text is not None and (not isinstance(text, str) or not text.strip()):
        raise fail(file, rid, "text", "must be a non-empty string")
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
        raise fail(file, None, None, "a source must be a mapping")
    sid = raw.get("id")
    if not isinstance(sid, str) or not SOURCE_ID_PATTERN.match(sid):
        raise fail(file, sid if isinstance(sid, str) else None, "id", "missing or malformed")
    label = raw.get("label")
    if not isinstance(label, str) or not label.strip():
        raise fail(file, sid, "label", "missing")
    url, seed_file = raw.get("url"), raw.get("file")
    if bool(url) == bool(seed_file):
        raise fail(file, sid, "url", "give exactly one of 'url' or 'file'")
    if url and not str(url).startswith(("http://", "https://")):
        raise fail(file, sid, "url", f"not a URL: {url!r}")
    for key in raw:
        if key not in {"id", "label", "url", "file", "note"}:
            raise fail(file, sid, str(key), "unknown field")
    return Source(id=sid, label=label.strip(), url=url or None, file=seed_file or None)
