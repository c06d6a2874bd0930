"""Remove identifiers from a message before it is stored or sent to Rasa (AVG/GDPR).

Conversations hold health and financial data, so the api keeps only what it needs: BSNs (that
pass the elfproef), IBANs (that pass the mod-97 check), e-mail addresses, phone numbers,
postcodes, street addresses and dates of birth are replaced by a label such as [BSN].
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date

_BSN = re.compile(r"(?<![\d.-])\d(?:[ .-]?\d){7,8}(?![\d-])")
_IBAN = re.compile(r"\b([A-Z]{2}\d{2}(?:[ ]?[A-Z0-9]{4}){2,7}(?:[ ]?[A-Z0-9]{1,3})?)\b", re.I)
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_PHONE = re.compile(r"(?<![\w+])(?:\+31|0031|0)[ -]?(?:\(0\)[ -]?)?\d(?:[ -]?\d){8}(?!\d)")
_POSTCODE = re.compile(r"\b[1-9]\d{3}[ ]?(?!SA|SD|SS)[A-Z]{2}\b")
_STREET = re.compile(
    r"\b[A-Z][\w'-]*(?:straat|laan|weg|plein|gracht|kade|singel|dijk|dreef|hof|pad|steeg|"
    r"markt|park|erf|baan|veld|wal|haven|ring|allee|oord|hoek)\s+\d{1,5}[ -]?[a-zA-Z]?\b"
)
_MONTHS = (
    "januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december|"
    "jan|feb|mrt|apr|jun|jul|aug|sep|sept|okt|nov|dec"
)
_DATE = re.compile(rf"\b(\d{{1,2}})[-/. ](\d{{1,2}}|{_MONTHS})[-/. ](\d{{4}})\b", re.IGNORECASE)


def _elfproef(digits: str) -> bool:
    if len(digits) == 8:
        digits = "0" + digits
    if len(digits) != 9 or digits == "000000000":
        return False
    total = sum(int(d) * w for d, w in zip(digits[:8], range(9, 1, -1), strict=True))
    return (total - int(digits[8])) % 11 == 0


def _iban_valid(candidate: str) -> bool:
    iban = candidate.replace(" ", "").upper()
    if not 15 <= len(iban) <= 34:
        return False
    rearranged = iban[4:] + iban[:4]
    number = "".join(str(int(ch, 36)) for ch in rearranged)
    return int(number) % 97 == 1


def _replace_bsn(match: re.Match[str]) -> str:
    if _DATE.fullmatch(match.group(0)):  # 15-06-2025 is a date, whatever its digits add up to
        return match.group(0)
    digits = re.sub(r"\D", "", match.group(0))
    return "[BSN]" if _elfproef(digits) else match.group(0)


_DUTCH_IBAN = re.compile(r"NL\d{2}[A-Z]{4}\d{10}")


def _replace_iban(match: re.Match[str]) -> str:
    # A Dutch account number with a typo is still someone's account number.
    iban = match.group(1).replace(" ", "").upper()
    return "[IBAN]" if _DUTCH_IBAN.fullmatch(iban) or _iban_valid(iban) else match.group(0)


def _date_replacer(today: date) -> Callable[[re.Match[str]], str]:
    # A full date more than a year ago is most likely a date of birth; recent and future dates
    # ("vanaf 1 januari") are what the conversation is about and stay.
    def replace(match: re.Match[str]) -> str:
        return "[DATUM]" if int(match.group(3)) < today.year - 1 else match.group(0)

    return replace


def redact(text: str, today: date | None = None) -> str:
    """Return `text` with identifiers replaced by labels; other text is left as it was."""
    text = _EMAIL.sub("[E-MAIL]", text)
    text = _IBAN.sub(_replace_iban, text)
    text = _PHONE.sub("[TELEFOON]", text)
    text = _BSN.sub(_replace_bsn, text)
    text = _DATE.sub(_date_replacer(today or date.today()), text)
    text = _STREET.sub("[ADRES]", text)
    return _POSTCODE.sub("[POSTCODE]", text)


def redact_advisor_text(text: str) -> str:
    """Redact an advisor's reply: never a BSN or IBAN, but contact details stay.

    An advisor gives the person a phone number, e-mail address or office address to use, so
    those must arrive as typed; a BSN or account number has no place in a chat reply.
    """
    text = _IBAN.sub(_replace_iban, text)
    return _BSN.sub(_replace_bsn, text)
