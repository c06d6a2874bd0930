"""Issue 14 (error analysis of real-style conversations, 2026-12-02): facts the bot lacked.

Every test names the knowledge record it guards and the public source read on 2026-12-02
(bot/knowledge/sources.yaml, block "added 2026-12-02 for issue 14").
"""

from __future__ import annotations

import re

import pytest

from bot.pgb.knowledge import Knowledge, get_answer
from bot.pgb.models import Law
from bot.pgb.spending import Verdict, spending_verdict


def _answer(kb: Knowledge, answer_id: str) -> str:
    return get_answer(answer_id, kb).text or ""


def _last_sentence(text: str) -> str:
    return re.split(r"(?<=[.!?])\s+", text.strip())[-1]


# ---------- 1. a provider that costs more than the pgb tariff ----------


def test_provider_costs_more_says_difference_is_paid_by_the_budget_holder(kb: Knowledge) -> None:
    """provider_costs_more (SVB-tekort, RH-jeugd-pgb, Hellevoetsluis-pgb): a provider without a
    contract is what a pgb is for; above the tariff you pay the difference yourself."""
    text = _answer(kb, "provider_costs_more")
    for phrase in ("geen contract", "Het verschil betaalt u zelf", "vrijwillige storting"):
        assert phrase in text
    assert "financier beslist" in _last_sentence(text)


@pytest.mark.parametrize(
    ("text", "item_id", "verdict"),
    [
        (
            "een aanbieder zonder contract met de gemeente",
            "spend_non_contracted_provider",
            "allowed",
        ),
        ("niet gecontracteerde zorgaanbieder", "spend_non_contracted_provider", "allowed"),
        ("mijn zorgaanbieder is duurder dan het tarief", "spend_above_max_tariff", "allowed"),
        ("een vrijwillige storting", "spend_above_max_tariff", "allowed"),
        ("gecontracteerde aanbieder", "spend_contracted_natura_provider", "not_allowed"),
    ],
)
def test_provider_choice_and_higher_tariff(
    kb: Knowledge, text: str, item_id: str, verdict: str
) -> None:
    """spend_non_contracted_provider, spend_above_max_tariff (SVB-tekort, RH-jeugd-pgb)."""
    result = spending_verdict(text, knowledge=kb)
    assert (result.item_id, result.verdict.value) == (item_id, verdict)


def test_higher_tariff_is_never_paid_from_the_budget(kb: Knowledge) -> None:
    """spend_above_max_tariff (SVB-tekort): "niet uit het pgb", via a vrijwillige storting."""
    result = spending_verdict("hoger tarief", knowledge=kb)
    assert "niet uit het pgb" in result.reason
    assert any("vrijwillige storting" in c for c in result.conditions)


# ---------- 2. a more expensive aid: meerkosten ----------


@pytest.mark.parametrize("text", ["een duurder model scootmobiel", "scootmobiel"])
def test_more_expensive_aid_means_paying_the_extra_cost(kb: Knowledge, text: str) -> None:
    """spend_mobility_aid, hulpmiddel_route (Scouters-pgb, SdJ-pgb, S-ISD): meerkosten zelf."""
    result = spending_verdict(text, Law.WMO, knowledge=kb)
    assert result.item_id == "spend_mobility_aid" and result.verdict is Verdict.ALLOWED
    assert any("meerkosten zelf" in c for c in result.conditions)
    assert "meerkosten zelf" in _answer(kb, "hulpmiddel_route")


# ---------- 3. incontinentiemateriaal ----------


@pytest.mark.parametrize(
    "text",
    [
        "incontinentiemateriaal",
        "Incontinentieluiers voor mijn vader",
        "luiers voor volwassenen",
        "incontinentie",
    ],
)
def test_incontinence_material_comes_from_the_health_insurance(kb: Knowledge, text: str) -> None:
    """spend_incontinence_material (CZ-incontinentie, HollandZorg-incontinentie): basisverzekering,
    a contracted supplier, not the pgb."""
    result = spending_verdict(text, knowledge=kb)
    assert result.item_id == "spend_incontinence_material"
    assert result.verdict is Verdict.NOT_ALLOWED
    assert "basisverzekering" in result.reason
    assert any("contract" in c for c in result.conditions)


# ---------- 4. gifts for the caregiver ----------


