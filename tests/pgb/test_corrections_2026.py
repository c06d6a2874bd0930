"""Issue 13 (review of 2026-12-02): each corrected rule, with its knowledge id and source.

Every test names the record it guards and the public source checked on 2026-12-02
(bot/knowledge/sources.yaml).
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
import yaml

from bot.pgb.amounts import amount_on, expired_amounts
from bot.pgb.consequences import Benefit, BenefitProfile, ContractType, benefit_consequences
from bot.pgb.employer import sick_pay
from bot.pgb.knowledge import Knowledge, get_answer, statement
from bot.pgb.models import Contact, Law, Scope, Status
from bot.pgb.spending import Verdict, match_item, spending_verdict
from bot.pgb.suitability import SuitabilityAnswers, assess_suitability

KNOWLEDGE = Path(__file__).resolve().parents[2] / "bot" / "knowledge"
TODAY = date(2026, 12, 2)


def _all_texts(kb: Knowledge) -> list[tuple[str, str]]:
    """(id, text) for every Dutch string a record can produce, nested fields included."""
    out: list[tuple[str, str]] = []

    def walk(rid: str, value: object) -> None:
        if isinstance(value, str):
            out.append((rid, value))
        elif isinstance(value, dict):
            for key, item in value.items():
                if key not in {"claim", "terms", "asks", "source", "care_words", "bill", "area"}:
                    walk(rid, item)
        elif isinstance(value, list):
            for item in value:
                walk(rid, item)

    for record in kb.records.values():
        walk(record.id, record.text or "")
        walk(record.id, dict(record.data))
    return out


# ---------- 1. WW, ZW, WIA and sick pay under 4 days a week ----------

OLD_RDAH_CLAIMS = [
    "Alleen bij een arbeidsovereenkomst van 4 dagen of meer per week bent u daarvoor verzekerd",
    "niet verplicht verzekerd voor WW",
    "maximaal 6 weken",
    "6 weken loon",
]


def test_old_rdah_rule_is_never_stated(kb: Knowledge) -> None:
    """cons_ww_rights_depend_on_contract, cons_short_employment_rights_changing,
    domestic_services_scheme, sick_pay_under_4_days_changing, caregiver_ill: the old Rdah rule
    is gone (CRvB-2023-481, RO-rdah-2025-05, TK-36744)."""
    for rid, text in _all_texts(kb):
        for claim in OLD_RDAH_CLAIMS:
            assert claim not in text, (rid, claim)


@pytest.mark.parametrize(
    "record_id",
    [
        "cons_short_employment_rights_changing",
        "cons_ww_rights_depend_on_contract",
        "domestic_services_scheme",
        "sick_pay_under_4_days_changing",
        "salary_admin_short_employment",
        "caregiver_rights_changing",
    ],
)
def test_rdah_records_say_now_change_and_whom_to_ask(kb: Knowledge, record_id: str) -> None:
    """Changing rule (TK-36744, TK-36744-18): what holds, what changes, from when, SVB/UWV."""
    record = kb.get(record_id)
    change = record.get("change")
    assert change["bill"] == "Kamerstuk 36744" and change["starts"] == date(2026, 1, 1)
    said = statement(record, kb)
    assert "01-01-2026" in said and "UWV" in said and "SVB" in said
    assert {"TK-36744", "RO-rdah-2025-05"} & set(record.source)


def test_short_contract_gets_the_changing_rule(kb: Knowledge) -> None:
    """benefit_consequences, 2 days a week: WW can be claimed at UWV (CRvB-2023-481)."""
    profile = BenefitProfile(contract=ContractType.ARBEIDSOVEREENKOMST, days_per_week=2)
    result = benefit_consequences(profile, today=TODAY, knowledge=kb)
    short = next(c for c in result if c.id == "cons_short_employment_rights_changing")
    assert "WW aanvragen bij UWV" in short.text and Contact.UWV in short.contacts


def test_sick_pay_under_4_days_has_no_fixed_weeks(kb: Knowledge) -> None:
    """sick_pay_under_4_days_changing: no "6 weeks" (RO-rdah-2025-05)."""
    rule = sick_pay(ContractType.ARBEIDSOVEREENKOMST, 3, knowledge=kb)
    assert rule.weeks is None and rule.record.id == "sick_pay_under_4_days_changing"


# ---------- 2. AOW and AIO; IOW, IOAW, AIO and Anw ----------


def test_aow_mentions_aio_and_toeslagen(kb: Knowledge) -> None:
    """cons_aow (RO-aio, Emmen-aio): AOW itself is not lowered, an AIO top-up is."""
    text = kb.get("cons_aow").text or ""
    assert "AIO" in text and "toeslagen" in text
    assert "Uw AOW wordt niet lager" not in text


@pytest.mark.parametrize(
    ("benefit", "record_id", "contact"),
    [
        (Benefit.IOW, "cons_iow", Contact.UWV),  # UWV-iow
        (Benefit.IOAW, "cons_ioaw", Contact.GEMEENTE),  # Judex-ioaw (secondary)
        (Benefit.AIO, "cons_aio", Contact.SVB),  # RO-aio
        (Benefit.ANW, "cons_anw", Contact.SVB),  # SVB-anw-inkomen
    ],
)
def test_new_benefits_are_sent_to_who_decides(
    kb: Knowledge, benefit: Benefit, record_id: str, contact: Contact
) -> None:
    result = benefit_consequences(
        BenefitProfile(benefits=frozenset({benefit})), current_year=2026, knowledge=kb
    )
    found = next(c for c in result if c.id == record_id)
    assert contact in found.contacts


# ---------- 3. representative as paid caregiver: local rule ----------


def test_isd_representative_rule_only_for_isd(kb: Knowledge) -> None:
    """risk_representative_caregiver_isd (S-ISD) is local; the national text follows
    ZK-vert-zorgverlener (a Wlz parent-representative may give care)."""
    answers = SuitabilityAnswers(law=Law.WMO, representative_is_caregiver=True)
    elsewhere = {r.id for r in assess_suitability(answers, kb).risks}
    isd = {r.id for r in assess_suitability(answers, kb, local_areas="ISD Bollenstreek").risks}
    assert "risk_representative_caregiver_isd" not in elsewhere
    assert "risk_representative_caregiver_isd" in isd
    assert "ouder" in (kb.get("risk_representative_caregiver").text or "")


def test_no_national_text_says_representative_may_never_give_care(kb: Knowledge) -> None:
    """roles_representative, representative_role, spend_family_caregiver,
    wlz_guaranteed_helper_abolished: "never" is said only with ISD's scope."""
    pattern = re.compile(
        r"vertegenwoordiger mag niet (ook )?(uw betaalde )?de zorgverlener|"
        r"kan nooit uw helper",
        re.IGNORECASE,
    )
    for rid, text in _all_texts(kb):
        if pattern.search(text):
            assert "ISD Bollenstreek" in text, rid


