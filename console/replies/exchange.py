"""The reply library as a JSON file: export it, import it elsewhere.

An import reads and checks the whole file before it writes anything: a file
that is not a reply library, or one entry that is wrong, changes nothing and
the problem says which entry and what is wrong with it.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from console.problems import ProblemError, define, problem
from console.store.models import utcnow
from console.store.reply_tables import APPROVED, MACHINE_DRAFT, ReplyEntry, ReplyVariant

FORMAT = "support-console-replies"
FORMAT_VERSION = 1
MAX_FILE_BYTES = 20_000_000
_LANGUAGE = re.compile(r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$")

UNREADABLE = define("replies.file_unreadable", "The file {path} could not be read.")
TOO_LARGE = define("replies.file_too_large", "The file {path} is too large to be a reply library.")
NOT_JSON = define(
    "replies.not_json",
    "The file {path} is not a reply library: it is not valid JSON (line {line}).",
)
WRONG_FORMAT = define(
    "replies.wrong_format",
    "The file {path} is not a reply library exported by the console.",
)
NEWER_FORMAT = define(
    "replies.newer_format",
    "The file {path} was written by a newer version of the console; update it to import it.",
)
BAD_FIELD = define(
    "replies.bad_field",
    "Reply {reply} in {path}: the field \u201c{field}\u201d is missing or not valid.",
)
NO_SOURCE_TEXT = define(
    "replies.no_source_text",
    "Reply {reply} in {path} has no text in its source language ({language}).",
)
DUPLICATE = define("replies.duplicate", "Reply {reply} appears more than once in {path}.")


@dataclass(frozen=True)
class ImportSummary:
    added: int
    updated: int

    def __str__(self) -> str:
        return f"{self.added} replies added, {self.updated} updated"


def export_library(session: Session) -> dict[str, Any]:
    entries = session.scalars(
        select(ReplyEntry).options(selectinload(ReplyEntry.variants)).order_by(ReplyEntry.key)
    ).all()
    return {
        "format": FORMAT,
        "version": FORMAT_VERSION,
        "replies": [
            {
                "key": entry.key,
                "category": entry.category,
                "keywords": list(entry.keywords or ()),
                "source_language": entry.source_language,
                "variants": {
                    v.language: {
                        "text": v.text,
                        "status": v.status,
                        "version": v.version,
                        "approved_source_version": v.approved_source_version,
                        "approved_by": v.approved_by,
                    }
                    for v in entry.variants
                },
            }
            for entry in entries
        ],
    }


def _bad(path: str, reply: str, field: str) -> ProblemError:
    return ProblemError(problem(BAD_FIELD, path=path, reply=reply, field=field))


def _text(value: Any, limit: int) -> bool:
    return isinstance(value, str) and bool(value.strip()) and len(value) <= limit


def _count(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and 1 <= value < 2**31


def parse_library(text: str, path: str) -> list[dict[str, Any]]:
    """The checked entries of a library file's *text*; ProblemError names the first fault."""
    try:
        data: Any = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ProblemError(problem(NOT_JSON, path=path, line=str(exc.lineno))) from exc
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise ProblemError(problem(WRONG_FORMAT, path=path))
    version = data.get("version")
    if not isinstance(version, int) or not _count(version):
        raise ProblemError(problem(WRONG_FORMAT, path=path))
    if version > FORMAT_VERSION:
        raise ProblemError(problem(NEWER_FORMAT, path=path))
    replies = data.get("replies")
    if not isinstance(replies, list):
        raise _bad(path, "-", "replies")
    checked: list[dict[str, Any]] = []
    seen: set[str] = set()
    for number, raw in enumerate(replies, start=1):
        name = str(number)
        if not isinstance(raw, dict):
            raise _bad(path, name, "key")
        key = raw.get("key")
        if not _text(key, 100):
            raise _bad(path, name, "key")
        name = f"{number} ({key})"
        if key in seen:
            raise ProblemError(problem(DUPLICATE, path=path, reply=name))
        seen.add(str(key))
        if not _text(raw.get("category"), 64):
            raise _bad(path, name, "category")
        keywords = raw.get("keywords", [])
        if not isinstance(keywords, list) or not all(_text(k, 100) for k in keywords):
            raise _bad(path, name, "keywords")
        source = raw.get("source_language")
        if not isinstance(source, str) or not _LANGUAGE.match(source):
            raise _bad(path, name, "source_language")
        variants = raw.get("variants")
        if not isinstance(variants, dict) or not variants:
            raise _bad(path, name, "variants")
        clean: dict[str, dict[str, Any]] = {}
        for language, variant in variants.items():
            where = f"variants.{language}"
            if not _LANGUAGE.match(language) or not isinstance(variant, dict):
                raise _bad(path, name, where)
            if not _text(variant.get("text"), 20_000):
                raise _bad(path, name, f"{where}.text")
            status = variant.get("status", APPROVED)
            if status not in (APPROVED, MACHINE_DRAFT):
                raise _bad(path, name, f"{where}.status")
            version_of = variant.get("version", 1)
            if not _count(version_of):
                raise _bad(path, name, f"{where}.version")
            against = variant.get("approved_source_version")
            if against is not None and not _count(against):
                raise _bad(path, name, f"{where}.approved_source_version")
            by = variant.get("approved_by", "")
            if not isinstance(by, str) or len(by) > 200:
                raise _bad(path, name, f"{where}.approved_by")
            clean[language] = {
                "text": variant["text"],
                "status": status,
                "version": version_of,
                "approved_source_version": None if language == source else against,
                "approved_by": by,
            }
        if source not in clean:
            raise ProblemError(problem(NO_SOURCE_TEXT, path=path, reply=name, language=source))
        checked.append(
            {"key": key, "category": raw["category"], "keywords": list(keywords),
             "source_language": source, "variants": clean}
        )  # fmt: skip
    return checked


def read_library_file(path: Path) -> list[dict[str, Any]]:
    """The checked entries of the file at *path* (nothing is written)."""
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            raise ProblemError(problem(TOO_LARGE, path=str(path)))
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ProblemError(problem(UNREADABLE, path=str(path))) from exc
    return parse_library(text, str(path))


def import_library(session: Session, entries: list[dict[str, Any]]) -> ImportSummary:
    """Write checked entries (from :func:`parse_library`): each key's entry is replaced."""
    now = utcnow()
    added = updated = 0
    for data in entries:
        entry = session.scalars(
            select(ReplyEntry)
            .options(selectinload(ReplyEntry.variants))
            .where(ReplyEntry.key == data["key"])
        ).first()
        if entry is None:
            entry = ReplyEntry(key=data["key"])
            session.add(entry)
            added += 1
        else:
            updated += 1
        entry.category, entry.keywords = data["category"], data["keywords"]
        entry.source_language, entry.updated_at = data["source_language"], now
        by_language = {v.language: v for v in entry.variants}
        for language in set(by_language) - set(data["variants"]):
            entry.variants.remove(by_language[language])
        for language, variant in data["variants"].items():
            row = by_language.get(language)
            if row is None:
                row = ReplyVariant(language=language)
                entry.variants.append(row)
            row.text, row.status, row.version = (
                variant["text"],
                variant["status"],
                variant["version"],
            )
            row.approved_source_version = variant["approved_source_version"]
            row.approved_by, row.updated_at = variant["approved_by"], now
    session.flush()
    return ImportSummary(added, updated)
