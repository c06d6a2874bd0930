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
  or street), so every rule below would still be ours, wrapped in its classes. And it cannot be
  installed in this environment at all: 2.2.365 (the last release for Python 3.10) requires
  pydantic>=2.12.5 and spaCy, while Rasa 3.6 pins pydantic<1.10.10; it would also put spaCy
  into the api's planned lean environment. Its own phone recognizer is the same libphonenumber.
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
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from datetime import date

import phonenumbers
from stdnum import iban as stdnum_iban
from stdnum import numdb
from stdnum.iso7064 import mod_97_10
from stdnum.nl import bsn as stdnum_bsn
from stdnum.nl import postcode as stdnum_postcode

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


# ---------------------------------------------------------------------------------------------
# Postcodes and street addresses

_POSTCODE_KEYWORD = re.compile(r"(?<![a-z])(?:postcode|post\s+code|pc)(?![a-z])", re.I)
_POSTCODE_CANDIDATE = re.compile(
    r"(?<![\w-])(?:NL-?)?[1-9]\d{3}(?: {0,2}|-)(?P<letters>[A-Z]{2})(?!\w)", re.I
)
_POSTCODE_AFTER_KEYWORD = re.compile(
    rf"{_POSTCODE_KEYWORD.pattern}[^\d\n]{{0,15}}?"
    r"(?P<code>[1-9]\d{3}(?! ?\d)(?: {0,2}[A-Z]{2}(?!\w))?)",
    re.I,
)
# Two letters after four digits that are a word or a unit ("in 2026 en", "1500 km"), not a
# postcode, unless the word postcode comes first.
_TWO_LETTER_WORDS = _words(
    "aa ad af al as at be bv by ca cl cm da de di do ee eg el en er eu ga gb go gr ha he hr ie "
    "if ik in is ja je jr kb kg km kw la ma mb me mg mi ml mm mn mr mw na ne no nu nv of oh ok "
    "om on op or pa pc pk pm pp re so st ta te tm to tv uh up ur us uw vs vr we wk wo ze zn zo "
    "za"
)


def _postcodes(text: str) -> Iterator[Span]:
    for match in _POSTCODE_AFTER_KEYWORD.finditer(text):
        yield match.start("code"), match.end("code"), "[POSTCODE]"
    for match in _POSTCODE_CANDIDATE.finditer(text):
        letters = match.group("letters")
        if letters.lower() in _TWO_LETTER_WORDS and not letters.isupper():
            continue
        if letters.upper() in {"EU", "OK", "TV", "AM", "PM"}:
            continue
        if stdnum_postcode.is_valid(match.group()):
            yield match.start(), match.end(), "[POSTCODE]"


_HOUSE_NUMBER = (
    r"(?P<number>\d{1,5}(?!\d)(?:\s?[a-z](?![\w]))?"
    r"(?:\s?[-/]\s?(?:\d{1,4}|[a-z]{1,2}|i{1,3}v?|hs|bis)(?![\w]))?"
    r"(?:\s+(?:hs|bis|bg|zw|rd|huis|boven|i{1,3})(?![\w]))?)"
    # not an amount, a time, a duration or a count
    r"(?!\s*(?:uur|u\b|euro|eur\b|€|%|procent|dag|dagen|week|weken|jaar|jaren|maand|maanden|"
    r"keer|x\b|min|minuten|km|kilometer|meter|m\b|kg|cm|personen|mensen|kinderen|stuks)|[.,:]\d)"
)
# Words that end in a street suffix (compound: "Kerkstraat") or that are one ("Laan van ...").
_STREET_SUFFIXES = tuple(
    _words(
        "straat laan weg plein gracht singel kade dijk dreef steeg allee plantsoen boulevard "
        "promenade hof pad markt park baan wal haven werf veld dam brink ring vaart vliet "
        "straatje hofje pleintje steegje laantje str"
    )
)
_STANDALONE_SUFFIX = _words(
    "laan plein singel kade gracht dijk weg straat markt brink dam hof wal haven dreef "
    "plantsoen boulevard promenade ring"
)
_STREET = re.compile(
    r"(?<![\w'’.-])(?:"
    # "Laan van Meerdervoort 12", "Plein de Kempen 3": the suffix word first, then the name
    rf"(?P<head>{'|'.join(sorted(_STANDALONE_SUFFIX))})"
    r"(?P<tail>\s+(?:van|de|der|den|het|'t|ter|ten|aan|op|in|bij)(?:\s+(?:de|der|den|het|'t))?"
    r"(?:\s+[a-zà-ÿ'’-]+){1,3}?)"
    # "Kerkstraat 12", "Kerkstr. 12", "Laan 3": any word before a number, its suffix checked after
    r"|(?P<name>[a-zà-ÿ'’.-]{1,40})"
    rf")\s*,?\s+{_HOUSE_NUMBER}",
    re.I,
)
# Ordinary words that end like a street: never an address.
_NOT_A_STREET = _words(
    "arbeidsmarkt woningmarkt zorgmarkt supermarkt loopbaan werkveld speelveld gerechtshof "
    "onderweg halfweg vaart vliet"
)
# Town names end in -dam ("Amsterdam 2026"), many words in -ring ("uitkering"); as a street
# these stand alone ("Dam 1", "Ring 3").
_STANDALONE_ONLY = ("dam", "brink", "ring")
# Words that may stand before a street name ("Burgemeester de Withstraat", "Lange Voorhout").
_STREET_PREFIX = _words(
    "burgemeester burg. dokter dr. professor prof. prins prinses koning koningin graaf gravin "
    "generaal pastoor kapitein sint st. heilige mr. meester oude nieuwe korte lange grote kleine "
    "hoge lage noord zuid oost west binnen buiten achter voor van de der den het 't ter ten"
)
_PARTICLES = _words("van de der den het 't ter ten")
# Capitalised words that start a sentence or name a place or person, not a street.
_CAPITALISED = _words(
    "Ik Wij We Mijn Ons Onze Hij Zij Ze Het De Een Op Aan In Naar Bij Adres Woonadres Postadres "
    "Straat Wonen Woon Woont Moeder Vader Dat Dit Die Nu Ja Nee Hallo Hoi Beste"
)
_STREET_ADJECTIVE = re.compile(
    r"(?<![\w-])(?:Lange|Korte|Oude|Nieuwe|Hoge|Lage|Grote|Kleine|Achter|Binnen|Buiten|Noord|"
    rf"Zuid|Oost|West|Sint|St\.)\s+[A-Z][\w'’-]+\s*,?\s+{_HOUSE_NUMBER}"
)
_ADDRESS_CUE = re.compile(
    r"(?<![a-z])(?:woon[a-z]*|wonen|wonend|[a-z]{0,12}adres|straat|postcode|verhuisd|verhuizen|"
    r"verhuis|huisnummer|huisnr)(?![a-z])",
    re.I,
)
_CUED_STREET = re.compile(
    rf"(?P<name>(?:[a-zà-ÿ'’-]+\s+){{0,2}}[a-zà-ÿ'’-]+)\s*,?\s+{_HOUSE_NUMBER}", re.I
)
_NOT_A_NAME = _words(
    "in op aan bij te de het een is en of nu al nog sinds vanaf per tot met voor na om van wij "
    "we ik hij zij ze mijn ons onze jaar jaren uur dag dagen week weken maand maanden keer "
    "nummer nr huisnummer huisnr straat adres woon woont wonen woonde ben zijn was als dan "
    "maar ook wel niet geen er dat die dit deze wat hoe waar wie u uw je jouw jullie hun haar "
    "hem allebei alleen samen daar hier kind ouder moeder vader zoon dochter nummer"
)


