"""Identifiers are replaced before anything is stored; ordinary text is left alone.

The forms below are those that got through in the review of issue 17 (identifiers pasted from
banking apps, letters and phones); tests/evaluation/redaction.yml measures the same at scale.
"""

from __future__ import annotations

from datetime import date

import pytest

from api.conversation.redaction import redact, redact_advisor_text

TODAY = date(2026, 11, 23)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("mijn bsn is 111222333", "mijn bsn is [BSN]"),
        ("bsn 111.222.333 graag", "bsn [BSN] graag"),
        ("IBAN NL91 ABNA 0417 1643 00 van mijn moeder", "IBAN [IBAN] van mijn moeder"),
        ("rekening nl91abna0417164300", "rekening [IBAN]"),
        ("met een tikfout NL91 ABNA 0417 1643 01", "met een tikfout [IBAN]"),
        ("Belgisch BE68 5390 0754 7034", "Belgisch [IBAN]"),
        ("bel me op 06-12345678", "bel me op [TELEFOON]"),
        ("of +31 6 1234 5678 na vijven", "of [TELEFOON] na vijven"),
        ("vast nummer 071 512 3456", "vast nummer [TELEFOON]"),
        ("mail naar j.de.vries+pgb@example.nl aub", "mail naar [E-MAIL] aub"),
        ("geboren op 12-03-1956", "geboren op [DATUM]"),
        ("geboortedatum 3 maart 1948", "geboortedatum [DATUM]"),
        ("we wonen aan de Kerkstraat 12a", "we wonen aan de [ADRES]"),
        ("postcode 2311 AB Leiden", "postcode [POSTCODE] Leiden"),
    ],
)
def test_identifiers_are_replaced(text: str, expected: str) -> None:
    assert redact(text, today=TODAY) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a prefix glued on
        ("BSN-111222333", "BSN-[BSN]"),
        ("bsn.111222333", "bsn.[BSN]"),
        ("bsn:111222333", "bsn:[BSN]"),
        # dots, slashes, double and non-breaking spaces
        ("bsn 1112.22.333", "bsn [BSN]"),
        ("bsn 111/222/333", "bsn [BSN]"),
        ("nummer 111  222  333", "nummer [BSN]"),
        ("nummer 111\u00a0222\u00a0333", "nummer [BSN]"),
        # eight digits grouped like a date, next to the word bsn
        ("bsn van mijn zoon: 28-12-6464", "bsn van mijn zoon: [BSN]"),
        # a mistyped BSN is still a BSN
        ("mijn bsn is 123456789 denk ik", "mijn bsn is [BSN] denk ik"),
        ("123456789 is zijn bsn", "[BSN] is zijn bsn"),
    ],
)
def test_bsn_as_people_type_it(text: str, expected: str) -> None:
    assert redact(text, today=TODAY) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("IBAN NL91.ABNA.0417.1643.00", "IBAN [IBAN]"),
        ("NL91\u00a0ABNA\u00a00417\u00a01643\u00a000 graag", "[IBAN] graag"),
        ("DE89 3704 0044 0532 0130 00 is Duits", "[IBAN] is Duits"),
        ("iban NL91 ABNA 0417 1643 0 (te kort)", "iban [IBAN] (te kort)"),
        ("rekeningnummer 1234567", "rekeningnummer [IBAN]"),
    ],
)
def test_iban_as_people_type_it(text: str, expected: str) -> None:
    assert redact(text, today=TODAY) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("bel (020) 123 45 67", "bel [TELEFOON]"),
        ("06 - 12 34 56 78", "[TELEFOON]"),
        ("06.12.34.56.78", "[TELEFOON]"),
        ("0031 6 12345678", "[TELEFOON]"),
        ("+32 2 123 45 67 in Brussel", "[TELEFOON] in Brussel"),
        ("+49 30 1234567", "[TELEFOON]"),
        ("+44 20 7946 0958", "[TELEFOON]"),
        ("tel.nr0612345678", "tel.nr[TELEFOON]"),
        ("tel:0612345678", "tel:[TELEFOON]"),
        ("mob.0612345678", "mob.[TELEFOON]"),
        ("06-98765432", "[TELEFOON]"),  # not in a valid range: a typo or made up, still a number
        ("bel 06\u201312345678", "bel [TELEFOON]"),  # en dash
    ],
)
def test_phone_numbers_as_people_type_them(text: str, expected: str) -> None:
    assert redact(text, today=TODAY) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("jan(at)example.nl", "[E-MAIL]"),
        ("jan [at] example.nl", "[E-MAIL]"),
        ("mail jan @ example.nl", "mail [E-MAIL]"),
        ("jan.devries at gmail dot com", "[E-MAIL]"),
    ],
)
def test_email_addresses_written_around_spam_filters(text: str, expected: str) -> None:
    assert redact(text, today=TODAY) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("postcode 1234 ab", "postcode [POSTCODE]"),
        ("2311ab leiden", "[POSTCODE] leiden"),
        ("kerkstraat 12", "[ADRES]"),
        ("kerkstraat 12-2", "[ADRES]"),
        ("Kerkstr. 12", "[ADRES]"),
        ("laan van meerdervoort 12", "[ADRES]"),
        ("burgemeester de withstraat 5a", "[ADRES]"),
        ("Lange Voorhout 9", "[ADRES]"),
        # without a suffix only with a cue, or right before a postcode
        ("ik woon op Heuvel 3", "ik woon op [ADRES]"),
        ("Heuvel 3, 6211 AB Maastricht", "[ADRES], [POSTCODE] Maastricht"),
        ("Heuvel 3", "Heuvel 3"),
    ],
)
def test_postcodes_and_streets_in_any_case(text: str, expected: str) -> None:
    assert redact(text, today=TODAY) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("geb. 12/3/56", "geb. [DATUM]"),
        ("geboortedatum 1956-03-12", "geboortedatum [DATUM]"),
        ("geboren op 12 mrt. 1956", "geboren op [DATUM]"),
        ("dob 12.03.56", "dob [DATUM]"),
        ("gebdatum 12031956", "gebdatum [DATUM]"),
        ("mijn zoon is geboren op 5-6-2015", "mijn zoon is geboren op [DATUM]"),
        ("01-02-1940 is haar geboortedatum", "[DATUM] is haar geboortedatum"),
    ],
)
def test_dates_of_birth_in_any_format(text: str, expected: str) -> None:
    assert redact(text, today=TODAY) == expected


