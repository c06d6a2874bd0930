"""Tests for bot.pgb.consequences.benefit_consequences."""

from __future__ import annotations

import pytest

from bot.pgb.consequences import (
    Allowance,
    Benefit,
    BenefitProfile,
    ContractType,
    Severity,
    benefit_consequences,
)
from bot.pgb.knowledge import Knowledge, get_text
from bot.pgb.models import Contact, Law, Status


def _ids(profile: BenefitProfile, kb: Knowledge, year: int = 2026) -> set[str]:
    return {c.id for c in benefit_consequences(profile, current_year=year, knowledge=kb)}


@pytest.mark.parametrize(
    ("contract", "days", "expected", "absent"),
    [
        (
            ContractType.ZORGOVEREENKOMST_FAMILIE,
            None,
            "cons_no_ww_rights",
            "cons_ww_insured_long_employment",
        ),
        (ContractType.OPDRACHT, None, "cons_no_ww_rights", "cons_ww_insured_long_employment"),
        (
            ContractType.ARBEIDSOVEREENKOMST,
            2,
            "cons_short_employment_rights_changing",
            "cons_ww_insured_long_employment",
        ),
        (
            ContractType.ARBEIDSOVEREENKOMST,
            4,
            "cons_ww_insured_long_employment",
            "cons_no_ww_rights",
        ),
        (
            ContractType.ARBEIDSOVEREENKOMST,
            None,
            "cons_ww_rights_depend_on_contract",
            "cons_no_ww_rights",
        ),
        (ContractType.UNKNOWN, None, "cons_ww_rights_depend_on_contract", "cons_no_ww_rights"),
    ],
)
def test_ww_rights_depend_on_contract_type(
    kb: Knowledge, contract: ContractType, days: int | None, expected: str, absent: str
) -> None:
    """No WW/WIA rights for family agreements and opdracht; an arbeidsovereenkomst of 4+ days
    is insured; under 4 days the changing rule (cons_short_employment_rights_changing,
    CRvB-2023-481, TK-36744) is said, never "not insured"."""
    ids = _ids(BenefitProfile(contract=contract, days_per_week=days), kb)
    assert expected in ids and absent not in ids


@pytest.mark.parametrize(
    ("benefit", "expected", "contact"),
    [
        (Benefit.BIJSTAND, "cons_bijstand", Contact.GEMEENTE),
        (Benefit.WAJONG, "cons_uwv_benefit", Contact.UWV),
        (Benefit.WW, "cons_uwv_benefit", Contact.UWV),
        (Benefit.WAO_WIA, "cons_uwv_benefit", Contact.UWV),
        (Benefit.AOW, "cons_aow", Contact.BELASTINGDIENST),
    ],
)
def test_benefits_are_sent_to_the_right_organisation(
    kb: Knowledge, benefit: Benefit, expected: str, contact: Contact
) -> None:
    """S-MZC: "Uitkeringen zoals Wajong, bijstand, WAO, WW kunnen worden gekort"; AOW combines."""
    result = benefit_consequences(
        BenefitProfile(benefits=frozenset({benefit})), current_year=2026, knowledge=kb
    )
    match = [c for c in result if c.id == expected]
    assert match and contact in match[0].contacts
    if benefit is not Benefit.AOW:
        assert match[0].severity is Severity.IMPORTANT


def test_no_benefit_means_no_benefit_warnings(kb: Knowledge) -> None:
    ids = _ids(BenefitProfile(benefits=frozenset({Benefit.NONE})), kb)
    assert not ids & {"cons_bijstand", "cons_uwv_benefit", "cons_aow"}


@pytest.mark.parametrize(("year", "single"), [(2025, "39.719"), (2026, "40.857")])
def test_zorgtoeslag_states_the_years_limit(kb: Knowledge, year: int, single: str) -> None:
    """BD-zt: zorgtoeslag income limits per year; the amount comes with its year."""
    result = benefit_consequences(
        BenefitProfile(allowances=frozenset({Allowance.ZORGTOESLAG}), year=year), knowledge=kb
    )
    toeslag = next(c for c in result if c.id == "cons_zorgtoeslag")
    assert single in toeslag.text and str(year) in toeslag.text
    assert toeslag.amount_year == year and not toeslag.amount_unknown_for_year
    assert Contact.DIENST_TOESLAGEN in toeslag.contacts


def test_year_without_amounts_says_unknown(kb: Knowledge) -> None:
    """2027 has no verified amounts: no euro amount, an explicit unknown flag instead."""
    profile = BenefitProfile(
        allowances=frozenset({Allowance.ZORGTOESLAG}),
        law=Law.WMO,
        contract=ContractType.ZORGOVEREENKOMST_FAMILIE,
    )
    result = benefit_consequences(profile, current_year=2027, knowledge=kb)
    unknown = [c for c in result if c.amount_unknown_for_year]
    assert {c.id for c in unknown} >= {
        "cons_zorgtoeslag_unknown_year",
        "cons_wmo_contribution_unknown_year",
        "cons_minimum_wage_unknown_year",
    }
    for consequence in result:
        assert "€" not in consequence.text, consequence.id
    assert get_text("unknown_for_year", kb) in unknown[0].text


