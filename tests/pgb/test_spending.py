"""Tests for bot.pgb.spending: spending_verdict over realistic Dutch inputs."""

from __future__ import annotations

import pytest

from bot.pgb.knowledge import Knowledge
from bot.pgb.models import Law
from bot.pgb.spending import PAID_ANYWAY, Verdict, asked_about, match_item, spending_verdict


@pytest.mark.parametrize(
    ("text", "item_id"),
    [
        ("kerstcadeau voor de hulp", "spend_holiday_bonus_gift"),
        ("Mag ik een KERSTPAKKET geven aan mijn zorgverlener?", "spend_holiday_bonus_gift"),
        ("contributie Per Saldo", "spend_per_saldo_membership"),
        ("bemiddelingsbureau", "spend_mediation"),
        ("administratiekantoor", "spend_administration"),
        ("cursus over het pgb", "spend_pgb_course"),
        ("Cursussen over pgb's", "spend_pgb_course"),
        ("eigen bijdrage CAK", "spend_own_contribution"),
        ("zorg in Spanje", "spend_care_abroad"),
        ("zorg in België tijdens de vakantie", "spend_care_abroad"),
        ("dagbesteding op een zorgboerderij", "spend_day_care"),
        ("logeeropvang", "spend_respite_stay"),
        ("sportschool", "spend_general_provision"),
        ("scootmobiel", "spend_mobility_aid"),
        ("een nieuwe rolstoel", "spend_mobility_aid"),
        ("mantelzorgmakelaar", "spend_care_broker"),
        ("mijn dochter betalen voor de zorg", "spend_family_caregiver"),
        ("een weekendje weg met mijn zoon", "spend_general_provision"),
        ("de vliegtickets voor onze reis", "spend_general_provision"),
        ("lidmaatschap van Per Saldo", "spend_per_saldo_membership"),
        ("kerstcadeau voor onze huishoudelijke hulp", "spend_holiday_bonus_gift"),
        ("met kerst een cadeaubon aan mijn huishoudelijke hulp geven", "spend_holiday_bonus_gift"),
        ("mag ik het pgb uitgeven aan een scootmobiel", "spend_mobility_aid"),
        ("een taxi voor mijn moeder naar de dagbesteding", "spend_transport_day_care"),
    ],
)
def test_dutch_variants_resolve_to_the_right_item(kb: Knowledge, text: str, item_id: str) -> None:
    """Normalisation handles case, accents, punctuation, plurals and compounds."""
    record = match_item(text, kb)
    assert record is not None and record.id == item_id


@pytest.mark.parametrize(
    ("text", "knowledge_id"),
    [
        ("bemiddelingsbureau", "spend_mediation"),
        ("administratiekantoor", "spend_administration"),
        ("contributie Per Saldo", "spend_per_saldo_membership"),
        ("cursus over het pgb", "spend_pgb_course"),
        ("informatiemateriaal bestellen", "spend_information_material"),
        ("eigen bijdrage CAK", "spend_own_contribution"),
        ("sportschool", "spend_general_provision"),
    ],
)
def test_isd_list_items_are_not_allowed(kb: Knowledge, text: str, knowledge_id: str) -> None:
    """S-ISD: "Het pgb mag u niet gebruiken voor: kosten voor bemiddeling, ... pgb-administratie,
    ... contributie Per Saldo, ... cursussen over het pgb, ... informatiemateriaal, ... eigen
    bijdragen (bijvoorbeeld CAK) ... algemeen gebruikelijke voorzieningen"."""
    result = spending_verdict(text, knowledge=kb)
    assert result.item_id == knowledge_id
    assert result.verdict is Verdict.NOT_ALLOWED
    assert result.sources and result.checked is not None


@pytest.mark.parametrize(
    ("law", "expected"),
    [
        (None, Verdict.DEPENDS),
        (Law.WLZ, Verdict.ALLOWED),
        (Law.ZVW, Verdict.NOT_ALLOWED),
        (Law.WMO, Verdict.DEPENDS),
        (Law.JEUGDWET, Verdict.DEPENDS),
    ],
)
def test_christmas_gift_depends_on_law(kb: Knowledge, law: Law | None, expected: Verdict) -> None:
    """spend_holiday_bonus_gift (fact base 2.3): Wlz always allowed, Wmo/Jeugdwet ask the
    gemeente (not allowed in ISD Bollenstreek), Zvw not possible."""
    result = spending_verdict("kerstcadeau voor de hulp", law, knowledge=kb)
    assert result.verdict is expected
    if expected is Verdict.DEPENDS:
        assert result.question
    else:
        assert result.question is None


