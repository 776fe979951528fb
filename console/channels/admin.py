"""Read and manage what the channel views show: quarantine, channel configs, import previews.

Functions of a Session (or of a file, for previews) returning frozen
dataclasses, for :mod:`console.ui.channels.quarantine_window`,
:mod:`console.ui.channels.channel_settings` and :mod:`console.ui.channels.mapping_preview`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from itertools import islice
from pathlib import Path
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from console import audit
from console.channels.mapping import FIELDS, ColumnMapping, guess_mapping
from console.channels.scrub import secret_setting
from console.channels.sources import detect_format, open_table, table_item
from console.problems import Problem, define, problem
from console.store.channel_tables import ChannelConfig, QuarantinedItem
from console.store.models import utcnow

CHANNEL_KINDS = ("imap", "smtp", "webhook", "maildir", "mbox", "csv", "json")
SECRET_IN_SETTINGS = define(
    "channel.secret_in_settings",
    "The setting {place} holds a password, token or other secret. Secrets are kept in the "
    "system keyring only: enter it in the password field instead.",
)


class ChannelConfigError(ValueError):
    """A channel configuration that cannot be saved; the text is for the user.

    ``problem`` is set when the reason is a :class:`~console.problems.Problem` (for the UI
    to word in its language).
    """

    def __init__(self, reason: str | Problem) -> None:
        super().__init__(str(reason))
        self.problem = reason if isinstance(reason, Problem) else None


# -- quarantine ----------------------------------------------------------------------------


@dataclass(frozen=True)
class QuarantineEntry:
    id: int
    source: str
    item_ref: str
    reason: str  # English
    problem: str | None  # the reason as console.problems.Problem JSON, for the UI to word
    size: int
    excerpt: str  # plain text, never rendered as HTML
    created_at: datetime
    resolved: bool


def quarantine_entries(
    session: Session, *, include_resolved: bool = False, limit: int = 5000
) -> list[QuarantineEntry]:
    query = select(QuarantinedItem).order_by(QuarantinedItem.id.desc()).limit(limit)
    if not include_resolved:
        query = query.where(QuarantinedItem.resolved_at.is_(None))
    return [
        QuarantineEntry(
            id=row.id,
            source=row.source,
            item_ref=row.item_ref,
            reason=row.reason,
            problem=row.problem,
            size=row.size,
            excerpt=row.excerpt,
            created_at=row.created_at,
            resolved=row.resolved_at is not None,
        )
        for row in session.scalars(query)
    ]


def quarantine_count(session: Session) -> int:
    return int(
        session.scalar(
            select(func.count())
            .select_from(QuarantinedItem)
            .where(QuarantinedItem.resolved_at.is_(None))
        )
        or 0
    )


def resolve_quarantined(session: Session, entry_ids: list[int], *, actor: str) -> int:
    """Mark items as dealt with (they stay recorded, so a re-import does not bring them back)."""
    rows = list(
        session.scalars(
            select(QuarantinedItem).where(
                QuarantinedItem.id.in_(entry_ids) & QuarantinedItem.resolved_at.is_(None)
            )
        )
    )
    now = utcnow()
    for row in rows:
        row.resolved_at = now
    if rows:
        audit.record(
            session,
            actor=actor,
            action="resolve_quarantine",
            entity="quarantine",
            ids=[row.id for row in rows],
        )
    return len(rows)


# -- channel configurations ----------------------------------------------------------------


@dataclass(frozen=True)
class ChannelConfigView:
    id: int
    name: str
    kind: str
    settings: dict[str, Any]
    enabled: bool


def channel_configs(session: Session) -> list[ChannelConfigView]:
    return [
        ChannelConfigView(row.id, row.name, row.kind, dict(row.settings), row.enabled)
        for row in session.scalars(select(ChannelConfig).order_by(ChannelConfig.name))
    ]


def _check_no_secrets(settings: dict[str, Any]) -> None:
    """Refuse settings with a secret anywhere: by key name, in lists, URLs or by its look."""
    place = secret_setting(settings)
    if place is not None:
        raise ChannelConfigError(problem(SECRET_IN_SETTINGS, place=place))


def save_channel_config(
    session: Session,
    *,
    name: str,
    kind: str,
    settings: dict[str, Any],
    enabled: bool = True,
    actor: str,
) -> int:
    """Create or update a channel by name; returns its id. Refuses anything secret-looking."""
    name = name.strip()
    if not name:
        raise ChannelConfigError("A channel needs a name.")
    if kind not in CHANNEL_KINDS:
        raise ChannelConfigError(f"Unknown channel kind {kind!r}.")
    _check_no_secrets(settings)
    row = session.scalar(select(ChannelConfig).where(ChannelConfig.name == name))
    if row is None:
        row = ChannelConfig(name=name, kind=kind, settings=settings, enabled=enabled)
        session.add(row)
    else:
        row.kind, row.settings, row.enabled = kind, dict(settings), enabled
    row.updated_at = utcnow()
    session.flush()
    audit.record(
        session,
        actor=actor,
        action="save_channel",
        entity="channel_config",
        entity_id=row.id,
        name=name,
        kind=kind,
    )
    return row.id


def delete_channel_config(session: Session, config_id: int, *, actor: str) -> None:
    row = session.get(ChannelConfig, config_id)
    if row is None:
        return
    audit.record(
        session,
        actor=actor,
        action="delete_channel",
        entity="channel_config",
        entity_id=row.id,
        name=row.name,
    )
    session.delete(row)


def saved_mapping(session: Session, source: Path) -> ColumnMapping | None:
    """The column mapping saved for a file source (by its resolved path), if any."""
    for row in session.scalars(
        select(ChannelConfig).where(ChannelConfig.kind.in_(("csv", "json")))
    ):
        if row.settings.get("path") == str(source.resolve()) and "mapping" in row.settings:
            return ColumnMapping.from_dict(row.settings["mapping"])
    return None


def save_mapping(session: Session, source: Path, mapping: ColumnMapping, *, actor: str) -> int:
    import json

    path = source.resolve()
    fmt = "json" if path.suffix.lower() in (".json", ".jsonl", ".ndjson") else "csv"
    return save_channel_config(
        session,
        name=f"{fmt}: {path}",
        kind=fmt,
        settings={"path": str(path), "mapping": json.loads(mapping.to_json())},
        actor=actor,
    )


# -- import preview -------------------------------------------------------------------------

PREVIEW_NOT_TABLE = define(
    "import.preview_not_table",
    "{name} is not a CSV or JSON export, so it has no columns to choose.",
)
#: ``fields`` is the missing field names joined by ", " (the UI words each field).
PREVIEW_UNCHOSEN = define("import.preview_unchosen", "No column chosen for: {fields}.")


@dataclass(frozen=True)
class PreviewRow:
    ref: str
    values: tuple[str, ...]  # one per field in TablePreview.fields
    problem: str | Problem | None  # a Problem where the reader names one (the UI words it)


@dataclass(frozen=True)
class TablePreview:
    path: str
    format: str
    headers: tuple[str, ...]
    mapping: ColumnMapping
    fields: tuple[str, ...]
    rows: tuple[PreviewRow, ...]
    problem: Problem | None  # for the mapping as a whole (the UI words it)
    encoding: str = "UTF-8"  # the file's text encoding, as shown to people
    notices: tuple[Problem, ...] = ()  # the encoding guessed, uncertain, bytes that did not decode


def preview_table(
    path: Path, *, mapping: ColumnMapping | None = None, limit: int = 50
) -> TablePreview:
    """The first ``limit`` rows as the import would read them with ``mapping``."""
    fmt = detect_format(path)
    if fmt not in ("csv", "json"):
        raise ChannelConfigError(problem(PREVIEW_NOT_TABLE, name=path.name))
    table = open_table(path, fmt, mapping.encoding if mapping else None)
    headers, rows = table.headers, table.rows
    mapping = mapping or guess_mapping(headers)
    lacking = mapping.missing()
    whole = problem(PREVIEW_UNCHOSEN, fields=", ".join(lacking)) if lacking else None
    preview_rows = []
    for ref, row, raw in islice(rows, limit):
        values = tuple(
            "" if mapping.columns.get(name) is None else str(row.get(mapping.columns[name], ""))
            for name in FIELDS
        )
        item = table_item(row, ref, raw, mapping, table.decoded) if not lacking else None
        row_problem = item.problem if item and item.problem else whole
        preview_rows.append(PreviewRow(ref=ref, values=values, problem=row_problem))
    return TablePreview(
        path=str(path),
        format=fmt,
        headers=tuple(headers),
        mapping=mapping,
        fields=FIELDS,
        rows=tuple(preview_rows),
        problem=whole,
        encoding=table.decoded.label,
        notices=tuple(table.decoded.notices()),
    )