def test_wmo_contribution_amount_per_year(kb: Knowledge) -> None:
    """Fact base 0.3 #1: Wmo abonnementstarief €21,00 in 2025 and €21,80 in 2026."""
    for year, amount in ((2025, "21,00"), (2026, "21,80"), (2024, "20,60")):
        result = benefit_consequences(BenefitProfile(law=Law.WMO, year=year), knowledge=kb)
        flat = next(c for c in result if c.id == "cons_wmo_flat_contribution")
        assert amount in flat.text and flat.amount_year == year


def test_wlz_toeslagpartner_raises_cak_contribution(kb: Knowledge) -> None:
    """S-MZC: toeslagpartners + Wlz indicatie -> higher CAK eigen bijdrage; amounts unknown."""
    profile = BenefitProfile(caregiver_is_toeslagpartner=True, law=Law.WLZ)
    result = benefit_consequences(profile, current_year=2026, knowledge=kb)
    cak = next(c for c in result if c.id == "cons_wlz_cak_contribution")
    assert cak.severity is Severity.IMPORTANT and Contact.CAK in cak.contacts
    assert cak.amount_unknown_for_year


@pytest.mark.parametrize("law", [Law.WMO, Law.ZVW, Law.JEUGDWET])
def test_cak_income_effect_only_for_wlz(kb: Knowledge, law: Law) -> None:
    """S-MZC: "dit geldt alleen als de zorgvrager een Wlz indicatie heeft"."""
    ids = _ids(BenefitProfile(caregiver_is_toeslagpartner=True, law=law), kb)
    assert "cons_wlz_cak_contribution" not in ids and "cons_wlz_cak_if_wlz" not in ids


def test_unknown_law_with_toeslagpartner_asks_about_wlz(kb: Knowledge) -> None:
    ids = _ids(BenefitProfile(caregiver_is_toeslagpartner=True), kb)
    assert "cons_wlz_cak_if_wlz" in ids


def test_unverified_consequences_are_only_referrals(kb: Knowledge) -> None:
    """UNVERIFIED (e.g. the WW 'mantelzorgforfait') is never stated; the person is referred."""
    profile = BenefitProfile(
        benefits=frozenset({Benefit.WW}), caregiver_is_toeslagpartner=True, law=Law.WLZ
    )
    result = benefit_consequences(profile, current_year=2026, knowledge=kb)
    unverified = [c for c in result if c.status is Status.UNVERIFIED]
    assert {c.id for c in unverified} == {"cons_ww_work_history", "cons_wlz_cak_reference_year"}
    for consequence in unverified:
        claim = kb.get(consequence.id).get("claim")
        assert claim not in consequence.text and "niet zeker" in consequence.text


def test_always_mentions_gross_income_and_income_stopping(kb: Knowledge) -> None:
    """S-MZC: bruto-inkomen with loonheffing; income stops on admission or death."""
    ids = _ids(BenefitProfile(), kb)
    assert {"cons_gross_income", "cons_no_pension", "cons_income_stops"} <= ids


def test_results_are_sorted_by_severity(kb: Knowledge) -> None:
    profile = BenefitProfile(
        benefits=frozenset({Benefit.BIJSTAND, Benefit.AOW}),
        allowances=frozenset({Allowance.HUURTOESLAG}),
    )
    order = {Severity.IMPORTANT: 0, Severity.CHECK: 1, Severity.INFO: 2}
    ranks = [
        order[c.severity] for c in benefit_consequences(profile, current_year=2026, knowledge=kb)
    ]
    assert ranks == sorted(ranks)


def test_aow_caregiver_on_long_contract_gets_13_weeks(kb: Knowledge) -> None:
    """SVB-loonziekte: 13 weeks continued pay at AOW age with 4+ days a week."""
    ids = _ids(
        BenefitProfile(
            benefits=frozenset({Benefit.AOW}),
            contract=ContractType.ARBEIDSOVEREENKOMST,
            days_per_week=5,
        ),
        kb,
    )
    assert "cons_aow_sick_pay" in ids


def test_year_is_required_from_profile_or_caller(kb: Knowledge) -> None:
    with pytest.raises(ValueError):
        benefit_consequences(BenefitProfile(), knowledge=kb)


def test_every_consequence_has_sources(kb: Knowledge) -> None:
    profile = BenefitProfile(
        benefits=frozenset(Benefit),
        allowances=frozenset(Allowance),
        caregiver_is_toeslagpartner=True,
        law=Law.WLZ,
        contract=ContractType.ZORGOVEREENKOMST_FAMILIE,
    )
    for consequence in benefit_consequences(profile, current_year=2025, knowledge=kb):
        assert consequence.sources and consequence.contacts, consequence.id
