"""Where the question is in a message: its sentences, and which of them ask something.

Plain text rules, no Rasa: bot/understanding.py reads a story by its question part, and the
actions (actions/answers.py) take what a question names from the question, not from the story
around it ("ik krijg al persoonlijke verzorging. mag ik ook een schoonmaakster betalen?").
"""

from __future__ import annotations

import re

# Words a Dutch question starts with (after a filler such as "ok" or "en"). The api strips a
# message's closing "?" (api/nlu_text.py), so a story's last question counts by these words:
# "kunt u mij zeggen of ...", "hebt u ...", "maakt het uit ...", "staat het geld ...". Not "wil"
# or "komt": "wil graag een mens spreken", "komt door zijn ziekte" are no questions.
QUESTION_WORDS = frozenset(
    """wat hoe hoeveel hoelang hoezo waar waarom wanneer wie welke welk waarvoor waarmee
    moet moeten mag mogen kan kun kunnen krijg krijgt krijgen is zijn ben bent heb heeft hebben
    telt tellen valt vallen gaat gaan wordt word worden betaal betaalt zit klopt blijft blijven
    verandert geldt gelden hoef hoeft hoeven zou zouden weet helpt kost kosten werkt betekent
    loopt stopt doet hoort vergoedt regelt bouw bouwt kunt hebt maakt staat houd houdt
    wilt""".split()  # noqa: SIM905
)
WH_WORDS = frozenset(
    "wat hoe hoeveel hoelang hoezo waar waarom wanneer wie welke welk waarvoor waarmee".split()  # noqa: SIM905
)
# After a first verb these make a reply, not a question ("klopt helemaal", "is goed").
REPLY_WORDS = frozenset("helemaal goed prima wel niet oke oké ok fijn duidelijk genoeg".split())  # noqa: SIM905
# "weet ik (eigenlijk) niet": a reply, though it starts like a question.
_DONT_KNOW = re.compile(r"weet (ik|we|wij)\b.*\bniet$")
FILLERS = frozenset({"ok", "oke", "oké", "okay", "ja", "nee", "maar", "en", "dus", "hm", "hmm"})
_SENTENCE_END = re.compile(r"(?<=[.?!])\s+|\n+")
# ", hoe krijg ik ..." or ", mag ik ...": a question that starts after a comma in one long
# sentence (a question word, or a verb followed by its subject).
_CLAUSE = re.compile(
    r",\s+(?=(?:wat|hoe|hoeveel|hoelang|waar\w*|waarom|wanneer|wie|welke?)\b"
    r"|(?:moet|mag|kan|kun|kunnen|krijg|krijgt|heb|heeft|ben|is|wordt|word|telt|gaat|hoef"
    r"|loopt|stopt|kost|werkt|helpt|doet|geldt|blijft|valt|betaalt|verandert)\s+"
    r"(?:ik|we|wij|je|jij|u|hij|ze|zij|dat|het|die|dit|mijn|er|de|een|zijn|haar|ons|onze"
    r"|iemand|jullie)\b)",
    re.IGNORECASE,
)


def parts(text: str) -> list[str]:
    """The sentences of a message, and the clauses that start a question after a comma."""
    pieces: list[str] = []
    for sentence in _SENTENCE_END.split(text.strip()):
        pieces += [p.strip() for p in _CLAUSE.split(sentence) if p.strip()]
    return pieces


def words(text: str) -> list[str]:
    return re.findall(r"[\wéëïöüè']+", text.lower())


def starts_a_question(text: str) -> bool:
    """A question word first ("hoe", "wie"), or a verb before its subject ("mag ik", "klopt
    dat"); not a verb alone or before a reply word ("klopt helemaal", "is goed")."""
    said = words(text)
    while said and said[0] in FILLERS:
        said = said[1:]
    if not said or said[0] not in QUESTION_WORDS:
        return False
    if said[0] in WH_WORDS:
        return True
    reply = len(said) == 1 or said[1] in REPLY_WORDS or _DONT_KNOW.match(" ".join(said))
    return not reply


def is_question(text: str) -> bool:
    """A question mark, a sentence or clause that starts with a question word or verb (after
    fillers such as "ok", "en"), or a closing "toch" / "of niet". The api strips the closing "?"
    (api/nlu_text.py), so "ik heb aow, gaat die dan omlaag" must count by its words."""
    said = words(text)
    if "?" in text or said[-2:] in (["of", "niet"], ["klopt", "dat"]):
        return True
    return bool(said) and (
        said[-1] == "toch" or any(starts_a_question(p) for p in parts(text) or [text])
    )


def question_part(text: str) -> str | None:
    """The question sentences of a message with context; None when it is all question."""
    pieces = parts(text)
    if len(pieces) < 2:
        return None
    questions = [p for p in pieces if is_question(p)] or pieces[-1:]
    focus = " ".join(questions)
    return focus if focus != " ".join(pieces) else None


def questions(text: str) -> list[str]:
    """The parts of a message that ask something (all of it when none reads as a question)."""
    pieces = parts(text)
    return [p for p in pieces if is_question(p)] or pieces


def question_ranges(text: str) -> list[tuple[int, int]]:
    """Where the question parts are in the text (start, end), when the message has context
    around them; empty when it is all question."""
    pieces = parts(text)
    asked = [p for p in pieces if is_question(p)]
    if len(pieces) < 2 or not asked or len(asked) == len(pieces):
        return []
    ranges, cursor = [], 0
    for piece in pieces:
        start = text.find(piece, cursor)
        if start < 0:
            return []
        cursor = start + len(piece)
        if piece in asked:
            ranges.append((start, cursor))
    return ranges
