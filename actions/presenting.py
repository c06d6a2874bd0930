"""Format knowledge for a chat message: bullet lists and the source line. No prose here: the
sentences come from bot/knowledge and the domain responses."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

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


def sources_line(items: Iterable[AdviceItem | object]) -> dict[str, str]:
    """The labels of all sources, and the oldest check date, for utter_*_sources."""
    refs: list[SourceRef] = [ref for item in items for ref in getattr(item, "sources", ())]
    return source_values(refs)


def source_values(refs: Iterable[SourceRef]) -> dict[str, str]:
    refs = list(refs)
    labels = list(dict.fromkeys(ref.label for ref in refs))
    checked = min((ref.checked for ref in refs), default=None)
    return {"sources": ", ".join(labels), "checked": format_date(checked)}


def format_date(day: date | None) -> str:
    return day.strftime("%d-%m-%Y") if day else "onbekend"
