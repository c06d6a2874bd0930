"""Honest provenance: the "Bron: ..." line and FAQ replies with their check status.

"gecontroleerd <date>" is said only for VERIFIED records (checked against their named public
sources on that date); seed and secondary records are listed as not separately checked and
never get a date (issue 13, "Honest check dates").
"""

from __future__ import annotations

from collections.abc import Iterable

from bot.pgb.knowledge import (
    Knowledge,
    format_date,
    get_answer,
    get_text,
    load_knowledge,
    statement,
)
from bot.pgb.models import SourceRef


def source_line(refs: Iterable[SourceRef], knowledge: Knowledge | None = None) -> str:
    """The Dutch "Bron: ..." line, honest about checks.

    Sources of VERIFIED records are shown with the oldest check date; sources of seed or
    secondary records are listed as not separately checked and never get a date.
    """
    kb = knowledge or load_knowledge()
    refs = list(refs)
    checked = [r for r in refs if r.verified_on is not None]
    checked_labels = list(dict.fromkeys(r.label for r in checked))
    other = list(dict.fromkeys(r.label for r in refs if r.verified_on is None))
    other = [label for label in other if label not in checked_labels]
    lines = []
    if checked:
        oldest = min(r.checked for r in checked)
        lines.append(
            get_text("source_line_checked", kb).format(
                sources=", ".join(checked_labels), checked=format_date(oldest)
            )
        )
    if other:
        key = "source_line_unchecked" if not checked else "source_line_also_unchecked"
        lines.append(get_text(key, kb).format(sources=", ".join(other)))
    return " ".join(lines)


def provenance(refs: Iterable[SourceRef], knowledge: Knowledge | None = None) -> dict[str, str]:
    """Values for a source response: ``sources`` (all labels), ``checked`` (oldest check
    date of VERIFIED sources, or "" when none was checked) and ``line`` (:func:`source_line`).

    Replaces ``actions.presenting.source_values``, which showed a check date for every record.
    """
    refs = list(refs)
    checked = [r.checked for r in refs if r.verified_on is not None]
    return {
        "sources": ", ".join(dict.fromkeys(r.label for r in refs)),
        "checked": format_date(min(checked)) if checked else "",
        "line": source_line(refs, knowledge),
    }


def faq_text(answer_id: str, knowledge: Knowledge | None = None, field: str = "text") -> str:
    """The full FAQ reply: answer, change note if any, and the honest source line; with
    ``field``, another text of the answer instead of its text (``text_opdracht``, ``text_wlz``).

    For ``scripts/build_faq_domain.py`` (instead of its own "gecontroleerd" line).
    """
    kb = knowledge or load_knowledge()
    answer = get_answer(answer_id, kb)
    said = statement(answer, kb, field)
    return f"{said}\n\n{source_line(kb.source_refs(answer), kb)}"