def test_gift_without_law_asks_which_law(kb: Knowledge) -> None:
    """When the rule differs per law and no law is known, the deciding question is the law."""
    result = spending_verdict("kerstcadeau", knowledge=kb)
    assert result.question is not None and "wet" in result.question.lower()


@pytest.mark.parametrize("law", [Law.WMO, Law.JEUGDWET])
def test_gift_under_gemeente_law_sends_to_gemeente(kb: Knowledge, law: Law) -> None:
    """ "soms", ask the gemeente (fact base 2.3)."""
    result = spending_verdict("feestdagenuitkering", law, knowledge=kb)
    assert result.verdict is Verdict.DEPENDS
    assert result.question is not None and "gemeente" in result.question.lower()


@pytest.mark.parametrize(
    ("text", "law", "expected"),
    [
        ("dagbesteding op een zorgboerderij", Law.WMO, Verdict.ALLOWED),
        ("dagbesteding op een zorgboerderij", Law.WLZ, Verdict.ALLOWED),
        ("dagbesteding op een zorgboerderij", Law.ZVW, Verdict.NOT_ALLOWED),
        ("logeeropvang", Law.JEUGDWET, Verdict.ALLOWED),
        ("logeeropvang", Law.ZVW, Verdict.NOT_ALLOWED),
        ("scootmobiel", Law.WMO, Verdict.ALLOWED),
        ("scootmobiel", Law.ZVW, Verdict.NOT_ALLOWED),
        ("huishoudelijke hulp", Law.ZVW, Verdict.NOT_ALLOWED),
        ("verpleging", Law.WMO, Verdict.NOT_ALLOWED),
        ("persoonlijke verzorging", Law.ZVW, Verdict.ALLOWED),
        ("loon bij ziekte", Law.ZVW, Verdict.NOT_ALLOWED),
    ],
)
def test_care_functions_per_law(kb: Knowledge, text: str, law: Law, expected: Verdict) -> None:
    """care_functions_per_law: Zvw pays only verpleging and persoonlijke verzorging
    (SVB-zvw-tarief); the Wmo also pays hulpmiddelen (S-ISD, fact base 0.3 #5)."""
    assert spending_verdict(text, law, knowledge=kb).verdict is expected


@pytest.mark.parametrize("law", [Law.WMO, Law.JEUGDWET, Law.ZVW])
def test_care_abroad_needs_permission(kb: Knowledge, law: Law) -> None:
    """S-ISD: "ondersteuning die zonder toestemming in het buitenland wordt afgenomen"."""
    result = spending_verdict("zorg in Spanje", law, knowledge=kb)
    assert result.verdict is Verdict.DEPENDS
    assert result.question is not None and "toestemming" in result.question


def test_known_law_without_specific_rule_refers_to_that_financier(kb: Knowledge) -> None:
    """With the law known, the bot must not ask "which law?" again."""
    result = spending_verdict("reiskosten van mijn zorgverlener", Law.WMO, knowledge=kb)
    assert result.verdict is Verdict.DEPENDS
    assert result.question is not None and "gemeente" in result.question


@pytest.mark.parametrize("text", ["een nieuwe auto", "zonnepanelen", "", "   ", "???"])
def test_unknown_items_are_never_allowed(kb: Knowledge, text: str) -> None:
    """Unknown items get an explicit UNKNOWN verdict that sends the person to the financier."""
    result = spending_verdict(text, knowledge=kb)
    assert result.verdict is Verdict.UNKNOWN
    assert result.item_id is None and not result.sources
    assert "vraag" in result.reason.lower()


def test_every_spending_item_yields_a_verdict_with_sources(kb: Knowledge) -> None:
    """Each item's first term resolves to the item itself, with its sources attached."""
    for record in kb.in_file("spending.yaml"):
        result = spending_verdict(record.get("terms")[0], knowledge=kb)
        assert result.item_id == record.id, record.id
        # A "not allowed" verdict also says what paying anyway can cost, with its sources.
        paid = set(kb.get(PAID_ANYWAY).source) if result.verdict is Verdict.NOT_ALLOWED else set()
        assert {s.id for s in result.sources} == set(record.source) | paid


def test_a_verdict_that_it_may_not_says_what_paying_anyway_can_cost(kb: Knowledge) -> None:
    result = spending_verdict("een bemiddelingsbureau", knowledge=kb)
    assert result.verdict is Verdict.NOT_ALLOWED
    assert any("terugbetalen" in c for c in result.conditions)
    allowed = spending_verdict("een tillift", knowledge=kb)
    assert not any("terugbetalen" in c for c in allowed.conditions)


