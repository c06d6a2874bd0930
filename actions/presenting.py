"""Format knowledge for a chat message: bullet lists and the source line. No prose here: the
sentences come from bot/knowledge and the domain responses."""

from __future__ import annotations

from collections.abc import Iterable

from bot.pgb import SourceRef
from bot.pgb.suitability import AdviceItem

BULLET = "• "


def bullet_points(items: Iterable[AdviceItem]) -> str:
    lines = []
    for item in items:
        if item.text:
            lines.append(BULLET + item.text)
        lines.extend(BULLET + point for point in item.items)
    return "\n".join(lines)


def source_values(refs: Iterable[SourceRef]) -> dict[str, str]:
    """The labels of the sources and the oldest check date, for utter_advice_sources.

    Callers send that response only when there is at least one source.
    """
    refs = list(refs)
    labels = list(dict.fromkeys(ref.label for ref in refs))
    checked = min(ref.checked for ref in refs)
    return {"sources": ", ".join(labels), "checked": checked.strftime("%d-%m-%Y")}
