"""Loading and looking up the knowledge files in ``bot/knowledge/``.

The files are read once (cached per directory) and validated on that first load; any problem
raises :class:`KnowledgeError` naming file, record and field. Tests can point the loader at
another directory.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType
from typing import Any

import yaml

from bot.pgb.errors import KnowledgeError, UnknownRecordError
from bot.pgb.models import Contact, Record, Source, SourceRef
from bot.pgb.schema import parse_record, parse_source
from bot.pgb.schema_fields import LAW_TEXT_FIELDS

#: Default location of the knowledge files, found next to this package.
KNOWLEDGE_DIR = Path(__file__).resolve().parent.parent / "knowledge"
SOURCES_FILE = "sources.yaml"


@dataclass(frozen=True, eq=False)
class Knowledge:
    """All records of one knowledge directory, indexed by id."""

    directory: Path
    sources: Mapping[str, Source]
    records: Mapping[str, Record]

    def get(self, record_id: str) -> Record:
        """Return the record with this id, or raise :class:`UnknownRecordError`."""
        try:
            return self.records[record_id]
        except KeyError:
            raise UnknownRecordError(record_id) from None

    def in_file(self, file: str) -> tuple[Record, ...]:
        """All records of one file, in file order."""
        return tuple(r for r in self.records.values() if r.file == file)

    def source_refs(self, record: Record) -> tuple[SourceRef, ...]:
        """The record's sources as :class:`SourceRef` objects, with its checked date."""
        return tuple(
            SourceRef(
                id=sid,
                label=self.sources[sid].label,
                url=self.sources[sid].url,
                checked=record.checked,
                status=record.status,
            )
            for sid in record.source
        )


def _read_yaml(path: Path) -> Any:
    try:
        with path.open(encoding="utf-8") as handle:
            return yaml.safe_load(handle)
    except yaml.YAMLError as exc:
        raise KnowledgeError(path.name, None, None, f"invalid YAML: {exc}") from None


def _load_sources(directory: Path) -> dict[str, Source]:
    path = directory / SOURCES_FILE
    if not path.is_file():
        raise KnowledgeError(SOURCES_FILE, None, None, f"missing in {directory}")
    raw = _read_yaml(path)
    if not isinstance(raw, Mapping) or not isinstance(raw.get("sources"), list):
        raise KnowledgeError(SOURCES_FILE, None, "sources", "top level must be 'sources: [...]'")
    sources: dict[str, Source] = {}
    for entry in raw["sources"]:
        source = parse_source(entry, SOURCES_FILE)
        if source.id in sources:
            raise KnowledgeError(SOURCES_FILE, source.id, "id", "duplicate source ID")
        sources[source.id] = source
    return sources


def _check_references(records: Mapping[str, Record]) -> None:
    """Cross-record checks: ``follow_up`` must name an existing record."""
    for record in records.values():
        for fld in ("follow_up", "care_item"):
            target = record.get(fld)
            if target is not None and target not in records:
                raise KnowledgeError(record.file, record.id, fld, f"unknown id {target!r}")


def load_knowledge(directory: Path | str | None = None) -> Knowledge:
    """Load and validate every ``*.yaml`` file of ``directory`` (default: ``bot/knowledge``).

    Results are cached per directory, so repeated calls are cheap.
    """
    return _load_cached(Path(directory).resolve() if directory else KNOWLEDGE_DIR)


@lru_cache(maxsize=8)
def _load_cached(directory: Path) -> Knowledge:
    sources = _load_sources(directory)
    records: dict[str, Record] = {}
    for path in sorted(directory.glob("*.yaml")):
        if path.name == SOURCES_FILE:
            continue
        raw = _read_yaml(path)
        if not isinstance(raw, Mapping) or not isinstance(raw.get("records"), list):
            raise KnowledgeError(path.name, None, "records", "top level must be 'records: [...]'")
        for entry in raw["records"]:
            record = parse_record(entry, path.name, sources)
            if record.id in records:
                other = records[record.id].file
                raise KnowledgeError(path.name, record.id, "id", f"duplicate id (also in {other})")
            records[record.id] = record
    _check_references(records)
    return Knowledge(directory, MappingProxyType(sources), MappingProxyType(records))


def get_record(record_id: str, knowledge: Knowledge | None = None) -> Record:
    """Any record by id."""
    return (knowledge or load_knowledge()).get(record_id)


def get_fact(record_id: str, knowledge: Knowledge | None = None) -> Record:
    """A fact record by id. Check :attr:`Record.statable` before stating it.

    For an UNVERIFIED record use :func:`statement` instead: it returns the referral text.
    """
    return get_record(record_id, knowledge)


