"""Tests for bot.pgb.knowledge and bot.pgb.schema: loading, validation, look-ups."""

from __future__ import annotations

import re
import shutil
from datetime import date
from pathlib import Path

import pytest

from bot.pgb.errors import KnowledgeError, UnknownRecordError
from bot.pgb.knowledge import (
    KNOWLEDGE_DIR,
    Knowledge,
    answer_ids,
    get_answer,
    get_fact,
    load_knowledge,
    source_label,
    statement,
)
from bot.pgb.models import Status
from bot.pgb.schema import DUTCH_TEXT_FIELDS, ID_PATTERN

# The last review against public sources (a coverage audit of the answers on 2026-12-07); no
# record claims a later check.
FACT_BASE_DATE = date(2026, 12, 7)
EXPECTED_ANSWER_IDS = [
    "what_is_pgb",
    "svb_trekkingsrecht",
    "care_functions",
    "which_financier",
    "how_to_apply",
    "what_is_natura",
    "wlz_home_or_institution",
    "combine_natura",
    "gebruikelijke_zorg",
    "motiveringsplicht",
    "informal_care_pay",
    "roles_representative",
    "contract_types",
    "caregiver_ill",
    "caregiver_holiday",
    "end_agreement",
    "declare_hours",
    "leftover_budget",
    "eigen_bijdrage",
    "pgb_portaal",
    "refusal_reasons",
    "bewuste_keuze",
    "pgb_vaardigheid",
    "hulpmiddel_route",
    "pgb_test",
    "death_budget_holder",
    "svb_contact",
    "moving",
    "mantelzorgmakelaar",
    "verantwoording",
    "objection_deadline",
    "caregiver_rights_changing",
    "pgb_not_income",
    "salary_administration",
    "child_benefits_toeslagen",
    "toeslagpartner",
    "eigen_bijdrage_pause",
    "per_saldo",
    "change_or_end_pgb",
    "child_turns_18",
    "arbodienst",
    "svb_liability",
    "care_abroad",
    "provider_costs_more",
    "mentorship_bewind",
    "complaint_gemeente",
    "caregiver_ill_dismissal",
    "loonheffingskorting",
    "hospital_admission",
    "bijstand_sollicitatieplicht",
    "quit_job_to_care",
    "caregiver_pregnant",
    "zvw_eigen_risico",
    "budget_plan",
    "when_care_can_start",
    "switch_to_natura",
    "family_agreement_who",
    "caregiver_income_tax",
    "eigen_bijdrage_deduction",
    "employer_costs",
    "toetsingsinkomen",
    "toeslagen_vermogen",
    "kinderopvangtoeslag_work",
    "pgb_portaal_caregiver",
    "pgb_duration",
    "payment_missing",
    "gewaarborgde_hulp",
    "pgb_is_a_choice",
    "pgb_amount",
    "keukentafelgesprek",
    "respite_care",
    "mantelzorg_appreciation",
    "budget_holder_duties",
]


def _texts(record_data: dict, text: str | None) -> list[str]:
    found = [text] if text else []
    for field in DUTCH_TEXT_FIELDS:
        value = record_data.get(field)
        found += [value] if isinstance(value, str) else list(value or [])
    for rule in (record_data.get("by_law") or {}).values():
        found += _texts(dict(rule), None)
    return found


# ---------- schema over the real files ----------


def test_every_record_has_known_sources_and_a_checked_date(kb: Knowledge) -> None:
    """Schema: every record carries source IDs listed in sources.yaml and a checked date."""
    assert len(kb.records) > 200
    for record in kb.records.values():
        assert record.source, record.id
        assert all(sid in kb.sources for sid in record.source), record.id
        assert isinstance(record.checked, date) and record.checked <= FACT_BASE_DATE, record.id
        assert ID_PATTERN.match(record.id), record.id


def test_every_source_points_to_a_seed_file_or_url(kb: Knowledge) -> None:
    seeds = {
        "000_ffe5b113ab643834.txt",
        "002_e502440e292091b3.txt",
        "004_562234ab19ec7adf.txt",
        "pgb-facts.md",
    }
    for source in kb.sources.values():
        assert (source.url or "").startswith("http") or source.file in seeds, source.id