def test_paid_already_hears_what_that_can_cost_unless_it_may_be_paid(kb: Knowledge) -> None:
    depends = spending_verdict("een dagje uit met mijn begeleider", knowledge=kb)
    assert depends.verdict is Verdict.DEPENDS
    assert not any("terugbetalen" in c for c in depends.conditions)
    paid = spending_verdict("een dagje uit met mijn begeleider", knowledge=kb, paid_already=True)
    assert any("terugbetalen" in c for c in paid.conditions)
    allowed = spending_verdict("aanbieder zonder contract", knowledge=kb, paid_already=True)
    assert allowed.verdict is Verdict.ALLOWED
    assert not any("terugbetalen" in c for c in allowed.conditions)


@pytest.mark.parametrize("text", ["taxi naar het ziekenhuis", "vervoer naar de huisarts"])
def test_transport_elsewhere_is_not_answered_as_transport_to_day_care(text: str) -> None:
    """spend_transport_day_care speaks only of vervoer naar de dagbesteding (CZ-inkopen)."""
    assert spending_verdict(text).item_id != "spend_transport_day_care"


def test_transport_to_day_care_is_found() -> None:
    """spend_transport_day_care: Wlz allows it (CZ-inkopen)."""
    verdict = spending_verdict("de taxi naar de dagbesteding", Law.WLZ)
    assert (verdict.item_id, verdict.verdict) == ("spend_transport_day_care", Verdict.ALLOWED)


@pytest.mark.parametrize(
    "text",
    [
        "de contributie van de voetbalclub",  # not Per Saldo: no rule known
        "lidmaatschap van de bibliotheek",
        "vakantiegeld voor de hulp",  # part of the wage, not a holiday trip
        "een weekend weg boeken",  # "boeken" is not the information booklet
    ],
)
def test_look_alike_items_do_not_borrow_another_items_verdict(kb: Knowledge, text: str) -> None:
    """A word shared with another item (contributie, vakantie, boek) must not give that item's
    verdict and reason: an unknown item sends the person to the financier instead."""
    record = match_item(text, kb)
    assert record is None or record.id not in {
        "spend_per_saldo_membership",
        "spend_information_material",
    }


def test_asking_to_be_paid_oneself_needs_the_words_in_a_row() -> None:
    assert asked_about("kan ik betaald worden voor het wassen van mijn moeder") is not None
    # "ik", "betaald" and "worden" all occur, but not as the phrase.
    assert asked_about("ik wil lid worden, kan de contributie betaald worden") is None


@pytest.mark.parametrize(
    "text",
    [
        "en kan ik dan als zijn vrouw daarvoor betaald krijgen",
        "en kan ik dan als zijn vrouw daarvoor betaald worden",
        "mag onze zoon dat dan doen en ervoor betaald krijgen",
        "mag ik mijn eigen dochter betalen uit mijn pgb? ze helpt me met douchen",
        "mijn man zit in de bijstand. mag ik hem betalen voor de hulp die hij mij geeft?",
        "kan mijn broer daarvoor betaald worden uit het pgb van onze vader",
        "mogen wij de buurvrouw betalen voor het koken",
        "mag zij dan ook betaald worden voor dat regelwerk?",
        "mogen wij dan ook zelf de zorg geven en daarvoor betaald worden",
        "en als hij wlz krijgt mag ik dan nog steeds voor hem zorgen en betaald worden",
    ],
)
def test_a_relative_asking_to_be_paid_for_the_care_asks_who_may_be_paid(text: str) -> None:
    record = asked_about(text)
    assert record is not None and record.id == "spend_family_caregiver"


def test_an_item_paid_for_is_not_a_person_paid() -> None:
    assert asked_about("kan ik een traplift betaald krijgen uit het pgb") is None
    assert asked_about("kan de contributie daarvoor betaald worden met mijn pgb") is None
    assert asked_about("ik wil lid worden, kan het dan betaald worden") is None
    assert asked_about("kan ik de boodschappen ook betaald worden") is None
    assert asked_about("kan de taxi van mijn vader betaald worden uit zijn pgb") is None
    assert asked_about("mag ik de taxi voor haar betalen uit haar pgb") is None
    assert asked_about("mag ik haar kapper betalen van het pgb") is None
    assert asked_about("mag ik logeeropvang voor mijn dochter betalen uit haar pgb") is None
