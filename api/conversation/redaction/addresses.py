"""Postcodes and street addresses."""

from __future__ import annotations

import re
from collections.abc import Iterator

from stdnum.nl import postcode as stdnum_postcode

from api.conversation.redaction.text import Span, _words

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
