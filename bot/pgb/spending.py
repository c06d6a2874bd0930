"""What may be paid from a pgb: :func:`spending_verdict` over ``spending.yaml``.

Rules come from the ISD Bollenstreek list (S-ISD), the Mantelzorgcentrum text (S-MZC) and the
fact base sections 2.2 and 2.3; every verdict carries its sources and checked date.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import date
from functools import cache
from itertools import product

from bot.pgb.financing import financier_for
from bot.pgb.knowledge import (
    Knowledge,
    get_text,
    load_knowledge,
    parse_local_areas,
    referral_text,
)
from bot.pgb.models import Law, Record, SourceRef, Status
from bot.pgb.normalize import stem, term_score, term_tokens, tokens, word_matches

SPENDING_FILE = "spending.yaml"


class Verdict(str, enum.Enum):
    """The answer to "may I pay this from my pgb?"."""

    ALLOWED = "allowed"
    NOT_ALLOWED = "not_allowed"
    DEPENDS = "depends"
    UNKNOWN = "unknown"


@dataclass(frozen=True)
class SpendingVerdict:
    """Verdict on one item, with the Dutch reason and what it depends on.

    ``question`` is the deciding question when ``verdict`` is DEPENDS (which law, or ask the
    gemeente). ``item_id`` is None for UNKNOWN.
    """

    verdict: Verdict
    reason: str
    conditions: tuple[str, ...]
    question: str | None
    item_id: str | None
    law: Law | None
    sources: tuple[SourceRef, ...]
    checked: date | None
    status: Status | None
    # True when naming the law (Wmo, Jeugdwet, Zvw, Wlz) would decide a DEPENDS verdict.
    depends_on_law: bool = False


# "kerstcadeau voor de huishoudelijke hulp", "een cadeaubon aan mijn huishoudelijke hulp geven":
# what comes after these words names who or what the item is for, not the item itself.
_RECIPIENT_WORDS = frozenset({"voor", "van", "aan"})


def match_item(item_text: str, knowledge: Knowledge | None = None) -> Record | None:
    """The spending record whose terms best match ``item_text``, or None.

    A record whose `asks` phrases occur in the text wins outright. Otherwise the words before
    "voor", "van" or "aan" are tried first, so the recipient ("voor de huishoudelijke hulp") cannot
    outweigh the item itself; when they match nothing, the whole text counts.
    """
    kb = knowledge or load_knowledge()
    asked = asked_about(item_text, kb)
    if asked is not None:
        return asked
    text = tokens(item_text)
    cut = next((i for i, word in enumerate(text) if word in _RECIPIENT_WORDS), len(text))
    record = _best_record(text[:cut], kb) or _best_record(text, kb)
    outing = _care_hours(_outing(text, kb), text, kb)
    if outing is not None and not outing.get("care_item"):
        # The outing names care: the care hours are asked about, not the outing.
        return outing
    return _care_hours(record, text, kb)


def asked_about(question: str, knowledge: Knowledge | None = None) -> Record | None:
    """The record a whole question is about by its `asks` phrases, whatever else it names:
    "kan ik betaald worden voor het wassen van mijn moeder" asks who may be paid."""
    kb = knowledge or load_knowledge()
    text = tokens(question)
    for record in kb.in_file(SPENDING_FILE):
        phrases = (p for asks in record.get("asks", ()) for p in _variants(asks))
        if any(_found(phrase, text) for phrase in phrases):
            return record
    return None


@cache
def _variants(phrase: str) -> tuple[str, ...]:
    """An `asks` phrase with alternatives written "a|b" in a word, one phrase per choice:
    "ik … dochter|zoon betalen" is "ik … dochter betalen" and "ik … zoon betalen"."""
    return tuple(" ".join(words) for words in product(*(w.split("|") for w in phrase.split())))


# In an `asks` phrase, "…" stands for up to MAX_GAP words: "ik … betaald worden" is in "kan ik
# dan als zijn vrouw daarvoor betaald worden". Not when one of them names something else that is
# paid ("ik wil lid worden, kan de contributie betaald worden").
GAP = "…"
MAX_GAP = 6
# "voor": "mag ik logeeropvang voor mijn dochter betalen" pays for the daughter, not her.
_GAP_STOPS = frozenset({"de", "het", "een", "dat", "dit", "die", "deze", "voor"})


def _found(phrase: str, text: tuple[str, ...]) -> bool:
    head, _, tail = phrase.partition(GAP)
    first = term_tokens(head)
    if not tail:
        return _in_a_row(first, text)
    rest = term_tokens(tail)
    for start in range(len(text)):
        if not _at(first, text, start):
            continue
        after = start + len(first)
        for gap in range(MAX_GAP + 1):
            if _at(rest, text, after + gap):
                return True
            if after + gap >= len(text) or text[after + gap] in _GAP_STOPS:
                break
    return False


def _at(phrase: tuple[str, ...], text: tuple[str, ...], start: int) -> bool:
    return start + len(phrase) <= len(text) and all(
        word_matches(word, text[start + i]) for i, word in enumerate(phrase)
    )


def _in_a_row(phrase: tuple[str, ...], text: tuple[str, ...]) -> bool:
    """The words of ``phrase`` one after the other in ``text`` ("ik betaald worden" is not in
    "ik wil lid worden, kan het betaald worden")."""
    return any(_at(phrase, text, start) for start in range(len(text) - len(phrase) + 1))


def _care_hours(record: Record | None, text: tuple[str, ...], kb: Knowledge) -> Record | None:
    """ "zorg tijdens een weekendje weg", "boodschappen doen door de hulp": when a text that
    matches a non-care item also names care (``care_words``), it asks about the care hours,
    which ``care_item`` answers (issue 13, finding 9)."""
    if record is None or not record.get("care_item"):
        return record
    care_words = {stem(w) for w in record.get("care_words") or ()}
    if care_words & set(text):
        return kb.get(str(record.get("care_item")))
    return record


def _outing(text: tuple[str, ...], kb: Knowledge) -> Record | None:
    """A non-care item with care hours (``care_item``) the text names, whatever else scored
    higher: in "een dagje efteling met mijn begeleider" the longer word "begeleider" would
    otherwise make it a question about begeleiding."""
    return next(
        (
            record
            for record in kb.in_file(SPENDING_FILE)
            if record.get("care_item")
            and any(term_score(term_tokens(term), text) for term in record.get("terms", ()))
        ),
        None,
    )


def _best_record(text: tuple[str, ...], kb: Knowledge) -> Record | None:
    best: tuple[int, Record] | None = None
    for record in kb.in_file(SPENDING_FILE):
        score = max(term_score(term_tokens(term), text) for term in record.get("terms", ()))
        if score and (best is None or score > best[0]):
            best = (score, record)
    return best[1] if best else None


def _as_tuple(value: object) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,)
    if isinstance(value, (list, tuple)):
        return tuple(str(v) for v in value)
    raise TypeError(f"expected text or a list of texts, got {type(value).__name__}")


def _ask_law_question(record: Record, knowledge: Knowledge) -> str:
    return str(record.get("question") or get_text("ask_which_law", knowledge))


def _local_rule(
    record: Record, law: Law | None, areas: frozenset[str]
) -> tuple[str, dict[str, object]] | None:
    """The record's rule for one of the deployment's areas, if the law fits (or is open)."""
    for area, rule in (record.get("local") or {}).items():
        if str(area).casefold() not in areas:
            continue
        rule_law = rule.get("law")
        if rule_law is None or (law is not None and law.value == rule_law):
            return str(area), dict(rule)
    return None


PAID_ANYWAY = "spending_paid_anyway"


def spending_verdict(
    item_text: str,
    law: Law | None = None,
    knowledge: Knowledge | None = None,
    local_areas: str | frozenset[str] | None = None,
    paid_already: bool = False,
) -> SpendingVerdict:
    """May ``item_text`` be paid from a pgb under ``law``? ``paid_already``: the person says it
    was paid already, so what that can cost is said unless it may be paid.

    Dutch input is normalised (case, accents, punctuation, plurals, compounds, synonyms from
    the YAML ``terms``). Where the rule differs per law and ``law`` is None, the answer is
    DEPENDS with the question which law applies; when ``law`` is given and the YAML has a rule
    for it, that rule decides. An item that matches nothing is UNKNOWN and tells the person to
    ask the financier first: the function never guesses "allowed".

    ``local_areas`` (optional; the deployment's ``PGB_LOCAL_AREAS``) lets a rule under
    ``local`` for one of those areas decide; its reason names the area. Other deployments
    never get another area's local rule.
    """
    kb = knowledge or load_knowledge()
    areas = parse_local_areas(local_areas)
    record = match_item(item_text, kb)
    if record is None:
        return SpendingVerdict(
            verdict=Verdict.UNKNOWN,
            reason=get_text("spending_unknown", kb),
            conditions=(),
            question=None,
            item_id=None,
            law=law,
            sources=(),
            checked=None,
            status=None,
        )
    by_law = record.get("by_law") or {}
    item_conditions = _as_tuple(record.get("conditions"))
    rule = by_law.get(law.value) if law is not None else None
    if rule is not None:
        verdict = Verdict(rule["verdict"])
        own = _as_tuple(rule.get("conditions"))
        conditions = own if verdict is Verdict.NOT_ALLOWED else own + item_conditions
        question = rule.get("question") if verdict is Verdict.DEPENDS else None
        if verdict is Verdict.DEPENDS and question is None:
            question = _ask_law_question(record, kb)
        reason = str(rule.get("reason") or record.get("reason"))
    else:
        verdict = Verdict(record.get("verdict"))
        conditions = item_conditions
        question = None
        if verdict is Verdict.DEPENDS:
            # With the law known, a "which law?" question makes no sense: send the person
            # to that law's financier instead.
            question = (
                referral_text([financier_for(law, kb)], kb)
                if law is not None and by_law
                else _ask_law_question(record, kb)
            )
        reason = str(record.get("reason"))
    local = _local_rule(record, law, areas)
    if local is not None:
        _, rule = local
        verdict = Verdict(str(rule["verdict"]))
        reason = str(rule["reason"])
        conditions = _as_tuple(rule.get("conditions")) or conditions
        question = (
            referral_text([financier_for(law, kb) if law else "financier"], kb)
            if verdict is Verdict.DEPENDS
            else None
        )
    sources = kb.source_refs(record)
    if verdict is Verdict.NOT_ALLOWED or (paid_already and verdict is not Verdict.ALLOWED):
        # People often ask after they paid: what that can cost them.
        conditions = (*conditions, get_text(PAID_ANYWAY, kb))
        known = {s.id for s in sources}
        sources += tuple(r for r in kb.source_refs(kb.get(PAID_ANYWAY)) if r.id not in known)
    return SpendingVerdict(
        verdict=verdict,
        reason=reason,
        conditions=conditions,
        question=question,
        item_id=record.id,
        law=law,
        sources=sources,
        checked=record.checked,
        status=record.status,
        depends_on_law=verdict is Verdict.DEPENDS and law is None and bool(by_law),
    )