@pytest.mark.parametrize(
    "text", ["een cadeaubon", "eindejaarsuitkering", "kerstbonus", "een fooi", "extraatje"]
)
@pytest.mark.parametrize(
    ("law", "expected"),
    [
        (Law.WLZ, Verdict.ALLOWED),
        (Law.ZVW, Verdict.NOT_ALLOWED),
        (Law.WMO, Verdict.DEPENDS),
        (Law.JEUGDWET, Verdict.DEPENDS),
    ],
)
def test_gifts_follow_the_law(kb: Knowledge, text: str, law: Law, expected: Verdict) -> None:
    """spend_holiday_bonus_gift (SVB-feestdagen-nl): Wlz always, Wmo/Jeugdwet sometimes (ask the
    gemeente), Zvw never."""
    result = spending_verdict(text, law, knowledge=kb)
    assert result.item_id == "spend_holiday_bonus_gift"
    assert result.verdict is expected
    if expected is Verdict.DEPENDS:
        assert result.question and "gemeente" in result.question


def test_regional_gift_rule_stays_local(kb: Knowledge) -> None:
    """spend_holiday_bonus_gift, local Zuid-Holland Zuid (JeugdZHZ-pgb): said only there."""
    elsewhere = spending_verdict("eindejaarsuitkering", Law.JEUGDWET, knowledge=kb)
    there = spending_verdict(
        "eindejaarsuitkering", Law.JEUGDWET, knowledge=kb, local_areas="Zuid-Holland Zuid"
    )
    assert elsewhere.verdict is Verdict.DEPENDS and "Zuid-Holland" not in elsewhere.reason
    assert there.verdict is Verdict.NOT_ALLOWED and "Zuid-Holland Zuid" in there.reason


# ---------- 5. administratiekantoor / pgb-bureau ----------


def test_administration_office_is_not_paid_from_the_care_budget(kb: Knowledge) -> None:
    """spend_administration (S-ISD, Apeldoorn, SVB-vvb): not from the care budget; the SVB helps
    free; under the Wlz only the small verantwoordingsvrij bedrag."""
    plain = spending_verdict("pgb-bureau", knowledge=kb)
    assert plain.item_id == "spend_administration" and plain.verdict is Verdict.NOT_ALLOWED
    assert any("SVB helpt gratis" in c for c in plain.conditions)
    wlz = spending_verdict("administratiekantoor", Law.WLZ, knowledge=kb)
    assert wlz.verdict is Verdict.DEPENDS and "verantwoordingsvrij" in wlz.reason
    wmo = spending_verdict("administratiekantoor", Law.WMO, knowledge=kb)
    assert wmo.verdict is Verdict.DEPENDS and wmo.question and "gemeente" in wmo.question


def test_support_and_administration_agree_under_the_wlz(kb: Knowledge) -> None:
    """spend_administration, spend_pgb_support, spend_care_broker: under the Wlz all three point
    to the verantwoordingsvrij bedrag, none to the care budget (SVB-vvb)."""
    for text in ("administratiekantoor", "budgetbeheer", "mantelzorgmakelaar"):
        result = spending_verdict(text, Law.WLZ, knowledge=kb)
        assert result.verdict is Verdict.DEPENDS, text
        assert "verantwoordingsvrij" in result.reason, text


# ---------- 6, 7. mentorschap / bewind; who may be the vertegenwoordiger ----------


def test_mentorship_bewind_names_the_kantonrechter_and_the_svb(kb: Knowledge) -> None:
    """mentorship_bewind (RO-curatele, RS-mentor, SVB-vertegenwoordiger)."""
    text = _answer(kb, "mentorship_bewind")
    for phrase in ("kantonrechter", "bewindvoerder", "mentor", "curator", "SVB"):
        assert phrase in text
    assert "kantonrechter beslist" in _last_sentence(text)


def test_representative_need_not_be_family(kb: Knowledge) -> None:
    """roles_representative (SVB-vertegenwoordiger, Menzis-beheerder): anyone you trust; the
    person who gets the care stays the budgethouder."""
    text = _answer(kb, "roles_representative")
    for phrase in ("geen familie", "buur of vriend", "budgethouder", "SVB", "verschilt per wet"):
        assert phrase in text


# ---------- 8. Per Saldo ----------