# ---------- 4. minimum wage ----------


def test_minimum_wage_applies_to_family_agreement(kb: Knowledge) -> None:
    """informal_care_pay (SVB-modellen, Menzis-wml): also the family agreement."""
    text = get_answer("informal_care_pay", kb).text or ""
    assert "minimumloon geldt ook bij de overeenkomst met familie" in text
    assert "Werkt uw familielid met een arbeidsovereenkomst? Dan geldt ook" not in text


@pytest.mark.parametrize(
    ("day", "shown"),
    [(date(2026, 3, 2), "Vanaf 01-01-2026"), (date(2026, 12, 2), None)],
)
def test_minimum_wage_has_a_date_and_expires(kb: Knowledge, day: date, shown: str | None) -> None:
    """cons_minimum_wage / minimum_wage_2026_01 (next_change 2026-07-01): after 1 July 2026
    without a record the amount is unknown, never the January rate."""
    result = benefit_consequences(BenefitProfile(), today=day, knowledge=kb)
    wage = next(c for c in result if c.id.startswith("cons_minimum_wage"))
    if shown:
        assert shown in wage.text and "€ 14,71" in wage.text
    else:
        assert "€" not in wage.text and "01-07-2026" in wage.text
        assert wage.amount_unknown_for_year
    assert amount_on("minimum_wage_hour", TODAY, "age_21_plus", kb) is None


def test_report_lists_the_expired_minimum_wage(kb: Knowledge) -> None:
    """expired_amounts feeds make knowledge-report."""
    assert "minimum_wage_2026_01" in {a.id for a in expired_amounts(TODAY, kb)}


