"""Financing: the four laws, who grants the pgb, routing a care need to a financier.

Facts: ``financing.yaml`` and ``care_functions.yaml`` (fact base 1.2, 2.1; S-MZC, S-ISD,
BD-pgb, regelhulp-zvw, PS-loketten).
"""

from __future__ import annotations

from collections.abc import Iterable

from bot.pgb.errors import UnknownRecordError
from bot.pgb.knowledge import Knowledge, load_knowledge
from bot.pgb.models import CareFunction, Contact, Law, Record

CARE_FILE = "care_functions.yaml"


def law_info(law: Law, knowledge: Knowledge | None = None) -> Record:
    """The record describing one law: who grants the pgb and who assesses the need."""
    return (knowledge or load_knowledge()).get(f"law_{law.value}")


def financier_for(law: Law, knowledge: Knowledge | None = None) -> Contact:
    """The organisation that grants a pgb under ``law`` (gemeente, zorgverzekeraar, zorgkantoor)."""
    return Contact(law_info(law, knowledge).get("financier"))


def apply_steps(law: Law, knowledge: Knowledge | None = None) -> Record:
    """How to apply for a pgb under ``law`` (``apply_<law>`` in ``financing.yaml``)."""
    return (knowledge or load_knowledge()).get(f"apply_{law.value}")


def care_function(code: CareFunction, knowledge: Knowledge | None = None) -> Record:
    """The record of one care function, with the laws that pay for it."""
    kb = knowledge or load_knowledge()
    for record in kb.in_file(CARE_FILE):
        if record.get("code") == code.value:
            return record
    raise UnknownRecordError(code.value, "care function")


def laws_for_care(code: CareFunction, knowledge: Knowledge | None = None) -> tuple[Law, ...]:
    """The laws under which this care function can be bought with a pgb."""
    return tuple(Law(value) for value in care_function(code, knowledge).get("laws", ()))


def which_financier(
    care: Iterable[CareFunction], knowledge: Knowledge | None = None
) -> dict[CareFunction, tuple[Law, ...]]:
    """Route each care need to the laws (and so financiers) that can pay for it.

    More than one law can fit (for example begeleiding: Wmo, Jeugdwet or Wlz); the Wlz only
    applies with a CIZ indicatie, and the Jeugdwet only under 18, so the caller should ask.
    """
    return {code: laws_for_care(code, knowledge) for code in care}


def care_fits_law(code: CareFunction, law: Law, knowledge: Knowledge | None = None) -> bool:
    """True when a pgb under ``law`` can pay for this care function."""
    return law in laws_for_care(code, knowledge)
