"""E-mail addresses, IBANs and account numbers, phone numbers and BSNs."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator

import phonenumbers
from stdnum import iban as stdnum_iban
from stdnum import numdb
from stdnum.iso7064 import mod_97_10
from stdnum.nl import bsn as stdnum_bsn

from api.conversation.redaction.text import (
    _GAP,
    _SEP,
    _TIME_RANGE,
    Span,
    _date_shaped,
    _keyword_before,
)

# ---------------------------------------------------------------------------------------------
# E-mail, IBAN and account numbers, phone numbers, BSN

_AT = r"(?:\s*@\s*|\s*[(\[{<]\s*(?:at|a|apenstaartje)\s*[)\]}>]\s*)"
_DOT = r"(?:\.|\s*[(\[{<]\s*(?:dot|punt)\s*[)\]}>]\s*)"
# Parts bounded (a local part has at most 64 characters) so a long word fails fast.
_EMAIL = re.compile(
    rf"[\w.+-]{{0,63}}\w{_AT}\w[\w-]{{0,62}}(?:{_DOT}[\w-]{{1,63}})*?{_DOT}[a-z]{{2,24}}\b", re.I
)
# Looser: "at" spelled out ("jan at gmail dot com") or spaces around a dot ("ziggo .nl"), only
# with a common top-level domain in lower case, as "at" is also Dutch ("hij at brood. Nl").
_LOOSE_DOT = r"(?:\s*\.\s*|\s*[(\[{<]?\s*(?:dot|punt)\s*[)\]}>]?\s*)"
_LOOSE_EMAIL = re.compile(
    rf"[\w.+-]{{0,63}}\w(?:\s+(?:at|apenstaartje)\s+|{_AT})\w[\w-]{{0,62}}"
    rf"(?:{_LOOSE_DOT}[\w-]{{1,63}})*?"
    rf"{_LOOSE_DOT}(?-i:nl|com|be|org|net|eu|de|info|nu|online)\b",
    re.I,
)
_EMAIL_HINT = re.compile(r"@|\bat\b|\(a\)|\[a\]|\bapenstaartje\b", re.I)


def _emails(text: str) -> Iterator[Span]:
    if not _EMAIL_HINT.search(text):  # the patterns are slow to fail on long text
        return
    for pattern in (_EMAIL, _LOOSE_EMAIL):
        for match in pattern.finditer(text):
            yield match.start(), match.end(), "[E-MAIL]"


_IBAN_CANDIDATE = re.compile(
    r"(?<!\d)[A-Z]{2}[ .\-]{0,3}\d{2}(?:[ .\-/]{0,3}[A-Z0-9]){10,30}", re.I
)
_DUTCH_IBAN_SHAPE = re.compile(r"NL\d{2}[A-Z]{4}\d{10}")
_ACCOUNT_KEYWORD = re.compile(
    r"(?<![a-z])(?:iban|(?:bank|giro)?rekening\s*-?\s*(?:nummer|nr)|rek\.?\s*-?\s*nr|"
    r"bankrekening|gironummer|banknummer|rekeningnr)(?![a-z])",
    re.I,
)
_ACCOUNT = re.compile(
    rf"{_ACCOUNT_KEYWORD.pattern}{_GAP}"
    rf"(?P<value>[A-Z]{{2}}[ .\-]*\d{{2}}(?:[ .\-]*[A-Z]{{4}})?(?:[ .\-]*\d){{6,12}}"
    rf"|\d(?:{_SEP}?\d){{5,11}})(?!\d)",
    re.I,
)


def _ibans(text: str) -> Iterator[Span]:
    position = 0
    while match := _IBAN_CANDIDATE.search(text, position):
        # The pattern runs on into the next words; cut it at the length an IBAN of that country
        # has. If that is no IBAN, look again from the next character: "BSN-111222333 en NL91..."
        # starts a candidate at "SN-11" that would otherwise swallow the IBAN after it.
        positions = [match.start() + i for i, c in enumerate(match.group()) if c.isalnum()]
        compact = "".join(text[i] for i in positions).upper()
        length = _iban_length(compact[:2])
        position = match.start() + 1
        if length and len(compact) >= length and _is_iban(compact[:length]):
            yield match.start(), positions[length - 1] + 1, "[IBAN]"
            position = positions[length - 1] + 1
    # After "iban" or "rekeningnummer" a number is an account number, checksum or not.
    for match in _ACCOUNT.finditer(text):
        yield match.start("value"), match.end("value"), "[IBAN]"


@functools.cache
def _iban_length(country: str) -> int | None:
    """The length of an IBAN of `country` ("NL": 18), from python-stdnum's IBAN registry."""
    bban = numdb.get("iban").info(country)[0][1].get("bban")
    return 4 + sum(int(n) for n in re.findall(r"(\d+)!?[nac]", bban)) if bban else None


def _is_iban(compact: str) -> bool:
    # A Dutch account number with a typo is still someone's account number.
    if _DUTCH_IBAN_SHAPE.fullmatch(compact):
        return True
    # The bare checksum first: cheap, and it rules out nearly every run of words and numbers.
    # No country check: python-stdnum's Belgian one also wants the bank in its own list.
    return mod_97_10.checksum(compact[4:] + compact[:4]) == 1 and stdnum_iban.is_valid(
        compact, check_country=False
    )


