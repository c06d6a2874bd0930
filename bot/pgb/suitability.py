"""Is a pgb a good fit? :func:`assess_suitability` over ``suitability.yaml``.

Rules: reasons to choose a pgb and the overloaded-mantelzorger warning (S-MZC); a pgb must be
a conscious choice, never a way around waiting lists (S-PS); the budgethouder or someone close
must be able to carry out the duties (Wmo art. 2.3.6, S-ISD); the vertegenwoordiger may not be
paid from the pgb; whether the vertegenwoordiger may also be the paid caregiver differs per law
and financier (ZK-vert-zorgverlener; "never" is ISD Bollenstreek's local Wmo rule, said only
to a deployment that names it); gebruikelijke zorg is not paid (Gorinchem-gz).
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

from bot.pgb.financing import apply_steps, care_fits_law, which_financier
from bot.pgb.knowledge import Knowledge, load_knowledge, parse_local_areas, statement
from bot.pgb.models import CareFunction, Law, Record, SourceRef, Status


class CaregiverSource(str, enum.Enum):
    """Who would give the care."""

    OWN_NETWORK = "own_network"
    PROFESSIONALS = "professionals"
    BOTH = "both"
    UNKNOWN = "unknown"


class DutiesBy(str, enum.Enum):
    """Who carries the budgethouder duties (administration, employer tasks)."""

    SELF = "self"
    REPRESENTATIVE = "representative"
    NOBODY = "nobody"
    UNKNOWN = "unknown"


class ReasonCode(str, enum.Enum):
    """Why the person wants a pgb; values match ``code`` in ``suitability.yaml``."""

    OWN_NETWORK = "own_network"
    NON_CONTRACTED_PROVIDER = "non_contracted_provider"
    FLEXIBILITY = "flexibility"
    NIGHT_OR_UNPLANNABLE = "night_or_unplannable"
    FEWER_FACES = "fewer_faces"
    WAITING_LIST = "waiting_list"
    OTHER = "other"


#: Risks that are worth saying but do not by themselves lower the fit.
CAUTIONS = frozenset({"risk_network_income"})


class Fit(str, enum.Enum):
    """Overall judgement of the fit of a pgb."""

    GOOD = "good"
    WITH_CONDITIONS = "with_conditions"
    DOUBTFUL = "doubtful"


@dataclass(frozen=True)
class SuitabilityAnswers:
    """The person's answers to the guided suitability questions."""

    law: Law | None = None
    care_needed: frozenset[CareFunction] = frozenset()
    caregivers: CaregiverSource = CaregiverSource.UNKNOWN
    duties_by: DutiesBy = DutiesBy.UNKNOWN
    reasons: frozenset[ReasonCode] = frozenset()
    mantelzorger_overloaded: bool = False
    caregiver_lives_with_zorgvrager: bool = False
    representative_wants_pay: bool = False
    representative_is_caregiver: bool = False


@dataclass(frozen=True)
class AdviceItem:
    """One Dutch advice text (or list of points) with its sources."""

    id: str
    text: str | None
    items: tuple[str, ...]
    sources: tuple[SourceRef, ...]
    status: Status


@dataclass(frozen=True)
class SuitabilityAdvice:
    """Structured advice; ``candidate_laws`` routes each care need when the law is unknown."""

    fit: Fit
    reasons: tuple[AdviceItem, ...]
    risks: tuple[AdviceItem, ...]
    next_steps: tuple[AdviceItem, ...]
    combine_natura: AdviceItem
    suggest_combination: bool
    offer_advisor: bool
    candidate_laws: dict[CareFunction, tuple[Law, ...]]


def _item(record: Record, kb: Knowledge) -> AdviceItem:
    items = record.get("items") or ()
    return AdviceItem(
        id=record.id,
        text=statement(record, kb) if record.text or not items else None,
        items=tuple(items),
        sources=kb.source_refs(record),
        status=record.status,
    )


