"""Tests for bot.pgb.provenance and the check-date rules of bot.pgb.models (issue 13,
"Honest check dates")."""

from __future__ import annotations

from datetime import date
from types import MappingProxyType

from bot.pgb.knowledge import Knowledge, parse_local_areas, statement
from bot.pgb.models import Record, SourceRef, Status
from bot.pgb.provenance import faq_text, provenance, source_line


def _ref(label: str, status: Status, day: date = date(2026, 12, 2)) -> SourceRef:
    return SourceRef(id=label, label=label, url=None, checked=day, status=status)


def test_seed_sources_never_get_a_check_date(kb: Knowledge) -> None:
    line = source_line([_ref("Mantelzorgcentrum", Status.SEED)], kb)
    assert "gecontroleerd" not in line.replace("niet apart gecontroleerd", "")
    assert "niet apart gecontroleerd" in line and "2026" not in line


def test_verified_and_secondary_are_told_apart(kb: Knowledge) -> None:
    refs = [
        _ref("SVB", Status.VERIFIED, date(2026, 11, 22)),
        _ref("UWV", Status.VERIFIED),
        _ref("Judex", Status.SECONDARY),
    ]
    line = source_line(refs, kb)
    assert line.startswith("Bron: SVB, UWV (gecontroleerd 22-11-2026).")
    assert "Judex (niet apart gecontroleerd)" in line
    values = provenance(refs, kb)
    assert values["checked"] == "22-11-2026" and values["line"] == line


def test_provenance_without_verified_sources_has_no_date(kb: Knowledge) -> None:
    assert provenance([_ref("ISD Bollenstreek", Status.SEED)], kb)["checked"] == ""


def test_faq_text_of_a_seed_answer_is_honest(kb: Knowledge) -> None:
    """motiveringsplicht is status seed (S-MZC): no "gecontroleerd <date>"."""
    text = faq_text("motiveringsplicht", kb)
    assert "(gecontroleerd" not in text and "niet apart gecontroleerd" in text


def test_faq_text_of_a_changing_answer_says_the_change(kb: Knowledge) -> None:
    """caregiver_rights_changing (TK-36744): the change note is part of the reply."""
    text = faq_text("caregiver_rights_changing", kb)
    assert "wetsvoorstel" in text and "(gecontroleerd 04-12-2026)" in text


def test_local_areas_from_the_environment_value() -> None:
    """PGB_LOCAL_AREAS: comma or semicolon separated, case-insensitive."""
    assert parse_local_areas(" ISD Bollenstreek; Gemeente Leiden,") == {
        "isd bollenstreek",
        "gemeente leiden",
    }
    assert parse_local_areas(None) == frozenset() and parse_local_areas("") == frozenset()


def test_faq_text_for_a_caregiver_on_opdracht_gives_that_answer(kb: Knowledge) -> None:
    text = faq_text("caregiver_ill", kb, field="text_opdracht")
    assert "niet doorbetaald" in text and "104 weken" not in text
    assert "(gecontroleerd 06-12-2026)" in text


def test_an_unverified_record_never_states_its_opdracht_text(kb: Knowledge) -> None:
    record = Record(
        id="x",
        file="answers.yaml",
        source=("S-MZC",),
        checked=date(2026, 12, 6),
        status=Status.UNVERIFIED,
        text="Bewering.",
        data=MappingProxyType({"text_opdracht": "Andere bewering.", "topic": "Over x."}),
    )
    said = statement(record, kb, "text_opdracht")
    assert "bewering" not in said.lower() and said.startswith("Over x.")