def get_answer(answer_id: str, knowledge: Knowledge | None = None) -> Record:
    """A short FAQ answer from ``answers.yaml`` (ids map one to one to the bot's intents)."""
    record = get_record(answer_id, knowledge)
    if record.file != "answers.yaml":
        raise UnknownRecordError(answer_id, "answer")
    return record


def answer_ids(knowledge: Knowledge | None = None) -> tuple[str, ...]:
    """The ids of all FAQ answers, in file order."""
    return tuple(r.id for r in (knowledge or load_knowledge()).in_file("answers.yaml"))


def get_text(text_id: str, knowledge: Knowledge | None = None) -> str:
    """A Dutch interface text from ``texts.yaml`` (or any record's ``text``)."""
    record = get_record(text_id, knowledge)
    if record.text is None:
        raise UnknownRecordError(text_id, "text")
    return record.text


def referral_text(contacts: Iterable[Contact | str], knowledge: Knowledge | None = None) -> str:
    """The Dutch "please check with ..." sentence for the first contact given."""
    first = next(iter(contacts), Contact.FINANCIER)
    code = first.value if isinstance(first, Contact) else str(first)
    return get_text(f"refer_{code}", knowledge)


def statement(record: Record, knowledge: Knowledge | None = None, field: str = "text") -> str:
    """What the bot may say about a record.

    A statable record gives its ``text`` (or another of its text fields, such as an answer's
    ``text_opdracht``), followed by its :func:`change_note` when the rule is changing. An
    UNVERIFIED record never gives its claim: the person gets the neutral topic plus a referral
    to the organisation in ``refer_to``.
    """
    text = record.text if field == "text" else record.get(field)
    if record.statable and text:
        note = change_note(record, knowledge) if _change_applies(record, field) else None
        return f"{text} {note}" if note else str(text)
    topic = record.get("topic") or ""
    refer = record.get("refer_to") or [Contact.FINANCIER.value]
    refer_list = [refer] if isinstance(refer, str) else list(refer)
    return f"{topic} {referral_text(refer_list, knowledge)}".strip()


def _change_applies(record: Record, field: str) -> bool:
    """A change about one law is not noted under the answer's text for another law."""
    law = (record.get("change") or {}).get("law")
    return not (law and field in LAW_TEXT_FIELDS and field != f"text_{law}")


def contact_label(contact: Contact | str, knowledge: Knowledge | None = None) -> str:
    """Dutch name of an organisation (``texts.yaml`` ids ``contact_<code>``)."""
    code = contact.value if isinstance(contact, Contact) else contact
    return get_text(f"contact_{code}", knowledge)


def source_label(source_id: str, knowledge: Knowledge | None = None) -> str:
    """Short Dutch label of a source, for example ``"SVB"`` or ``"ISD Bollenstreek"``."""
    kb = knowledge or load_knowledge()
    try:
        return kb.sources[source_id].label
    except KeyError:
        raise UnknownRecordError(source_id, "source") from None


def parse_local_areas(value: str | Iterable[str] | None) -> frozenset[str]:
    """The organisations and gemeenten a deployment serves, for local rules.

    Accepts the raw ``PGB_LOCAL_AREAS`` value ("ISD Bollenstreek; Gemeente Leiden", comma or
    semicolon separated) or a list; names are compared case-insensitively. Empty: no local
    rules apply, so the bot says only national and per-law rules.
    """
    if value is None:
        return frozenset()
    parts = re.split(r"[;,]", value) if isinstance(value, str) else list(value)
    return frozenset(p.strip().casefold() for p in parts if p and p.strip())


def format_date(day: date) -> str:
    """Dutch numeric date, as elsewhere in the bot: ``01-07-2026``."""
    return day.strftime("%d-%m-%Y")


def change_note(record: Record, knowledge: Knowledge | None = None) -> str | None:
    """For a changing rule: what changes, from when and its status, and who to check with.

    The record's own ``text`` says what holds now; this adds the ``change`` block in Dutch
    from ``texts.yaml`` (``change_<status>``, ``change_check_with``). None for other records.
    """
    change = record.get("change")
    if not change:
        return None
    kb = knowledge or load_knowledge()
    parts = [str(change["text"]).strip()]
    starts = change.get("starts")
    status = change["status"]
    if starts is not None:
        parts.append(get_text(f"change_{status}", kb).format(date=format_date(starts)))
    else:
        parts.append(get_text(f"change_{status}_no_date", kb))
    contacts = change.get("check_with") or [Contact.FINANCIER.value]
    contacts = [contacts] if isinstance(contacts, str) else list(contacts)
    labels = " of ".join(contact_label(c, kb) for c in contacts)
    parts.append(get_text("change_check_with", kb).format(contacts=labels))
    return " ".join(parts)
