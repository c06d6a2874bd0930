"""Tests for bot.pgb.financing: the four laws and routing a care need."""

from __future__ import annotations

import pytest

from bot.pgb.financing import financier_for, law_info, laws_for_care, which_financier
from bot.pgb.knowledge import Knowledge
from bot.pgb.models import CareFunction, Contact, Law


@pytest.mark.parametrize(
    ("law", "financier", "assessor"),
    [
        (Law.WMO, Contact.GEMEENTE, "gemeente"),
        (Law.JEUGDWET, Contact.GEMEENTE, "gemeente"),
        (Law.ZVW, Contact.ZORGVERZEKERAAR, "wijkverpleegkundige"),
        (Law.WLZ, Contact.ZORGKANTOOR, "ciz"),
    ],
)
def test_who_grants_and_who_assesses(
    kb: Knowledge, law: Law, financier: Contact, assessor: str
) -> None:
    """Fact base 1.2 (S-MZC: "Gemeente (Wmo of Jeugdwet), Zorgverzekeraar (Zvw), Zorgkantoor
    (Wlz)"; CIZ and wijkverpleegkundige assess)."""
    assert financier_for(law, kb) is financier
    assert law_info(law, kb).get("assessor") == assessor


@pytest.mark.parametrize(
    ("care", "laws"),
    [
        (CareFunction.HUISHOUDELIJKE_HULP, (Law.WMO, Law.WLZ)),
        (CareFunction.VERPLEGING, (Law.ZVW, Law.WLZ)),
        (CareFunction.HULPMIDDEL, (Law.WMO,)),
        (CareFunction.WONINGAANPASSING, (Law.WMO,)),
    ],
)
def test_routing_care_to_laws(kb: Knowledge, care: CareFunction, laws: tuple[Law, ...]) -> None:
    """Fact base 2.1 and 0.3 #5: the Wmo also pays hulpmiddelen; Zvw only nursing and care.
    CORRECTIONS #6: household help is a Wlz care function too."""
    assert laws_for_care(care, kb) == laws


def test_every_care_function_has_a_record(kb: Knowledge) -> None:
    routes = which_financier(list(CareFunction), kb)
    assert set(routes) == set(CareFunction) and all(routes.values())


def test_trekkingsrecht_excludes_zvw(kb: Knowledge) -> None:
    """Fact base 0.3 #2: trekkingsrecht via the SVB applies to Wmo, Jeugdwet and Wlz only."""
    assert Law.ZVW.value not in kb.get("trekkingsrecht").get("laws")
