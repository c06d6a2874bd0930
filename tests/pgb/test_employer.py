"""Tests for bot.pgb.employer: sick pay, notice periods and SVB facts."""

from __future__ import annotations

import pytest

from bot.pgb.consequences import ContractType
from bot.pgb.employer import employer_fact, notice_period, sick_pay
from bot.pgb.errors import UnknownRecordError
from bot.pgb.knowledge import Knowledge


@pytest.mark.parametrize(
    ("contract", "days", "aow", "weeks"),
    [
        # Under 4 days: no fixed number of weeks, the rule is changing (Kamerstuk 36744).
        (ContractType.ARBEIDSOVEREENKOMST, 1, False, None),
        (ContractType.ARBEIDSOVEREENKOMST, 3, False, None),
        (ContractType.ARBEIDSOVEREENKOMST, 3, True, None),
        (ContractType.ARBEIDSOVEREENKOMST, 4, False, 104),
        (ContractType.ARBEIDSOVEREENKOMST, 5, True, 13),
        (ContractType.OPDRACHT, 5, False, 0),
        (ContractType.ZORGOVEREENKOMST_FAMILIE, 2, False, 0),
        (ContractType.UNKNOWN, 4, False, None),
        (ContractType.ARBEIDSOVEREENKOMST, None, False, None),
    ],
)
def test_sick_pay_duration(
    kb: Knowledge, contract: ContractType, days: int | None, aow: bool, weeks: int | None
) -> None:
    """S-ISD: "vier of meer dagen ... tot maximaal 104 weken ... drie dagen of minder ...
    maximaal 6 weken"; SVB-loonziekte: 13 weeks at AOW age; SVB-bh-ziek: none without an
    arbeidsovereenkomst."""
    rule = sick_pay(contract, days, aow, knowledge=kb)
    assert rule.weeks == weeks
    assert rule.record.source


def test_sick_pay_rejects_impossible_days(kb: Knowledge) -> None:
    with pytest.raises(ValueError):
        sick_pay(ContractType.ARBEIDSOVEREENKOMST, 9, knowledge=kb)


@pytest.mark.parametrize(("years", "months"), [(0, 1), (4.9, 1), (5, 2), (10, 3), (15, 4), (40, 4)])
def test_notice_period(kb: Knowledge, years: float, months: int) -> None:
    """SVB-opzeggen: 1 month under 5 years, 2 for 5-10, 3 for 10-15, 4 for 15 or more."""
    assert notice_period(years, kb).get("months") == months


def test_relapse_within_four_weeks_is_one_period(kb: Knowledge) -> None:
    """S-ISD: "binnen vier weken opnieuw ziek? Dan telt de SVB de nieuwe ziektedagen op"."""
    text = employer_fact("sick_relapse_four_weeks", kb).text or ""
    assert "4 weken" in text and "één ziekteperiode" in text


def test_representative_rules(kb: Knowledge) -> None:
    """Issue 13 #3: "never the paid caregiver" is ISD Bollenstreek's Wmo rule (S-ISD), said only
    with its scope; under the Wlz a parent-representative may give care (ZK-vert-zorgverlener)."""
    national = employer_fact("representative_role", kb)
    assert "verschilt per wet" in (national.text or "") and national.scope.value == "national"
    isd = employer_fact("representative_caregiver_isd", kb)
    assert isd.scope.value == "local" and isd.area == "ISD Bollenstreek"
    assert (isd.text or "").startswith("Bij ISD Bollenstreek")
    wlz = employer_fact("representative_caregiver_wlz", kb)
    assert "ouder" in (wlz.text or "") and "ZK-vert-zorgverlener" in wlz.source


def test_four_svb_models(kb: Knowledge) -> None:
    """ILZ-pgb, SVB-kiezen: four SVB model agreements per law."""
    assert "4 modellen" in (employer_fact("svb_agreement_models", kb).text or "")


def test_employer_fact_only_returns_employer_records(kb: Knowledge) -> None:
    with pytest.raises(UnknownRecordError):
        employer_fact("what_is_pgb", kb)