def test_unicode_spaces_and_dashes_match_but_the_text_comes_back_as_typed() -> None:
    text = "bsn\u00a0111\u2009222\u2009333 \u2013 tel 06\u201312345678, geb. 12\u201303\u20131956"
    assert redact(text, today=TODAY) == "bsn\u00a0[BSN] \u2013 tel [TELEFOON], geb. [DATUM]"


def test_full_width_digits_and_zero_width_characters_do_not_hide_a_bsn() -> None:
    assert redact("bsn １１１２２２３３３", today=TODAY) == "bsn [BSN]"
    assert redact("bsn 111\u200b222\u200b333", today=TODAY) == "bsn [BSN]"


@pytest.mark.parametrize(
    "text",
    [
        "ik krijg 123456789 euro",  # nine digits that fail the elfproef are not a BSN
        "DE12 3456 7890 1234 5678 90",  # a foreign IBAN shape failing mod-97 is kept
        "mijn pgb gaat in op 1-1-2026",  # a recent date is about the case, not a birthday
        "ik werk 32 uur per week voor 2025",
        "mijn moeder woont in Leiden en heeft de Wlz",
        "wat is het tarief in 2026? € 21,80 per maand",
        "het tarief is € 1.234,56 en 23,50 per uur",
        "16 uur per week, van 09:00-17:00, 4 dagen per week",
        "art. 2.3.6 van de Wmo 2015 en de Wet langdurige zorg",
        "de beschikking van 12-03-2026",
        "per 1 juli 2026 gaat het in",
        "sinds 1 januari 2015 heb ik een pgb",
        "in 2026 en 2027 is het 80% van het budget",
        "ik woon al 3 jaar in Leiden",
        "Woont u met uw ouder? Dan alleen als jullie allebei 27 jaar of ouder zijn.",
        "de uitkering 2026 en de arbeidsmarkt 2026 in Limburg 31",
        "bladzijde 12 van de brief",
    ],
)
def test_ordinary_text_is_kept(text: str) -> None:
    assert redact(text, today=TODAY) == text


def test_advisor_text_keeps_contact_details_but_not_a_bsn_or_iban() -> None:
    text = "Bel 030 264 82 00 of mail pgb@example.nl. Uw BSN-111222333 en NL91.ABNA.0417.1643.00"
    assert redact_advisor_text(text) == (
        "Bel 030 264 82 00 of mail pgb@example.nl. Uw BSN-[BSN] en [IBAN]"
    )


@pytest.mark.parametrize(
    "text",
    ["\ud800 lone surrogate", "nul\x00teken", "1" * 4000, "a." * 2000, "é" * 3990 + "straat 1"],
)
def test_odd_input_comes_back_as_text(text: str) -> None:
    assert isinstance(redact(text, today=TODAY), str)