def test_no_amount_without_its_year(kb: Knowledge) -> None:
    """Fact base "Year tags": an amount is never stated without the year it applies to."""
    euro = re.compile(r"€\s*\d")
    for record in kb.records.values():
        if record.amount_eur is not None:
            assert record.year is not None, record.id
        for text in _texts(dict(record.data), record.text):
            if euro.search(text):
                assert record.year is not None, (record.id, text)


def test_seed_wmo_contribution_errors_are_not_repeated(kb: Knowledge) -> None:
    """Fact base 0.3 #1: S-ISD's "€ 20,60 ... in 2022" and "€ 19,-" must not be stated."""
    for record in kb.records.values():
        for text in _texts(dict(record.data), record.text):
            assert "20,60" not in text and "19,-" not in text, record.id


def test_zvw_pgb_is_not_said_to_go_through_svb(kb: Knowledge) -> None:
    """Fact base 0.3 #2: a Zvw pgb is paid by the insurer (zvw_paid_by_insurer)."""
    text = get_answer("svb_trekkingsrecht", kb).text or ""
    assert "zorgverzekeraar zelf" in text
    assert "zorgverzekeraar" in (get_fact("zvw_paid_by_insurer", kb).text or "")


def test_sick_report_wording_follows_svb(kb: Knowledge) -> None:
    """Fact base 0.3 #3: "zo snel mogelijk, in elk geval binnen 24 uur; bel vóór 10.00 uur"."""
    for rid in ("caregiver_ill", "sick_report_deadline"):
        text = kb.get(rid).text or ""
        assert "24 uur" in text and "10.00" in text, rid
        assert "op de dag van ziekmelding" not in text


def test_flemish_allowance_is_never_presented_as_available(kb: Knowledge) -> None:
    """Fact base 0.3 #6: the €300 Flemish ondersteuningstoeslag is not Dutch law."""
    text = get_fact("flemish_allowance_not_dutch", kb).text or ""
    assert "niet" in text
    for record in kb.records.values():
        assert "300" not in (record.text or ""), record.id


# ---------- UNVERIFIED facts ----------


def test_unverified_records_hold_no_statement(kb: Knowledge) -> None:
    """A fact marked UNVERIFIED must not be stated: no text, only a topic and a referral."""
    unverified = [r for r in kb.records.values() if r.status is Status.UNVERIFIED]
    assert len(unverified) >= 10
    for record in unverified:
        assert record.text is None and record.amount_eur is None, record.id
        said = statement(record, kb)
        assert record.get("claim") not in said
        assert "niet zeker" in said and "Vraag" in said or "adviseur" in said, record.id
        assert not record.statable


def test_loader_rejects_unverified_record_with_text(tmp_path: Path) -> None:
    _write_kb(
        tmp_path,
        """
  - id: bad_unverified
    text: Dit is zeker zo.
    claim: x
    topic: y
    refer_to: svb
    source: S-ISD
    checked: 2026-11-22
    status: unverified
""",
    )
    with pytest.raises(KnowledgeError) as err:
        load_knowledge(tmp_path)
    assert err.value.record_id == "bad_unverified" and err.value.field == "text"


# ---------- answers ----------


def test_answer_ids_match_the_intents_exactly(kb: Knowledge) -> None:
    assert list(answer_ids(kb)) == EXPECTED_ANSWER_IDS


@pytest.mark.parametrize("answer_id", EXPECTED_ANSWER_IDS)
def test_answers_are_short_sourced_and_stated(kb: Knowledge, answer_id: str) -> None:
    answer = get_answer(answer_id, kb)
    assert answer.text and len(answer.text.split()) <= 80
    assert answer.status is not Status.UNVERIFIED
    follow_up = answer.get("follow_up")
    assert follow_up is None or follow_up in EXPECTED_ANSWER_IDS
    assert "http" not in answer.text and "[" not in answer.text


def test_get_answer_refuses_non_answers(kb: Knowledge) -> None:
    with pytest.raises(UnknownRecordError):
        get_answer("law_wmo", kb)
    with pytest.raises(UnknownRecordError):
        get_fact("does_not_exist", kb)


@pytest.mark.parametrize(
    ("source_id", "label"),
    [
        ("S-ISD", "ISD Bollenstreek"),
        ("SVB-zvw", "SVB"),
        ("RO-naaste", "Rijksoverheid"),
        ("S-MZC", "Mantelzorgcentrum"),
        ("BD-pgb", "Belastingdienst"),
    ],
)
def test_source_label(kb: Knowledge, source_id: str, label: str) -> None:
    assert source_label(source_id, kb) == label


