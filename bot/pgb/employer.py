"""Employer duties and SVB rules: sick pay, notice periods, and topic look-ups.

Facts: ``employer.yaml`` (fact base 4.4, 4.7, 6 and 7; SVB-loonziekte, SVB-opzeggen, S-ISD).
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.pgb.consequences import ContractType
from bot.pgb.errors import UnknownRecordError
from bot.pgb.knowledge import Knowledge, load_knowledge
from bot.pgb.models import Record

EMPLOYER_FILE = "employer.yaml"


@dataclass(frozen=True)
class SickPayRule:
    """How long the budgethouder continues to pay a sick caregiver.

    ``weeks`` is 0 when there is no continued pay (opdracht, family agreement), and None when
    the contract is unknown; ``record`` holds the Dutch text and sources.
    """

    weeks: int | None
    record: Record


def _rules(kind: str, kb: Knowledge) -> tuple[Record, ...]:
    return tuple(r for r in kb.in_file(EMPLOYER_FILE) if r.get("kind") == kind)


def sick_pay(
    contract: ContractType,
    days_per_week: int | None = None,
    aow_age: bool = False,
    knowledge: Knowledge | None = None,
) -> SickPayRule:
    """Continued pay during illness: 104 weeks for 4 or more days a week, 13 weeks for a
    caregiver of AOW age on 4 or more days; none without an arbeidsovereenkomst
    (SVB-loonziekte, SVB-bh-ziek). Under 4 days ``weeks`` is None: the old 6-week rule is
    being replaced by Kamerstuk 36744 (RO-rdah-2025-05), so the record says what changes."""
    kb = knowledge or load_knowledge()
    if contract in (ContractType.OPDRACHT, ContractType.ZORGOVEREENKOMST_FAMILIE):
        return SickPayRule(0, kb.get("sick_who_pays"))
    if contract is ContractType.UNKNOWN or days_per_week is None:
        return SickPayRule(None, kb.get("sick_who_pays"))
    if 0 <= days_per_week < 4:
        return SickPayRule(None, kb.get("sick_pay_under_4_days_changing"))
    for rule in _rules("sick_pay", kb):
        in_range = rule.get("min_days") <= days_per_week <= rule.get("max_days")
        if in_range and rule.get("aow_age") == aow_age:
            return SickPayRule(int(rule.get("weeks")), rule)
    raise ValueError(f"days_per_week out of range: {days_per_week}")


def notice_period(years_of_service: float, knowledge: Knowledge | None = None) -> Record:
    """Statutory notice for the budgethouder ending an arbeidsovereenkomst (SVB-opzeggen):
    1 month under 5 years, 2 for 5-10, 3 for 10-15, 4 for 15 or more. ``months`` is a field."""
    if years_of_service < 0:
        raise ValueError("years_of_service must be >= 0")
    kb = knowledge or load_knowledge()
    for rule in _rules("notice", kb):
        if rule.get("min_years") <= years_of_service < rule.get("max_years"):
            return rule
    raise ValueError(f"no notice rule for {years_of_service} years")


def employer_fact(fact_id: str, knowledge: Knowledge | None = None) -> Record:
    """One employer or SVB fact from ``employer.yaml`` by id."""
    record = (knowledge or load_knowledge()).get(fact_id)
    if record.file != EMPLOYER_FILE:
        raise UnknownRecordError(fact_id, "employer fact")
    return record
