"""Consequences of being paid from a pgb: :func:`benefit_consequences`.

Rules: fact base 5.1-5.4 with the corrections of 2026-12-02 (issue 13): caregivers on an
arbeidsovereenkomst of fewer than 4 days a week can claim WW since the CRvB ruling of 30 March
2023, and Kamerstuk 36744 brings them Ziektewet, WIA and sick pay (a changing rule, see
``change`` in the YAML); AOW itself is not income-tested but an AIO top-up is. Amounts come
from ``amounts.yaml``; without a record in force the consequence is flagged
``amount_unknown_for_year`` and states no amount.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, replace
from datetime import date

from bot.pgb.amounts import Amount, amount_on, amounts_for, format_eur, latest_known
from bot.pgb.knowledge import (
    Knowledge,
    format_date,
    get_text,
    load_knowledge,
    parse_local_areas,
    statement,
)
from bot.pgb.models import Contact, Law, Record, SourceRef, Status


class Benefit(str, enum.Enum):
    """Benefits (uitkeringen) the caregiver may receive."""

    BIJSTAND = "bijstand"
    WAJONG = "wajong"
    WW = "ww"
    WAO_WIA = "wao_wia"
    AOW = "aow"
    IOW = "iow"
    IOAW = "ioaw"
    AIO = "aio"
    ANW = "anw"
    NONE = "none"


class Allowance(str, enum.Enum):
    """Income-related allowances (toeslagen) of the caregiver."""

    ZORGTOESLAG = "zorgtoeslag"
    HUURTOESLAG = "huurtoeslag"


class ContractType(str, enum.Enum):
    """The SVB agreement between budgethouder and caregiver (fact base 4.4)."""

    ZORGOVEREENKOMST_FAMILIE = "zorgovereenkomst_familie"
    ARBEIDSOVEREENKOMST = "arbeidsovereenkomst"
    OPDRACHT = "opdracht"
    UNKNOWN = "unknown"


class Severity(str, enum.Enum):
    """How urgently the person should act on a consequence."""

    INFO = "info"
    CHECK = "check"
    IMPORTANT = "important"


@dataclass(frozen=True)
class BenefitProfile:
    """What we know about the caregiver who would be paid from the pgb.

    ``year`` is the calendar year to advise for; when None, the ``current_year`` argument of
    :func:`benefit_consequences` is used (the caller passes today's year at the edge).
    """

    benefits: frozenset[Benefit] = frozenset()
    allowances: frozenset[Allowance] = frozenset()
    contract: ContractType = ContractType.UNKNOWN
    days_per_week: int | None = None
    caregiver_is_toeslagpartner: bool | None = None
    law: Law | None = None
    year: int | None = None


@dataclass(frozen=True)
class Consequence:
    """One consequence, ready to show: Dutch text, what to check and with whom."""

    id: str
    severity: Severity
    text: str
    check: str | None
    contacts: tuple[Contact, ...]
    sources: tuple[SourceRef, ...]
    checked: date
    status: Status
    year: int
    amount_year: int | None = None
    amount_unknown_for_year: bool = False


def _build(
    record: Record,
    kb: Knowledge,
    year: int,
    amounts: dict[str, str] | None = None,
    unknown_amount: bool = False,
) -> Consequence:
    text = statement(record, kb)
    if amounts:
        text = text.format(year=year, **amounts)
    contacts = record.get("contacts") or record.get("refer_to") or ()
    contacts = [contacts] if isinstance(contacts, str) else contacts
    return Consequence(
        id=record.id,
        severity=Severity(record.get("severity")),
        text=text,
        check=record.get("check"),
        contacts=tuple(Contact(c) for c in contacts),
        sources=kb.source_refs(record),
        checked=record.checked,
        status=record.status,
        year=year,
        amount_year=year if amounts else None,
        amount_unknown_for_year=unknown_amount,
    )


def _with_amounts(
    known_id: str,
    unknown_id: str,
    values: dict[str, tuple[Amount, ...]],
    kb: Knowledge,
    year: int,
) -> Consequence:
    """Fill ``known_id`` with the year's amounts, or fall back to ``unknown_id``."""
    if all(values.values()):
        formatted = {
            name: ", ".join(
                format_eur(a.amount_eur)
                + (
                    f" ({a.valid_from.day}-{a.valid_from.month}-{a.valid_from.year})"
                    if len(found) > 1 and a.valid_from
                    else ""
                )
                for a in found
            )
            for name, found in values.items()
        }
        return _build(kb.get(known_id), kb, year, formatted)
    fallback = _build(kb.get(unknown_id), kb, year, unknown_amount=True)
    unknown = get_text("unknown_for_year", kb)
    return replace(fallback, text=f"{fallback.text} {unknown}")


def _contract_ids(profile: BenefitProfile) -> list[str]:
    contract, days = profile.contract, profile.days_per_week
    if contract in (ContractType.ZORGOVEREENKOMST_FAMILIE, ContractType.OPDRACHT):
        return ["cons_no_ww_rights", "cons_no_sick_pay"]
    if contract is ContractType.ARBEIDSOVEREENKOMST and days is not None:
        if days >= 4:
            ids = ["cons_ww_insured_long_employment"]
            if Benefit.AOW in profile.benefits:
                ids.append("cons_aow_sick_pay")
            return ids
        # CRvB 30-03-2023 and Kamerstuk 36744: never "not insured" as a fact.
        return ["cons_short_employment_rights_changing"]
    return ["cons_ww_rights_depend_on_contract"]


def _benefit_ids(benefits: frozenset[Benefit]) -> list[str]:
    ids: list[str] = []
    if Benefit.BIJSTAND in benefits:
        ids.append("cons_bijstand")
    if benefits & {Benefit.WW, Benefit.WAO_WIA, Benefit.WAJONG}:
        ids.append("cons_uwv_benefit")
    if Benefit.WW in benefits:
        ids.append("cons_ww_work_history")
    if Benefit.AOW in benefits:
        ids.append("cons_aow")
    for benefit, rid in (
        (Benefit.IOW, "cons_iow"),
        (Benefit.IOAW, "cons_ioaw"),
        (Benefit.AIO, "cons_aio"),
        (Benefit.ANW, "cons_anw"),
    ):
        if benefit in benefits:
            ids.append(rid)
    return ids


def _minimum_wage(kb: Knowledge, year: int, today: date | None) -> Consequence:
    """The minimum wage with the date it holds from (SVB-wml; it changes 1 January and 1 July).

    With ``today`` the amount in force that day; with only a year, the year's last known
    amount, and "unknown" when its successor falls inside that year without a record.
    """
    variant = "age_21_plus"
    if today is not None:
        found = amount_on("minimum_wage_hour", today, variant, kb)
    else:
        in_year = amounts_for("minimum_wage_hour", year, variant, kb)
        last = in_year[-1] if in_year else None
        ends_in_year = last is not None and last.next_change and last.next_change.year == year
        found = None if last is None or ends_in_year else last
    if found is not None:
        record = kb.get("cons_minimum_wage")
        text = statement(record, kb).format(
            valid_from=format_date(found.holds_from), amounts=format_eur(found.amount_eur)
        )
        return replace(_build(record, kb, year), text=text, amount_year=found.year)
    fallback = _build(kb.get("cons_minimum_wage_unknown_year"), kb, year, unknown_amount=True)
    day = today or date(year, 12, 31)
    stale = latest_known("minimum_wage_hour", day, variant, kb)
    if stale is not None and stale.next_change is not None and stale.next_change <= day:
        note = get_text("minimum_wage_unknown_since", kb).format(
            date=format_date(stale.next_change)
        )
    else:
        note = get_text("unknown_for_year", kb)
    return replace(fallback, text=f"{fallback.text} {note}")


def minimum_wage(today: date, knowledge: Knowledge | None = None) -> Consequence:
    """The minimum wage on ``today``: the amount in force, or that it is not known since when."""
    return _minimum_wage(knowledge or load_knowledge(), today.year, today)


def benefit_consequences(
    profile: BenefitProfile,
    *,
    current_year: int | None = None,
    knowledge: Knowledge | None = None,
    today: date | None = None,
    local_areas: str | frozenset[str] | None = None,
) -> list[Consequence]:
    """The consequences of being paid from a pgb for this caregiver, most urgent first.

    ``today`` (optional) dates amounts precisely: an amount whose successor was due by then
    without a record is "unknown". ``local_areas`` (optional, the deployment's
    ``PGB_LOCAL_AREAS``) lets local rules apply; without it only national and per-law rules.
    Raises ValueError when neither ``profile.year``, ``current_year`` nor ``today`` is given:
    the layer never reads the clock itself.
    """
    year = profile.year if profile.year is not None else current_year
    if year is None and today is not None:
        year = today.year
    if year is None:
        raise ValueError("benefit_consequences needs profile.year, current_year or today")
    if today is not None and today.year != year:
        today = None  # advising for another year: fall back to the year-level rule
    kb = knowledge or load_knowledge()
    areas = parse_local_areas(local_areas)
    result = [_build(kb.get(i), kb, year) for i in ("cons_gross_income", "cons_no_pension")]
    result += [_build(kb.get(i), kb, year) for i in _contract_ids(profile)]
    result.append(_minimum_wage(kb, year, today))
    result.append(_build(kb.get("cons_income_stops"), kb, year))
    result += [_build(kb.get(i), kb, year) for i in _benefit_ids(profile.benefits)]
    if Allowance.ZORGTOESLAG in profile.allowances:
        limits = {
            v: amounts_for("zorgtoeslag_income_limit", year, v, kb) for v in ("single", "partner")
        }
        result.append(
            _with_amounts("cons_zorgtoeslag", "cons_zorgtoeslag_unknown_year", limits, kb, year)
        )
    if Allowance.HUURTOESLAG in profile.allowances:
        result.append(_build(kb.get("cons_huurtoeslag"), kb, year))
    if profile.allowances and profile.caregiver_is_toeslagpartner is None:
        result.append(_build(kb.get("cons_toeslagpartner_who"), kb, year))
    if profile.caregiver_is_toeslagpartner:
        if profile.allowances:
            result.append(_build(kb.get("cons_toeslagpartner_income"), kb, year))
        if profile.law is Law.WLZ:
            result += [
                _build(kb.get("cons_wlz_cak_contribution"), kb, year, unknown_amount=True),
                _build(kb.get("cons_wlz_cak_reference_year"), kb, year),
            ]
        elif profile.law is None:
            result.append(_build(kb.get("cons_wlz_cak_if_wlz"), kb, year))
    if profile.law is Law.WMO:
        flat = amounts_for("wmo_abonnementstarief", year, knowledge=kb)
        result.append(
            _with_amounts(
                "cons_wmo_flat_contribution",
                "cons_wmo_contribution_unknown_year",
                {"amount": flat},
                kb,
                year,
            )
        )
    if profile.contract is ContractType.ZORGOVEREENKOMST_FAMILIE:
        result.append(_build(kb.get("cons_relationship"), kb, year))
    result = [c for c in result if kb.get(c.id).applies_to(areas)]
    order = {Severity.IMPORTANT: 0, Severity.CHECK: 1, Severity.INFO: 2}
    return sorted(result, key=lambda c: order[c.severity])