def test_per_saldo_pluslid_gets_legal_help(kb: Knowledge) -> None:
    """per_saldo (PS-plus, PS-juridisch): juridische hulp bij bezwaar, not with court cases."""
    text = _answer(kb, "per_saldo")
    assert "pluslid" in text and "juridische hulp bij bezwaar" in text and "vereniging" in text


# ---------- 9. complaint about a gemeente employee ----------


def test_complaint_goes_to_the_gemeente_then_an_ombudsman(kb: Knowledge) -> None:
    """complaint_gemeente (Maassluis-ombudsman, BergenDal-ombudsman, Opmeer-klachten)."""
    text = _answer(kb, "complaint_gemeente")
    first_gemeente = text.index("klacht in bij de gemeente")
    assert first_gemeente < text.index("Nationale ombudsman")
    assert "eigen ombudsman" in text and "bezwaar" in text


# ---------- 10. a sick caregiver ----------


def test_sick_caregiver_cannot_be_dismissed(kb: Knowledge) -> None:
    """caregiver_ill_dismissal, no_termination_during_illness (SVB-opzeggen, JL-ziek-ontslag)."""
    text = _answer(kb, "caregiver_ill_dismissal")
    assert "niet opzeggen" in text and "2 jaar" in text and "arbodienst" in text
    assert "verandert de wet" in text  # fewer than 4 days: Kamerstuk 36744
    assert "niet opzeggen tijdens ziekte" in (kb.get("no_termination_during_illness").text or "")


# ---------- 11, 12. more care; a Wlz pgb and hospital ----------


def test_change_or_end_names_reassessment_and_hospital_rule(kb: Knowledge) -> None:
    """change_or_end_pgb (SVB-tekort, CIZ-wlz, VGZ-stoppen-pgb, CZ-stoppen)."""
    text = _answer(kb, "change_or_end_pgb")
    for phrase in ("herindicatie", "nieuwe melding", "CIZ", "twee maanden", "zorgkantoor"):
        assert phrase in text


# ---------- 13. pension ----------


def test_pgb_income_builds_no_pension(kb: Knowledge) -> None:
    """pgb_not_income, cons_no_pension (RO-naaste)."""
    assert "geen pensioen" in _answer(kb, "pgb_not_income")
    assert "geen pensioen" in (kb.get("cons_no_pension").text or "")


# ---------- 14. loonheffingskorting ----------


def test_loonheffingskorting_only_once(kb: Knowledge) -> None:
    """loonheffingskorting (UWV-lhk): at one employer or benefit at a time."""
    text = _answer(kb, "loonheffingskorting")
    assert "één werkgever of uitkering tegelijk" in text and "SVB" in text
    assert "Belastingdienst" in _last_sentence(text)


# ---------- 15. analysis set of 2026-12-06: facts checked that day ----------


def test_svb_contact_gives_the_number_and_the_hours(kb: Knowledge) -> None:
    """svb_contact (SVB-zvw-ziek, SVB-ziekmelding, ZZ-facturen; checked 2026-12-06)."""
    text = _answer(kb, "svb_contact")
    for phrase in ("030 264 82 00", "8.00 tot 17.00", "Postbus 8038"):
        assert phrase in text


def test_end_agreement_gives_the_statutory_notice_by_years_of_service(kb: Knowledge) -> None:
    """end_agreement (SVB-opzeggen, checked 2026-12-06): 1, 2, 3 or 4 months."""
    text = _answer(kb, "end_agreement")
    assert "Tot 5 jaar in dienst is het 1 maand, tot 10 jaar 2 maanden" in text
    assert "Tot 15 jaar is het 3 maanden, daarna 4" in text


def test_death_says_the_one_off_payment_is_at_most_a_month_of_pay(kb: Knowledge) -> None:
    """death_budget_holder (MZ-overlijden, checked 2026-12-06), and not under the Zvw."""
    text = _answer(kb, "death_budget_holder")
    assert "hoogstens één gemiddeld maandloon" in text and "bij de Zvw niet" in text
    assert "automatisch op die dag" in text


def test_moving_says_the_new_gemeente_decides_again(kb: Knowledge) -> None:
    """moving (Openkamer-2022Z16229, Supportbeurs-verhuizen; checked 2026-12-06)."""
    text = _answer(kb, "moving")
    assert "nieuwe gemeente opnieuw" in text and "2 maanden voor de verhuizing" in text
    assert "gemeente beslist" in _last_sentence(text)
