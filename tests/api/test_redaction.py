"""Identifiers are replaced before anything is stored; ordinary text is left alone."""

from __future__ import annotations

from datetime import date

import pytest

from api.redaction import redact

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
    "text",
    [
        "ik krijg 123456789 euro",  # nine digits that fail the elfproef are not a BSN
        "DE12 3456 7890 1234 5678 90",  # a foreign IBAN shape failing mod-97 is kept
        "mijn pgb gaat in op 1-1-2026",  # a recent date is about the case, not a birthday
        "ik werk 32 uur per week voor 2025",
        "mijn moeder woont in Leiden en heeft de Wlz",
        "wat is het tarief in 2026? € 21,80 per maand",
    ],
)
def test_ordinary_text_is_kept(text: str) -> None:
    assert redact(text, today=TODAY) == text