# ---------- 5. Wmo eigen bijdrage ----------


@pytest.mark.parametrize("record_id", ["eigen_bijdrage", "cons_wmo_flat_contribution"])
def test_wmo_exemption_is_only_for_couples(kb: Knowledge, record_id: str) -> None:
    """CAK-wmo-partner: only a married or cohabiting couple with one partner under AOW age
    pays nothing; a widow living with her adult son pays. Kamerstuk 36713 is a plan."""
    record = kb.get(record_id)
    text = record.text or ""
    assert "partner" in text and "waarin iemand de AOW-leeftijd nog niet heeft" not in text
    said = statement(record, kb)
    assert "inkomen en vermogen" in said and "01-01-2027" in said and "niet zeker" in said


def test_jeugdwet_has_no_eigen_bijdrage(kb: Knowledge) -> None:
    assert "Jeugdwet" in (get_answer("eigen_bijdrage", kb).text or "")


# ---------- 6. household help under the Wlz; 7. care abroad; 8. objection ----------


def test_household_help_is_a_wlz_function_too(kb: Knowledge) -> None:
    """spend_household_help by_law.wlz (VNG-hh-wlz): via the zorgkantoor."""
    result = spending_verdict("huishoudelijke hulp", Law.WLZ, knowledge=kb)
    assert result.verdict is Verdict.ALLOWED and "zorgkantoor" in result.reason


def test_care_abroad_wlz_six_weeks(kb: Knowledge) -> None:
    """spend_care_abroad by_law.wlz, care_abroad (ZK-buitenland, ZZ-buitenland)."""
    result = spending_verdict("zorg in Spanje", Law.WLZ, knowledge=kb)
    assert result.verdict is Verdict.ALLOWED and "6 weken" in result.reason
    assert any("13 weken" in c for c in result.conditions)
    assert "6 weken" in (get_answer("care_abroad", kb).text or "")


def test_objection_deadline_is_six_weeks(kb: Knowledge) -> None:
    """refusal_reasons, objection_deadline (RO-bezwaar)."""
    for answer_id in ("refusal_reasons", "objection_deadline"):
        assert "6 weken" in (get_answer(answer_id, kb).text or ""), answer_id


# ---------- 9. spending matcher; 10. supported housing and care broker ----------


@pytest.mark.parametrize(
    ("text", "item_id"),
    [
        ("kinderopvang", "spend_childcare"),
        ("mag de kinderopvang van het pgb", "spend_childcare"),
        ("zorg tijdens een weekendje weg", "spend_care_hours_during_activity"),
        ("boodschappen doen door de hulp", "spend_care_hours_during_activity"),
        ("een weekendje weg met mijn zoon", "spend_general_provision"),
        ("boodschappen", "spend_general_provision"),
        ("beschermd wonen", "spend_supported_housing"),
        ("zorg in België tijdens de vakantie", "spend_care_abroad"),
    ],
)
def test_matcher_whole_words_and_care_hours(kb: Knowledge, text: str, item_id: str) -> None:
    """Finding 9: "opvang" inside "kinderopvang" is not supported housing; care during an
    outing is about the care hours (spend_care_hours_during_activity)."""
    record = match_item(text, kb)
    assert record is not None and record.id == item_id


def test_care_hours_are_not_refused(kb: Knowledge) -> None:
    result = spending_verdict("zorg tijdens een weekendje weg", knowledge=kb)
    assert result.verdict is not Verdict.NOT_ALLOWED and "zorguren" in result.reason


def test_supported_housing_is_national_with_an_isd_exception(kb: Knowledge) -> None:
    """spend_supported_housing (VNG-pgb-bw, PS-bw); ISD's "uitzonderlijk" only for ISD."""
    national = spending_verdict("beschermd wonen", Law.WMO, knowledge=kb)
    isd = spending_verdict("beschermd wonen", Law.WMO, knowledge=kb, local_areas="ISD Bollenstreek")
    assert "ISD" not in national.reason and "kan ook met een pgb" in national.reason
    assert isd.reason.startswith("Bij ISD Bollenstreek")


