"""Format knowledge for a chat message: bullet lists and the source line. No prose here: the
sentences come from bot/knowledge and the domain responses."""

from __future__ import annotations

from collections.abc import Iterable

from bot.pgb import SourceRef
from bot.pgb.provenance import provenance
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
    """Values for utter_advice_sources: the source line, with a check date only for sources
    that were checked (bot.pgb.provenance). Callers send it only when there is a source."""
    return provenance(refs)
