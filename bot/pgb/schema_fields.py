"""Field-level checks shared by the knowledge schema: dates, text lists, euro amounts, and
the rules of issue 13 (scope and area of local rules, changing rules, per-area exceptions).

Split from :mod:`bot.pgb.schema` to keep each module small; every problem raises
:class:`KnowledgeError` naming file, record and field.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date
from typing import Any

from bot.pgb.errors import KnowledgeError
from bot.pgb.models import Contact, Law

EURO_IN_TEXT = re.compile(r"€\s*\d")
#: answers.yaml: an answer's text for one law (text_wlz, ...), said instead of its general text
#: when the person's law is known (actions/faq.py).
LAW_TEXT_FIELDS = tuple(f"text_{law.value}" for law in Law)
#: Fields that hold Dutch text shown to the person (scanned for euro amounts).
DUTCH_TEXT_FIELDS = (
    "text",
    "text_opdracht",
    *LAW_TEXT_FIELDS,
    "title",
    "topic",
    "reason",
    "question",
    "check",
    "conditions",
    "items",
)
VERDICTS = frozenset({"allowed", "not_allowed", "depends"})
SEVERITIES = frozenset({"info", "check", "important"})
CONTACTS = frozenset(c.value for c in Contact)
LAWS = frozenset(law.value for law in Law)
SCOPES = frozenset({"national", "law", "local"})
#: Status of a changing rule: a bill in parliament, a law passed but not yet in force, a plan.
CHANGE_STATUSES = frozenset({"bill", "adopted", "planned"})
# `law`: the one law a change is about; an answer's text for another law leaves its note out.
CHANGE_FIELDS = frozenset({"status", "bill", "starts", "text", "check_with", "law"})
LOCAL_RULE_FIELDS = frozenset({"law", "verdict", "reason", "conditions"})
#: Files whose texts are shown to every deployment, so they may not hold local rules.
NATIONAL_ONLY_FILES = frozenset({"answers.yaml", "texts.yaml"})


def fail(file: str, rid: str | None, fld: str | None, problem: str) -> KnowledgeError:
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
    raise fail(file, rid, fld, f"not an ISO date (YYYY-MM-DD): {value!r}")


def str_list(value: Any, file: str, rid: str, fld: str) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not value:
        raise fail(file, rid, fld, "must be a non-empty string or list of strings")
    for item in value:
        if not isinstance(item, str) or not item.strip():
            raise fail(file, rid, fld, f"contains an empty or non-string item: {item!r}")
    return tuple(value)


def check_text_fields(
    raw: Mapping[str, Any], file: str, rid: str, has_year: bool, prefix: str = ""
) -> None:
    for fld in DUTCH_TEXT_FIELDS:
        if fld not in raw:
            continue
        values = str_list(raw[fld], file, rid, prefix + fld)
        if not has_year and any(EURO_IN_TEXT.search(v) for v in values):
            raise fail(file, rid, prefix + fld, "states a euro amount but the record has no 'year'")


def check_scope(raw: Mapping[str, Any], file: str, rid: str) -> None:
    """A LOCAL rule names its area and says it: its text or reason contains the area name."""
    scope = raw.get("scope")
    if scope is not None and scope not in SCOPES:
        raise fail(file, rid, "scope", f"must be one of {sorted(SCOPES)}")
    area = raw.get("area")
    if scope == "local":
        if not isinstance(area, str) or not area.strip():
            raise fail(file, rid, "area", "a local rule needs the gemeente or zorgkantoor")
        if file in NATIONAL_ONLY_FILES:
            raise fail(file, rid, "scope", "answers and texts reach everyone: no local rules")
        said = " ".join(str(raw.get(f) or "") for f in ("text", "reason", "topic"))
        if area not in said:
            raise fail(file, rid, "area", f"the text must name {area!r} (say the scope)")
    elif area is not None:
        raise fail(file, rid, "area", "only a rule with scope 'local' has an area")
    if scope == "law" and not (raw.get("law") or raw.get("laws") or raw.get("by_law")):
        raise fail(file, rid, "scope", "scope 'law' needs 'law' or 'laws'")


def check_change(value: Any, file: str, rid: str) -> None:
    """``change``: what changes (text), by which bill, from when, its status, who to ask."""
    if not isinstance(value, Mapping):
        raise fail(file, rid, "change", "must be a mapping")
    for key in value:
        if key not in CHANGE_FIELDS:
            raise fail(file, rid, f"change.{key}", "unknown field")
    if value.get("status") not in CHANGE_STATUSES:
        raise fail(file, rid, "change.status", f"must be one of {sorted(CHANGE_STATUSES)}")
    str_list(value.get("text"), file, rid, "change.text")
    if EURO_IN_TEXT.search(str(value.get("text"))):
        raise fail(file, rid, "change.text", "a changing rule states no amount")
    if value.get("starts") is not None:
        parse_date(value["starts"], file, rid, "change.starts")
    if value.get("law") is not None and value["law"] not in LAWS:
        raise fail(file, rid, "change.law", f"must be one of {sorted(LAWS)}")
    for contact in str_list(value.get("check_with"), file, rid, "change.check_with"):
        if contact not in CONTACTS:
            raise fail(file, rid, "change.check_with", f"unknown contact {contact!r}")


def check_local_rules(value: Any, file: str, rid: str, has_year: bool) -> None:
    """``local``: area -> rule; each rule's reason names its area."""
    if not isinstance(value, Mapping) or not value:
        raise fail(file, rid, "local", "must be a mapping of area -> rule")
    for area, rule in value.items():
        where = f"local.{area}"
        if not isinstance(rule, Mapping) or rule.get("verdict") not in VERDICTS:
            raise fail(file, rid, f"{where}.verdict", f"must be one of {sorted(VERDICTS)}")
        for key in rule:
            if key not in LOCAL_RULE_FIELDS:
                raise fail(file, rid, f"{where}.{key}", "unknown field")
        if rule.get("law") is not None and rule["law"] not in LAWS:
            raise fail(file, rid, f"{where}.law", f"unknown law {rule['law']!r}")
        if str(area) not in str(rule.get("reason") or ""):
            raise fail(file, rid, f"{where}.reason", f"must name {area!r} (say the scope)")
        check_text_fields(rule, file, rid, has_year, prefix=f"{where}.")