@pytest.mark.parametrize("item", ["mantelzorgmakelaar", "hulp bij beheren van het pgb"])
def test_care_broker_and_pgb_support_agree(kb: Knowledge, item: str) -> None:
    """Finding 10 (SVB-vvb): the Wlz verantwoordingsvrij bedrag need not be accounted for but
    is small; neither record says "allowed" outright nor refuses outside ISD Bollenstreek."""
    wlz = spending_verdict(item, Law.WLZ, knowledge=kb)
    assert wlz.verdict is Verdict.DEPENDS and "verantwoordingsvrij" in wlz.reason
    wmo = spending_verdict(item, Law.WMO, knowledge=kb)
    assert wmo.verdict is Verdict.DEPENDS
    isd = spending_verdict(item, Law.WMO, knowledge=kb, local_areas=["ISD Bollenstreek"])
    assert isd.verdict is Verdict.NOT_ALLOWED and "ISD Bollenstreek" in isd.reason


# ---------- 12. toeslagpartner ----------


def test_toeslagpartner_is_explained_when_unknown(kb: Knowledge) -> None:
    """cons_toeslagpartner_who, toeslagpartner (BD-toeslagpartner)."""
    from bot.pgb.consequences import Allowance

    profile = BenefitProfile(allowances=frozenset({Allowance.ZORGTOESLAG}))
    result = benefit_consequences(profile, current_year=2026, knowledge=kb)
    who = next(c for c in result if c.id == "cons_toeslagpartner_who")
    assert who.text.startswith("Alleen samenwonen maakt iemand nog geen toeslagpartner")
    assert "Alleen samenwonen" in (get_answer("toeslagpartner", kb).text or "")


# ---------- scope, honest dates, B1 ----------


def test_local_records_name_their_area(kb: Knowledge) -> None:
    for record in kb.records.values():
        if record.scope is Scope.LOCAL:
            assert record.area and record.area in (record.text or ""), record.id


def test_every_nested_sentence_is_at_most_20_words(kb: Knowledge) -> None:
    """tests/bot/test_readability.py reads top-level fields; change, local and by_law texts
    are said too."""
    for rid, text in _all_texts(kb):
        for sentence in re.split(r"(?<=[.!?])\s+|\n+", text):
            words = len(re.findall(r"[\wÀ-ÿ'’-]+", sentence))
            assert words <= 20, (rid, sentence)


def test_records_checked_today_cite_a_source_added_or_read_today(kb: Knowledge) -> None:
    """ "checked: 2026-12-02" only where a source was read that day (sources.yaml block of
    2026-12-02) or for interface texts of the fact base (FB)."""
    raw = yaml.safe_load((KNOWLEDGE / "sources.yaml").read_text(encoding="utf-8"))
    text = (KNOWLEDGE / "sources.yaml").read_text(encoding="utf-8")
    today_block = text.split("added 2026-12-02", 1)[1]
    read_today = {s["id"] for s in raw["sources"] if f"id: {s['id']}\n" in today_block}
    read_today |= {"FB", "SVB-modellen", "SVB-vvb", "UWV-iow", "Leiden", "MZ-uitkering"}
    read_today |= {"kst-36713", "gemeente.nu-2027", "SVB-ziekmelding", "SVB-salaris"}
    for record in kb.records.values():
        if record.checked == TODAY:
            assert set(record.source) & read_today, record.id


def test_high_stakes_answers_end_with_who_decides(kb: Knowledge) -> None:
    """Issue 13: high-stakes FAQ answers end with who decides."""
    deciders = ("UWV", "SVB", "Belastingdienst", "CAK", "gemeente", "zorgkantoor")
    for answer_id in (
        "informal_care_pay",
        "roles_representative",
        "eigen_bijdrage",
        "caregiver_rights_changing",
        "toeslagpartner",
        "child_benefits_toeslagen",
        "svb_liability",
        "salary_administration",
    ):
        last = re.split(r"(?<=[.!?])\s+", (get_answer(answer_id, kb).text or "").strip())[-1]
        assert any(d in last for d in deciders), (answer_id, last)


def test_seed_and_secondary_never_claim_verified(kb: Knowledge) -> None:
    for record in kb.records.values():
        if record.status is not Status.VERIFIED:
            assert record.check_date is None, record.id
