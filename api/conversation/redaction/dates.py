"""Dates of birth."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date

from api.conversation.redaction.text import _GAP, _MONTHS, Span, _keyword_before

# ---------------------------------------------------------------------------------------------
# Dates of birth

_BIRTH_KEYWORD = (
    r"(?<![a-z])(?:geboren|geb\.?\s*-?\s*datum|gebdatum|geboorte\s*-?\s*datum|geboortedag|"
    r"geb(?![a-z])\.?|d\.o\.b\.?|dob|date\s+of\s+birth|birth\s*date|verjaardag)(?![a-z])"
)
_FULL_DATE = (
    r"(?<!\d)(?:"
    r"(?P<d1>\d{1,2})\s*(?P<s1>[-./ ])\s*(?P<m1>\d{1,2})\s*(?P=s1)\s*(?P<y1>\d{4}|'?\d{2})"
    r"|(?P<y2>\d{4})(?P<s2>[-./])(?P<m2>\d{1,2})(?P=s2)(?P<d2>\d{1,2})"
    rf"|(?P<d3>\d{{1,2}})(?:e|ste|de)?[\s\-./]*{_MONTHS}(?![a-z])\.?[\s\-./,]*(?P<y3>\d{{4}}|'?\d{{2}})"
    r")(?!\d)"
)
# Only next to a birth keyword: "maart 1956", "12031956", "120356".
_PARTIAL_DATE = (
    rf"(?<!\d)\d{{6}}(?:\d{{2}})?(?!\d)|(?<![a-z]){_MONTHS}\.?\s*(?:\d{{4}}|'\d{{2}})(?!\d)"
)
_DATE_AFTER_KEYWORD = re.compile(
    rf"{_BIRTH_KEYWORD}(?P<gap>{_GAP})(?P<date>{_FULL_DATE}|{_PARTIAL_DATE})", re.I
)
_DATE_BEFORE_KEYWORD = re.compile(
    rf"(?P<date>{_FULL_DATE}|{_PARTIAL_DATE})\s*[),]?\s*(?:is|=|:)?\s*"
    r"(?:de|mijn|zijn|haar|z'n|m'n|zn|mn)?\s*(?:geboortedatum|gebdatum|geboortedag|verjaardag)",
    re.I,
)
_ANY_FULL_DATE = re.compile(_FULL_DATE, re.I)
_ADULT_YEARS = 18
_DECISION_WORD = re.compile(
    r"(?<![a-z])(?:beschikking|besluit|brief|indicatie|toekenning|aanvraag|bezwaar|beroep|"
    r"uitspraak|factuur|nota|overeenkomst|contract|declaratie|ingang\w*|per|vanaf|sinds|tot|"
    r"t/m|gedateerd|dagtekening|verstuurd|ontvangen|verzonden|gestart|begonnen|begon|start|"
    r"gestopt|geldig|opgezegd|afgegeven)(?![a-z])",
    re.I,
)


def _dates(text: str, today: date) -> Iterator[Span]:
    for match in _DATE_AFTER_KEYWORD.finditer(text):
        # "te vroeg geboren; per 1 juli 2026 krijgt hij een pgb": that date is not the birthday
        if not _DECISION_WORD.search(match.group("gap")):
            yield match.start("date"), match.end("date"), "[DATUM]"
    for match in _DATE_BEFORE_KEYWORD.finditer(text):
        yield match.start("date"), match.end("date"), "[DATUM]"
    # Without a keyword: a full date of 18 or more years ago is most likely an adult's date of
    # birth; later dates, and those after a decision word, are what the conversation is about.
    for match in _ANY_FULL_DATE.finditer(text):
        year = match.group("y1") or match.group("y2") or match.group("y3") or ""
        old = len(year) == 4 and 1890 <= int(year) <= today.year - _ADULT_YEARS
        if old and not _keyword_before(_DECISION_WORD, text, match.start()):
            yield match.start(), match.end(), "[DATUM]"
