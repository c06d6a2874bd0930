"""An overview as CSV (RFC 4180, UTF-8), the same rows as the table on the page."""

from __future__ import annotations

import csv
import io

from api.insight.schemas import Cell, Section

# A cell that a spreadsheet would run as a formula (grouped messages are people's words).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _cell(value: Cell) -> str:
    if value is None:
        return ""
    text = str(value)
    if isinstance(value, str) and text.startswith(_FORMULA_START):
        return "'" + text
    return text


def as_csv(section: Section) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(section.columns)
    writer.writerows([_cell(v) for v in row] for row in section.rows)
    return out.getvalue()