def _extend_back(text: str, start: int) -> int:
    """Take in the words before a street that belong to its name ("Burgemeester de ...",
    "Oudezijds Voorburgwal")."""
    taken = start
    for _ in range(3):
        match = re.search(r"(?:^|(?<=\s))([\w'’.]+) $", text[:taken])
        if not match:
            break
        word = match.group(1)
        capitalised = word[:1].isupper() and word.lower() not in _NOT_A_NAME
        if word.lower() not in _STREET_PREFIX and not (capitalised and word not in _CAPITALISED):
            break
        taken = match.start(1)
    # A lower-case article before the street is the sentence's ("op de Kerkstraat"), not its.
    while taken < start:
        word = re.match(r"([\w'’.]+) ", text[taken:start])
        if not word or word.group(1) not in _PARTICLES:
            break
        taken += word.end()
    return taken


def _addresses(text: str) -> Iterator[Span]:
    postcodes = list(_postcodes(text))
    yield from postcodes
    yield from _streets(text, [start for start, _, _ in postcodes])


def _streets(text: str, postcode_starts: list[int]) -> Iterator[Span]:
    for match in _STREET.finditer(text):
        name = (match.group("name") or match.group("head")).lower().strip(".'’-")
        suffix_only = name in _STANDALONE_SUFFIX
        if not name.endswith(_STREET_SUFFIXES) or name in _NOT_A_STREET:
            continue
        if len(name) < 5 and not suffix_only:
            continue
        if name.endswith(_STANDALONE_ONLY) and not suffix_only:
            continue
        yield _extend_back(text, match.start()), match.end("number"), "[ADRES]"
    for match in _STREET_ADJECTIVE.finditer(text):
        yield match.start(), match.end("number"), "[ADRES]"
    # A street without a suffix ("Heuvel 3") only after a cue, or right before a postcode.
    cues = [cue.end() for cue in _ADDRESS_CUE.finditer(text)]
    windows = [(end, end + 60) for end in cues] + [
        (text.rfind(" ", 0, max(0, start - 60)) + 1, start) for start in postcode_starts
    ]
    matches = {m.span(): m for s, e in windows for m in _CUED_STREET.finditer(text, s, e)}
    for match in matches.values():
        words = match.group("name").split()
        while words and words[0].lower() in _NOT_A_NAME:
            words.pop(0)
        if not words or any(word.lower() in _NOT_A_NAME for word in words):
            continue
        name_start = match.end("name") - len(" ".join(words))
        cued = any(0 <= name_start - end <= 40 for end in cues)
        before_postcode = any(0 <= start - match.end("number") <= 3 for start in postcode_starts)
        if cued or before_postcode:
            yield name_start, match.end("number"), "[ADRES]"


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