def test_default_load_is_cached() -> None:
    assert load_knowledge() is load_knowledge()
    assert load_knowledge().directory == KNOWLEDGE_DIR


# ---------- loader errors name file, record and field ----------

SOURCES = """sources:
  - id: S-ISD
    label: ISD Bollenstreek
    file: 004_562234ab19ec7adf.txt
"""


def _write_kb(directory: Path, records: str, file: str = "financing.yaml") -> None:
    (directory / "sources.yaml").write_text(SOURCES, encoding="utf-8")
    (directory / file).write_text("records:" + records, encoding="utf-8")


GOOD = """
  - id: good_record
    text: Goed.
    source: S-ISD
    checked: 2026-11-22
    status: seed
"""


@pytest.mark.parametrize(
    ("records", "record_id", "field"),
    [
        (
            "\n  - id: no_source\n    text: x\n    checked: 2026-11-22\n    status: seed\n",
            "no_source",
            "source",
        ),
        (
            "\n  - id: bad_source\n    text: x\n    source: NOPE\n    checked: 2026-11-22\n"
            "    status: seed\n",
            "bad_source",
            "source",
        ),
        (
            "\n  - id: bad_date\n    text: x\n    source: S-ISD\n    checked: 22-11-2026\n"
            "    status: seed\n",
            "bad_date",
            "checked",
        ),
        (
            "\n  - id: bad_status\n    text: x\n    source: S-ISD\n    checked: 2026-11-22\n"
            "    status: sure\n",
            "bad_status",
            "status",
        ),
        (
            "\n  - id: amount_no_year\n    amount_eur: 21.80\n    source: S-ISD\n"
            "    checked: 2026-11-22\n    status: seed\n",
            "amount_no_year",
            "year",
        ),
        (
            "\n  - id: euro_no_year\n    text: Het kost € 21,80.\n    source: S-ISD\n"
            "    checked: 2026-11-22\n    status: seed\n",
            "euro_no_year",
            "text",
        ),
        (
            "\n  - id: Bad-Id\n    text: x\n    source: S-ISD\n    checked: 2026-11-22\n"
            "    status: seed\n",
            "Bad-Id",
            "id",
        ),
        (
            "\n  - id: typo_field\n    txet: x\n    source: S-ISD\n    checked: 2026-11-22\n"
            "    status: seed\n",
            "typo_field",
            "txet",
        ),
        (GOOD + GOOD, "good_record", "id"),
        (
            "\n  - id: bad_follow\n    text: x\n    follow_up: nowhere\n    source: S-ISD\n"
            "    checked: 2026-11-22\n    status: seed\n",
            "bad_follow",
            "follow_up",
        ),
    ],
)
def test_loader_error_names_file_record_and_field(
    tmp_path: Path, records: str, record_id: str, field: str
) -> None:
    _write_kb(tmp_path, records)
    with pytest.raises(KnowledgeError) as err:
        load_knowledge(tmp_path)
    assert err.value.file == "financing.yaml"
    assert err.value.record_id == record_id
    assert err.value.field == field
    assert "financing.yaml" in str(err.value) and record_id in str(err.value)


def test_loader_requires_file_specific_fields(tmp_path: Path) -> None:
    _write_kb(tmp_path, GOOD.replace("text: Goed.", "reason: x"), file="spending.yaml")
    with pytest.raises(KnowledgeError) as err:
        load_knowledge(tmp_path)
    assert (err.value.file, err.value.field) == ("spending.yaml", "terms")


def test_loader_reports_invalid_yaml(tmp_path: Path) -> None:
    _write_kb(tmp_path, "\n  - id: [unclosed\n")
    with pytest.raises(KnowledgeError, match="financing.yaml"):
        load_knowledge(tmp_path)


def test_loader_accepts_a_valid_directory(tmp_path: Path) -> None:
    _write_kb(tmp_path, GOOD)
    kb = load_knowledge(tmp_path)
    assert set(kb.records) == {"good_record"}


def test_real_files_validate_from_a_copy(tmp_path: Path) -> None:
    """The shipped files pass validation when loaded fresh from another directory."""
    target = tmp_path / "kb"
    shutil.copytree(KNOWLEDGE_DIR, target)
    assert len(load_knowledge(target).records) == len(load_knowledge().records)
