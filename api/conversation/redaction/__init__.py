"""Remove identifiers from a message before it is stored or sent to Rasa (AVG/GDPR).

Conversations hold health and financial data, so the api keeps only what it needs: BSNs, IBANs
(and old account numbers after a keyword), e-mail addresses, phone numbers, postcodes, street
addresses and dates of birth are replaced by a label such as [BSN]. Everything else, including
the person's own spacing and punctuation, is returned exactly as typed.

How: the text is first normalised for matching only (NFKC, every Unicode space to " ", every
dash to "-", zero-width characters dropped), keeping for each normalised character the index of
the original one. Detectors then run in a fixed order on that copy, each masking what it found
so a later one cannot claim it again, and the spans are replaced in the original text.

Libraries, and why:
- Phone numbers: `phonenumbers` (Google's libphonenumber). Its `PhoneNumberMatcher` finds
  numbers however they are grouped ("(020) 123 45 67", "06.12.34.56.78", "0031 6 ...", any
  country code). It runs with Leniency.POSSIBLE so a mistyped or made-up number ("06-98765432",
  not in a valid range) is still caught; we accept a match only when it was typed with a trunk
  or international prefix ("0", "+", "00"), has 8 digits or more and is not shaped like a date,
  which keeps amounts, years and "123456789 euro" out; where a shorter run of its groups is a
  valid number ("06 12 34 56 78 3 keer") we take that. After "tel", "mobiel" or "nummer" a
  number with a prefix is a phone number even with a digit too few.
- BSN, IBAN, postcode: `python-stdnum` (elfproef, ISO 7064 mod 97-10 with each country's BBAN
  structure, the SA/SD/SS postcode rule). The candidate patterns around them are ours: people
  glue prefixes on ("BSN-", "bsn:"), group digits with dots, slashes or double spaces, and a
  number right after "bsn" or "iban" is redacted even when its checksum fails (a mistyped BSN is
  still a BSN).
- Presidio (`presidio-analyzer`) is not used. Its AnalyzerEngine needs a spaCy NER model, and no
  Dutch one can be installed here (nl_core_news_* is not on PyPI). Without NLP only its
  PatternRecognizer is left: regex + validation + context words, where context only raises a
  score and needs lemmas from the NLP engine. It ships no Dutch recognizers (no BSN, postcode
  or street), so every rule below would still be ours, wrapped in its classes. Its pydantic 2
  requirement no longer stands in the way (the api has its own environment, away from Rasa's
  pydantic 1 pin), but it would bring spaCy and a language model into that lean environment for
  no rule we do not already have. Its own phone recognizer is the same libphonenumber.
- Street names: no package on PyPI ships the Dutch street names (the BAG). `bag-nl` (Python
  3.11+) only loads a BAG extract that you download yourself into a database; Faker's nl_NL
  provider has street suffixes and towns, no streets. So streets are found by suffix
  (Kerkstraat, Laan van Meerdervoort, Prins Hendrikkade), by a street adjective ("Lange
  Voorhout"), or, without a suffix ("Heuvel 3"), only with a cue: woon/wonen/adres/straat/postcode
  before it, or a postcode right after it.
- Dates: any format near "geboren", "geb.", "geboortedatum", "gebdatum", "dob" (also "12.03.56",
  "12 mrt. 1956", "12031956"); without such a word, only a full date 18 or more years ago (an
  adult's birthday, "mijn vader is van 01/02/1940") that no decision word ("beschikking van",
  "per", "sinds", "brief") precedes. "per 1 juli 2026" and "beschikking van 12-03-2026" stay.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable
from datetime import date

from api.conversation.redaction.addresses import _addresses
from api.conversation.redaction.dates import _dates
from api.conversation.redaction.numbers import _bsns, _emails, _ibans, _phones
from api.conversation.redaction.text import _MASK, Span, _normalise

# ---------------------------------------------------------------------------------------------
# Putting it together


Detector = Callable[[str], Iterable[Span]]


def _redact(text: str, detectors: list[Detector]) -> str:
    """Run the detectors in order on the normalised text, each masking what it found, and
    replace the spans in the original text."""
    working, origin = _normalise(text)
    spans: list[Span] = []
    for detect in detectors:
        found = [span for span in detect(working) if span[1] > span[0]]
        for start, end, _ in found:
            working = working[:start] + _MASK * (end - start) + working[end:]
        spans.extend(found)
    pieces: list[str] = []
    position = 0
    for start, end, label in _merge(spans):
        original_start, original_end = origin[start], origin[end - 1] + 1
        pieces.append(text[position:original_start])
        pieces.append(label)
        position = original_end
    pieces.append(text[position:])
    return "".join(pieces)


def _merge(spans: list[Span]) -> list[Span]:
    """Overlapping spans become one, with the label of the one that starts first."""
    merged: list[Span] = []
    for start, end, label in sorted(spans, key=lambda span: (span[0], -span[1])):
        if merged and start < merged[-1][1]:
            previous = merged[-1]
            merged[-1] = (previous[0], max(previous[1], end), previous[2])
        else:
            merged.append((start, end, label))
    return merged


def redact(text: str, today: date | None = None) -> str:
    """Return `text` with identifiers replaced by labels; other text is left as it was."""
    dates = functools.partial(_dates, today=today or date.today())
    return _redact(text, [_emails, _ibans, _phones, _bsns, dates, _addresses])


def redact_advisor_text(text: str) -> str:
    """Redact an advisor's reply: never a BSN or IBAN, but contact details stay.

    An advisor gives the person a phone number, e-mail address or office address to use, so
    those must arrive as typed; a BSN or account number has no place in a chat reply.
    """
    return _redact(text, [_ibans, _bsns])