_PREFIXED = re.compile(r"[(\[]?\s*(?:\+|0)")
# After "tel" or "mobiel" a number typed with a prefix is a phone number even when it has a
# digit too few or too many for libphonenumber ("06 1234567").
_PHONE_AFTER_KEYWORD = re.compile(
    r"(?<![a-z])(?:tel|telefoon|telefoonnummer|telnr|mob|mobiel|mobieltje|gsm|whatsapp|"
    rf"nummer|bel\s+(?:me|mij|ons))(?![a-z]){_GAP}"
    r"(?P<number>(?:\+|0)[\d()]*(?:[ .\-/]{1,3}[\d()]+)*)",
    re.I,
)


# Where a number typed with a prefix may be; the matcher runs only there, as it is slow to
# reject the many amounts, dates and years in a long message.
_PHONE_REGION = re.compile(r"(?<!\d)(?<!\d[.\-/])[(\[]?\s?(?:\+|0)[\d\s().\-/\[\]]{6,}")


def _phones(text: str) -> Iterator[Span]:
    for match in _PHONE_AFTER_KEYWORD.finditer(text):
        if 8 <= sum(char.isdigit() for char in match.group("number")) <= 15:
            yield match.start("number"), match.end("number"), "[TELEFOON]"
    for region in _PHONE_REGION.finditer(text):
        found = list(_phones_in(region.group()))
        if not found:
            found = _valid_phone_at_start(region.group())
        for start, end in found:
            yield region.start() + start, region.start() + end, "[TELEFOON]"


def _phones_in(region: str) -> Iterator[tuple[int, int]]:
    matcher = phonenumbers.PhoneNumberMatcher(region, "NL", leniency=phonenumbers.Leniency.POSSIBLE)
    for match in matcher:
        raw = match.raw_string
        # Typed with a trunk or international prefix, so not "123456789 euro"; not a date;
        # not a short number in a code ("2025Z09258"): Dutch numbers have 8 digits or more.
        digits = sum(char.isdigit() for char in raw)
        if not _PREFIXED.match(raw) or digits < 8 or _date_shaped(raw):
            continue
        if phonenumbers.is_valid_number(match.number):
            yield match.start, match.end
            continue
        # "06 12 34 56 78 3 keer" is a possible number with the 3; the valid one ends before.
        # Without a valid one it is a mistyped or made-up number: still a phone number.
        shorter = _valid_phone_at_start(raw)
        start, end = shorter[0] if shorter else (0, len(raw))
        yield match.start + start, match.start + end


def _valid_phone_at_start(region: str) -> list[tuple[int, int]]:
    """The matcher takes "06 12 34 56 78 111 222 333" as one number, too long to be one, and
    "06 12 34 56 78 3" as a possible one; try the leading groups, longest first, for a number
    in a valid range."""
    ends = [match.end() for match in re.finditer(r"\S+", region)]
    for end in reversed(ends[:-1]):
        try:
            number = phonenumbers.parse(region[:end], "NL")
        except phonenumbers.NumberParseException:
            continue
        if phonenumbers.is_valid_number(number):
            return [(len(region) - len(region.lstrip()), end)]
    return []


_BSN_KEYWORD = re.compile(
    r"(?<![a-z])(?:bsn|burger\s*-?\s*service\s*-?\s*(?:nummer|nr)|burgerservicenr|"
    r"sofi\s*-?\s*(?:nummer|nr)|sofi)(?![a-z])",
    re.I,
)
_BSN_CANDIDATE = re.compile(rf"(?<!\d)(?<!\d[.\-/])\d(?:{_SEP}?\d){{7,9}}(?![.\-/]?\d)")
_BSN_KEYWORD_AFTER = re.compile(
    r"[^\d\n]{0,15}?\b(?:is\s+)?(?:mijn|zijn|haar|het|de)?\s*(?:bsn|burgerservicenummer)", re.I
)
_AMOUNT_BEFORE = re.compile(r"€\s*$")
_AMOUNT_AFTER = re.compile(r"\s*(?:,\d|euro\b|eur\b)", re.I)


def _bsns(text: str) -> Iterator[Span]:
    for match in _BSN_CANDIDATE.finditer(text):
        candidate = match.group()
        digits = re.sub(r"\D", "", candidate)
        after = text[match.end() : match.end() + 25]
        if _keyword_before(_BSN_KEYWORD, text, match.start()) or _BSN_KEYWORD_AFTER.match(after):
            yield match.start(), match.end(), "[BSN]"  # mistyped or not, it is a BSN
            continue
        if (
            len(digits) in (8, 9)
            and stdnum_bsn.is_valid(digits)
            and not _date_shaped(candidate)
            and not _TIME_RANGE.fullmatch(candidate)
            and not _AMOUNT_BEFORE.search(text[max(0, match.start() - 3) : match.start()])
            and not _AMOUNT_AFTER.match(after)
        ):
            yield match.start(), match.end(), "[BSN]"
