"""What Inzicht sends the console: every overview as a table (a title, columns and rows), which
the console also draws as a chart and offers as CSV. Counts are already made safe (small.py)."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel

Cell = str | int | float | None


class Section(BaseModel):
    id: str
    title: str
    chart: Literal["line", "bar"] | None
    columns: list[str]
    rows: list[list[Cell]]
    note: str | None = None


class PeriodOut(BaseModel):
    date_from: str
    date_to: str
    step: str
    timezone: str


class Insight(BaseModel):
    period: PeriodOut
    sections: list[Section]
