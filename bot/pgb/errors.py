"""Exceptions raised by the pgb knowledge layer."""

from __future__ import annotations


class PgbError(Exception):
    """Base class for every error raised by :mod:`bot.pgb`."""


class KnowledgeError(PgbError):
    """A knowledge file is malformed.

    The message always names the file, the record id (or ``<file>`` when the problem is not
    inside one record) and the field, so that a maintainer can fix the YAML at once.
    """

    def __init__(self, file: str, record_id: str | None, field: str | None, problem: str) -> None:
        self.file = file
        self.record_id = record_id or "<file>"
        self.field = field or "<record>"
        self.problem = problem
        super().__init__(f"{file}: record {self.record_id!r}, field {self.field!r}: {problem}")


class UnknownRecordError(PgbError, LookupError):
    """A look-up asked for a record id that the knowledge base does not hold."""

    def __init__(self, record_id: str, kind: str = "record") -> None:
        self.record_id = record_id
        self.kind = kind
        super().__init__(f"unknown {kind} id {record_id!r}")