def _risk_ids(answers: SuitabilityAnswers) -> list[str]:
    ids: list[str] = []
    if answers.duties_by is DutiesBy.NOBODY:
        ids.append("risk_nobody_for_duties")
    elif answers.duties_by is DutiesBy.UNKNOWN:
        ids.append("risk_duties_unclear")
    if ReasonCode.WAITING_LIST in answers.reasons:
        ids.append("risk_waiting_list")
    if answers.mantelzorger_overloaded:
        ids.append("risk_overloaded_mantelzorger")
    network = answers.caregivers in (CaregiverSource.OWN_NETWORK, CaregiverSource.BOTH) or (
        ReasonCode.OWN_NETWORK in answers.reasons
    )
    if network and answers.caregiver_lives_with_zorgvrager:
        ids.append("risk_gebruikelijke_zorg")
    if network:
        ids.append("risk_network_income")
    if answers.representative_wants_pay:
        ids.append("risk_representative_paid")
    if answers.representative_is_caregiver:
        ids += ["risk_representative_caregiver", "risk_representative_caregiver_isd"]
    if answers.caregivers is CaregiverSource.UNKNOWN:
        ids.append("risk_finding_caregivers")
    if answers.law is not None and any(
        not care_fits_law(code, answers.law) for code in answers.care_needed
    ):
        ids.append("risk_care_not_in_law")
    return ids


def _holds_here(record: Record, answers: SuitabilityAnswers, areas: frozenset[str]) -> bool:
    """A local rule holds for its own area only, and a local Wmo rule only for a Wmo pgb."""
    if not record.applies_to(areas):
        return False
    law = record.get("law")
    return (
        record.area is None or law is None or (answers.law is not None and law == answers.law.value)
    )


def _next_steps(answers: SuitabilityAnswers, fit: Fit, kb: Knowledge) -> list[AdviceItem]:
    steps: list[AdviceItem] = []
    if answers.law is None:
        steps += [
            _item(kb.get("next_find_financier"), kb),
            _item(kb.get("which_financier_routing"), kb),
        ]
    else:
        steps.append(_item(apply_steps(answers.law, kb), kb))
        if answers.law is Law.WMO and answers.care_needed & {
            CareFunction.HULPMIDDEL,
            CareFunction.WONINGAANPASSING,
        }:
            steps.append(_item(kb.get("apply_wmo_aid"), kb))
        topics = f"topics_bewuste_keuze_{answers.law.value}"
        if topics in kb.records:
            steps.append(_item(kb.get(topics), kb))
    steps.append(_item(kb.get("next_prepare_conversation"), kb))
    if fit is not Fit.GOOD:
        steps += [_item(kb.get("next_pgb_test"), kb), _item(kb.get("pgb_skills_ten_points"), kb)]
    return steps


def assess_suitability(
    answers: SuitabilityAnswers,
    knowledge: Knowledge | None = None,
    local_areas: str | frozenset[str] | None = None,
) -> SuitabilityAdvice:
    """Judge whether a pgb fits, with reasons, red flags, next steps and an advisor offer.

    DOUBTFUL when nobody can carry the duties, or when the only reason is a waiting list
    (S-PS); WITH_CONDITIONS when any other red flag applies or no reason is given; GOOD
    otherwise. An advisor is offered whenever the fit is not good or the mantelzorger is
    overloaded (fact base hand-off situations 12 and 15). ``local_areas`` (optional, the
    deployment's ``PGB_LOCAL_AREAS``) adds local rules of those areas; a local rule tied to a
    law is added only when that law is the answer's law.
    """
    kb = knowledge or load_knowledge()
    areas = parse_local_areas(local_areas)
    reason_records = {
        r.get("code"): r for r in kb.in_file("suitability.yaml") if r.get("kind") == "reason"
    }
    positive = [
        reason_records[c.value]
        for c in ReasonCode
        if c in answers.reasons and c.value in reason_records
    ]
    risk_ids = [rid for rid in _risk_ids(answers) if _holds_here(kb.get(rid), answers, areas)]
    waiting_only = ReasonCode.WAITING_LIST in answers.reasons and not positive
    if "risk_nobody_for_duties" in risk_ids or waiting_only:
        fit = Fit.DOUBTFUL
    elif set(risk_ids) - CAUTIONS or not positive:
        fit = Fit.WITH_CONDITIONS
    else:
        fit = Fit.GOOD
    suggest_combination = (
        answers.caregivers is CaregiverSource.BOTH
        or len(answers.care_needed) > 1
        or answers.mantelzorger_overloaded
        or fit is Fit.DOUBTFUL
    )
    return SuitabilityAdvice(
        fit=fit,
        reasons=tuple(_item(r, kb) for r in positive),
        risks=tuple(_item(kb.get(i), kb) for i in risk_ids),
        next_steps=tuple(_next_steps(answers, fit, kb)),
        combine_natura=_item(kb.get("option_combine_natura"), kb),
        suggest_combination=suggest_combination,
        offer_advisor=fit is not Fit.GOOD
        or answers.mantelzorger_overloaded
        or answers.representative_is_caregiver,
        candidate_laws=which_financier(answers.care_needed, kb) if answers.law is None else {},
    )
