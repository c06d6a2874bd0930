"""Tests for bot.pgb.suitability.assess_suitability."""

from __future__ import annotations

import pytest

from bot.pgb.knowledge import Knowledge
from bot.pgb.models import CareFunction, Law
from bot.pgb.suitability import (
    CaregiverSource,
    DutiesBy,
    Fit,
    ReasonCode,
    SuitabilityAnswers,
    assess_suitability,
)

GOOD = SuitabilityAnswers(
    law=Law.ZVW,
    care_needed=frozenset({CareFunction.VERPLEGING}),
    caregivers=CaregiverSource.PROFESSIONALS,
    duties_by=DutiesBy.SELF,
    reasons=frozenset({ReasonCode.NON_CONTRACTED_PROVIDER}),
)


def _with(**changes: object) -> SuitabilityAnswers:
    values = {**GOOD.__dict__, **changes}
    return SuitabilityAnswers(**values)  # type: ignore[arg-type]


def test_clear_case_is_a_good_fit(kb: Knowledge) -> None:
    """S-MZC: a non-contracted provider is a good reason; duties covered, no red flags."""
    advice = assess_suitability(GOOD, kb)
    assert advice.fit is Fit.GOOD and not advice.risks and not advice.offer_advisor
    assert [r.id for r in advice.reasons] == ["reason_non_contracted_provider"]
    assert advice.next_steps[0].id == "apply_zvw"


@pytest.mark.parametrize(
    ("changes", "risk_id", "fit"),
    [
        ({"duties_by": DutiesBy.NOBODY}, "risk_nobody_for_duties", Fit.DOUBTFUL),
        ({"reasons": frozenset({ReasonCode.WAITING_LIST})}, "risk_waiting_list", Fit.DOUBTFUL),
        (
            {"reasons": frozenset({ReasonCode.WAITING_LIST, ReasonCode.FLEXIBILITY})},
            "risk_waiting_list",
            Fit.WITH_CONDITIONS,
        ),
        ({"mantelzorger_overloaded": True}, "risk_overloaded_mantelzorger", Fit.WITH_CONDITIONS),
        (
            {"caregivers": CaregiverSource.OWN_NETWORK, "caregiver_lives_with_zorgvrager": True},
            "risk_gebruikelijke_zorg",
            Fit.WITH_CONDITIONS,
        ),
        ({"representative_wants_pay": True}, "risk_representative_paid", Fit.WITH_CONDITIONS),
        (
            {"representative_is_caregiver": True},
            "risk_representative_caregiver",
            Fit.WITH_CONDITIONS,
        ),
        ({"duties_by": DutiesBy.UNKNOWN}, "risk_duties_unclear", Fit.WITH_CONDITIONS),
        ({"caregivers": CaregiverSource.UNKNOWN}, "risk_finding_caregivers", Fit.WITH_CONDITIONS),
        (
            {"care_needed": frozenset({CareFunction.HUISHOUDELIJKE_HULP})},
            "risk_care_not_in_law",
            Fit.WITH_CONDITIONS,
        ),
    ],
)
def test_red_flags(kb: Knowledge, changes: dict, risk_id: str, fit: Fit) -> None:
    """Red flags from S-PS (wachtlijsten, niet pgb-vaardig), S-MZC (overbelaste mantelzorger),
    S-ISD (vertegenwoordiger niet betaald en niet de zorgverlener) and Gorinchem-gz."""
    advice = assess_suitability(_with(**changes), kb)
    assert risk_id in {r.id for r in advice.risks}
    assert advice.fit is fit
    assert advice.offer_advisor


def test_own_network_without_housemate_is_good_with_income_caution(kb: Knowledge) -> None:
    """S-MZC: own network is a valid reason; the income consequences are a caution only."""
    advice = assess_suitability(
        _with(caregivers=CaregiverSource.OWN_NETWORK, reasons=frozenset({ReasonCode.OWN_NETWORK})),
        kb,
    )
    assert advice.fit is Fit.GOOD
    assert "risk_network_income" in {r.id for r in advice.risks}


@pytest.mark.parametrize("law", list(Law))
def test_next_steps_are_specific_to_the_financier(kb: Knowledge, law: Law) -> None:
    advice = assess_suitability(_with(law=law, care_needed=frozenset()), kb)
    assert advice.next_steps[0].id == f"apply_{law.value}"


def test_wlz_next_steps_include_the_bewuste_keuze_topics(kb: Knowledge) -> None:
    """ILZ-bkg: with the Wlz you always have a bewuste keuze gesprek first."""
    advice = assess_suitability(_with(law=Law.WLZ, care_needed=frozenset()), kb)
    topics = next(s for s in advice.next_steps if s.id == "topics_bewuste_keuze_wlz")
    assert len(topics.items) == 5


def test_wmo_aid_adds_the_quote_route(kb: Knowledge) -> None:
    """S-ISD: for a hulpmiddel you request an offerte that meets the programma van eisen."""
    advice = assess_suitability(
        _with(law=Law.WMO, care_needed=frozenset({CareFunction.HULPMIDDEL})), kb
    )
    assert "apply_wmo_aid" in {s.id for s in advice.next_steps}


def test_unknown_law_routes_care_to_candidate_laws(kb: Knowledge) -> None:
    advice = assess_suitability(
        _with(
            law=None,
            care_needed=frozenset({CareFunction.VERPLEGING, CareFunction.HUISHOUDELIJKE_HULP}),
        ),
        kb,
    )
    assert advice.next_steps[0].id == "next_find_financier"
    assert advice.candidate_laws[CareFunction.VERPLEGING] == (Law.ZVW, Law.WLZ)
    assert advice.candidate_laws[CareFunction.HUISHOUDELIJKE_HULP] == (Law.WMO, Law.WLZ)
    assert advice.suggest_combination


def test_doubtful_fit_points_to_pgb_test_and_natura(kb: Knowledge) -> None:
    """S-ISD: pgb-test when in doubt; S-MZC: zorg in natura can be combined."""
    advice = assess_suitability(_with(duties_by=DutiesBy.NOBODY), kb)
    assert "next_pgb_test" in {s.id for s in advice.next_steps}
    assert advice.suggest_combination and advice.combine_natura.text


def test_all_advice_texts_come_with_sources(kb: Knowledge) -> None:
    advice = assess_suitability(
        _with(duties_by=DutiesBy.UNKNOWN, mantelzorger_overloaded=True, law=None), kb
    )
    for item in (*advice.reasons, *advice.risks, *advice.next_steps, advice.combine_natura):
        assert item.sources and (item.text or item.items), item.id
