"""Matching text: normalisation with a map back to the original, and shared pieces."""

from __future__ import annotations

import re
import unicodedata

Span = tuple[int, int, str]  # start, end (in the normalised text), label
_MASK = "\x00"

# ---------------------------------------------------------------------------------------------
# Normalisation with a map back to the original text

_INVISIBLE = {"\u00ad", "\u200b", "\u200c", "\u200d", "\u2060", "\ufeff"}
_NON_ASCII = re.compile(r"[^\x00-\x7f]")


def _normalise(text: str) -> tuple[str, list[int]]:
    """A copy of `text` to match on, and for each of its characters the original index."""
    text = text.replace("\t", " ")
    forms = {char: _normal_form(char) for char in _NON_ASCII.findall(text)}
    if all(form == char for char, form in forms.items()):  # the usual case: nothing to change
        return text, list(range(len(text)))
    chars: list[str] = []
    origin: list[int] = []
    for index, char in enumerate(text):
        form = forms.get(char, char)
        chars.append(form)
        origin.extend([index] * len(form))
    return "".join(chars), origin


def _normal_form(char: str) -> str:
    if char in _INVISIBLE:
        return ""
    category = unicodedata.category(char)
    if category == "Zs":
        return " "
    if category == "Pd" or char == "\u2212":  # every dash, and the minus sign
        return "-"
    return unicodedata.normalize("NFKC", char)


# ---------------------------------------------------------------------------------------------
# Shared pieces


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_SEP = r"(?:[ .\-/]{1,3})"  # how people group digits: spaces (also double), dots, dashes, slashes
_GAP = r"[^\d\n]{0,30}?"  # words between a keyword and its value ("bsn van mijn moeder is ")
_MONTHS = (
    r"(?:jan(?:uari|uary)?|feb(?:ruari|ruary)?|maart|march|mrt|mar|apr(?:il)?|mei|may|"
    r"jun[ie]?|jul[iy]?|aug(?:ustus|ust)?|sep(?:t(?:ember)?)?|okt(?:ober)?|oct(?:ober)?|"
    r"nov(?:ember)?|dec(?:ember)?)"
)
_DAY_MONTH_YEAR = re.compile(r"(\d{1,2})\s*([-./])\s*(\d{1,2})\s*\2\s*(\d{4}|\d{2})")
_YEAR_MONTH_DAY = re.compile(r"(\d{4})([-./])(\d{1,2})\2(\d{1,2})")
_TIME_RANGE = re.compile(r"\d{1,2}[.:]\d{2}\s*-\s*\d{1,2}[.:]\d{2}")


def _plausible(day: int, month: int) -> bool:
    return (1 <= day <= 31 and 1 <= month <= 12) or (1 <= month <= 31 and 1 <= day <= 12)


def _date_shaped(candidate: str) -> bool:
    """Whether digits grouped like "12-03-1956", "1956-03-12" or "12.03.56" read as a date."""
    candidate = candidate.strip()
    if match := _DAY_MONTH_YEAR.fullmatch(candidate):
        return _plausible(int(match.group(1)), int(match.group(3)))
    if match := _YEAR_MONTH_DAY.fullmatch(candidate):
        return _plausible(int(match.group(4)), int(match.group(3)))
    return False


def _keyword_before(keywords: re.Pattern[str], text: str, start: int, reach: int = 30) -> bool:
    """Whether a keyword ends within `reach` characters before `start`, with no digit between."""
    window = text[max(0, start - reach - 30) : start]
    return any(
        not re.search(r"\d", window[match.end() :]) and len(window) - match.end() <= reach
        for match in keywords.finditer(window)
    )
