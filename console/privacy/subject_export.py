"""Everything held about one customer, as JSON plus a readable HTML page (Qt-free).

:func:`collect_export` reads (one transaction): the customer row, then every row of
every table that refers to it, to its conversations or messages, or to those rows in
turn (identities, keys, conversations, messages with their HTML, translations,
attachments, rules tasks, drafts, quality reviews, KPI facts, routing, ...), found by
the tables' foreign keys so a table added later is exported too; the audit entries
about the customer, its conversations and messages; the attachments' content.

:func:`write_export` writes it (file work) into a new folder
``customer-<id>-<UTC time>`` inside the chosen folder: ``customer.json``,
``customer.html`` and ``attachments/``. It is written beside the target first and
renamed into place, so a failure leaves nothing behind. Customer text is hostile:
the page escapes every value and allows no script, style or remote content.

:func:`record_export` audits the export with ids and counts only.

A person who reads customer data masked may not export (an export is everything, raw):
:func:`collect_export` refuses them with ``privacy.export_masked``.
"""

from __future__ import annotations

import enum
import html
import json
import os
import re
import shutil
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Table
from sqlalchemy.orm import Session

from console import audit
from console.privacy.masking import masking_for
from console.privacy.subjects import EXPORT_FOLDER_UNWRITABLE, load_all_tables
from console.problems import ProblemError, define, problem
from console.store.channel_tables import AttachmentBlob
from console.store.models import AuditEntry, Base, Customer, utcnow

FORMAT_VERSION = 1
_CHUNK = 500
#: Tables a customer's rows never lead to in an export (another feature's bookkeeping).
_SKIPPED = frozenset({"translation_memory"})

EXPORT_MASKED = define(
    "privacy.export_masked",
    "You read customer data masked, so you may not export a customer's data; ask compliance "
    "staff or an administrator who reads it unmasked. Nothing was exported.",
)


@dataclass(frozen=True)
class ExportFile:
    """One attachment to write: its path inside ``attachments/`` and its bytes."""

    name: str
    data: bytes


@dataclass(frozen=True)
class SubjectExport:
    customer_id: int
    data: dict[str, Any]
    files: tuple[ExportFile, ...] = field(default=())

    @property
    def conversation_count(self) -> int:
        return len(self.data["tables"].get("conversations", []))

    @property
    def message_count(self) -> int:
        return len(self.data["tables"].get("messages", []))


def refuse_masked_export(session: Session) -> None:
    """Refuse (``privacy.export_masked``) when ``session`` reads customer data masked."""
    if masking_for(session).masked:
        raise ProblemError(problem(EXPORT_MASKED))


def collect_export(session: Session, customer_id: int) -> SubjectExport:
    """Everything the store holds about ``customer_id`` (see the module text)."""
    refuse_masked_export(session)
    load_all_tables()
    customer = session.get(Customer, customer_id)
    if customer is None:
        from console.privacy.subjects import UNKNOWN_CUSTOMER

        raise ProblemError(problem(UNKNOWN_CUSTOMER, who=f"#{customer_id}"))
    tables = Base.metadata.tables
    found: dict[str, list[dict[str, Any]]] = {}
    keys: dict[str, set[tuple[Any, ...]]] = {}
    customers = tables["customers"]
    _add(
        found,
        keys,
        customers,
        session.execute(customers.select().where(customers.c.id == customer_id)).mappings(),
    )
    changed = True
    while changed:
        changed = False
        for table in Base.metadata.sorted_tables:
            if table.name in _SKIPPED or table.name == "customers":
                continue
            for fk in table.foreign_keys:
                target = fk.column.table
                if target.name not in found:
                    continue
                values = {row[fk.column.key] for row in found[target.name]} - {None}
                if not values:
                    continue
                column = fk.parent
                ordered = sorted(values, key=repr)
                for start in range(0, len(ordered), _CHUNK):
                    rows = session.execute(
                        table.select().where(column.in_(ordered[start : start + _CHUNK]))
                    ).mappings()
                    if _add(found, keys, table, rows):
                        changed = True
    audit_rows = _audit_entries(session, customer_id, found)
    files, blob_names = _attachment_files(session, found.get("message_attachments", []))
    for row in found.get("message_attachments", []):
        row["file"] = blob_names.get(row["id"])
    data = {
        "format": "support-console customer export",
        "version": FORMAT_VERSION,
        "customer_id": customer_id,
        "exported_at": utcnow().isoformat(),
        "tables": {name: [_plain(row) for row in rows] for name, rows in sorted(found.items())},
        "audit_log": [_plain(row) for row in audit_rows],
    }
    return SubjectExport(customer_id, data, tuple(files))


def _add(
    found: dict[str, list[dict[str, Any]]],
    keys: dict[str, set[tuple[Any, ...]]],
    table: Table,
    rows: Iterable[Any],
) -> bool:
    primary = [column.key for column in table.primary_key.columns]
    seen = keys.setdefault(table.name, set())
    added = False
    for row in rows:
        record = dict(row)
        key = tuple(record[name] for name in primary) if primary else tuple(sorted(record.items()))
        if key in seen:
            continue
        seen.add(key)
        found.setdefault(table.name, []).append(record)
        added = True
    return added


def _audit_entries(
    session: Session, customer_id: int, found: dict[str, list[dict[str, Any]]]
) -> list[dict[str, Any]]:
    wanted = [
        ("customer", {customer_id}),
        ("conversation", {row["id"] for row in found.get("conversations", [])}),
        ("message", {row["id"] for row in found.get("messages", [])}),
    ]
    rows: list[dict[str, Any]] = []
    table = AuditEntry.__table__
    for entity, ids in wanted:
        ordered = sorted(ids)
        for start in range(0, len(ordered), _CHUNK):
            chunk = ordered[start : start + _CHUNK]
            rows.extend(
                dict(row)
                for row in session.execute(
                    table.select().where(table.c.entity == entity, table.c.entity_id.in_(chunk))
                ).mappings()
            )
    rows.sort(key=lambda row: row["id"])
    return rows


_UNSAFE_NAME = re.compile(r"[^\w.\-]+")


def safe_file_name(name: str, number: int) -> str:
    """A file name that is safe on every system: the number first, no path, no oddities."""
    cleaned = _UNSAFE_NAME.sub("_", name).strip("._")[:80] or "attachment"
    return f"{number:04d}-{cleaned}"


def _attachment_files(
    session: Session, attachments: list[dict[str, Any]]
) -> tuple[list[ExportFile], dict[int, str | None]]:
    names: dict[int, str | None] = {}
    files: list[ExportFile] = []
    for number, row in enumerate(sorted(attachments, key=lambda r: r["id"]), start=1):
        blob = session.get(AttachmentBlob, row["sha256"])
        if blob is None or blob.data is None:
            names[row["id"]] = None  # over the size cap: only the name and size are kept
            continue
        name = safe_file_name(str(row["filename"]), number)
        files.append(ExportFile(name, bytes(blob.data)))
        names[row["id"]] = f"attachments/{name}"
    return files, names


def _plain(row: dict[str, Any]) -> dict[str, Any]:
    return {key: _value(value) for key, value in row.items()}


def _value(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, bytes | bytearray | memoryview):
        return {"bytes": len(bytes(value))}
    if isinstance(value, dict):
        return {str(k): _value(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_value(v) for v in value]
    return value


# -- Writing ----------------------------------------------------------------------------


def write_export(export: SubjectExport, folder: Path, *, now: datetime | None = None) -> Path:
    """Write ``export`` into a new folder inside ``folder``; its path. Nothing on failure."""
    now = now or utcnow()
    folder = Path(folder)
    final = folder / f"customer-{export.customer_id}-{now.strftime('%Y%m%dT%H%M%SZ')}"
    partial: Path | None = None
    try:
        folder.mkdir(parents=True, exist_ok=True)
        if final.exists():
            raise FileExistsError(str(final))
        partial = Path(tempfile.mkdtemp(prefix=".customer-export-", dir=folder))
        (partial / "customer.json").write_text(
            json.dumps(export.data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
        )
        (partial / "customer.html").write_text(render_html(export), encoding="utf-8")
        if export.files:
            attachments = partial / "attachments"
            attachments.mkdir()
            for item in export.files:
                (attachments / item.name).write_bytes(item.data)
        os.replace(partial, final)
        partial = None
    except OSError as exc:
        raise ProblemError(
            problem(EXPORT_FOLDER_UNWRITABLE, folder=folder, reason=exc.strerror or exc)
        ) from exc
    finally:
        if partial is not None:
            shutil.rmtree(partial, ignore_errors=True)
    return final


def record_export(session: Session, export: SubjectExport, *, actor: str) -> None:
    """Audit an export with ids and counts only (no address, no text)."""
    audit.record(
        session,
        actor=actor,
        action="customer_export",
        entity="customer",
        entity_id=export.customer_id,
        conversations=export.conversation_count,
        messages=export.message_count,
        attachments=len(export.files),
    )


# -- The readable page -------------------------------------------------------------------

_PAGE_STYLE = (
    "body{font-family:sans-serif;margin:2em;max-width:60em}"
    "table{border-collapse:collapse;margin-bottom:1.5em}"
    "td,th{border:1px solid #999;padding:.2em .5em;vertical-align:top;text-align:left}"
    "pre{white-space:pre-wrap;background:#f4f4f4;padding:.5em}"
    ".message{border-left:4px solid #888;padding-left:1em;margin:1em 0}"
)


def _e(value: Any) -> str:
    if value is None:
        return ""
    if not isinstance(value, str):
        value = json.dumps(value, ensure_ascii=False)
    return html.escape(value, quote=True)


def _table(rows: list[dict[str, Any]]) -> str:
    if not rows:
        return "<p>(none)</p>"
    columns = list(dict.fromkeys(key for row in rows for key in row))
    head = "".join(f"<th>{_e(c)}</th>" for c in columns)
    body = "".join(
        "<tr>" + "".join(f"<td>{_e(row.get(c))}</td>" for c in columns) + "</tr>" for row in rows
    )
    return f"<table><tr>{head}</tr>{body}</table>"


def render_html(export: SubjectExport) -> str:
    """The export as one self-contained page; every value escaped, no script, no remote content."""
    data = export.data
    tables: dict[str, list[dict[str, Any]]] = data["tables"]
    customer = tables["customers"][0]
    translations: dict[int, list[dict[str, Any]]] = {}
    for row in tables.get("translations", []):
        translations.setdefault(row["message_id"], []).append(row)
    attachments: dict[int, list[dict[str, Any]]] = {}
    for row in tables.get("message_attachments", []):
        attachments.setdefault(row["message_id"], []).append(row)
    parts = [
        "<!DOCTYPE html><html><head><meta charset='utf-8'>",
        "<meta http-equiv='Content-Security-Policy' content=\"default-src 'none'; "
        "style-src 'unsafe-inline'; img-src 'none'\">",
        f"<title>Customer {_e(export.customer_id)}</title><style>{_PAGE_STYLE}</style>",
        "</head><body>",
        f"<h1>Data held about customer {_e(export.customer_id)}</h1>",
        f"<p>Exported {_e(data['exported_at'])}.</p>",
        "<h2>Customer</h2>",
        _table([customer]),
        "<h2>Conversations</h2>",
    ]
    messages = tables.get("messages", [])
    for conversation in sorted(tables.get("conversations", []), key=lambda r: r["id"]):
        parts.append(
            f"<h3>Conversation {_e(conversation['id'])}: {_e(conversation.get('subject'))}</h3>"
        )
        for message in sorted(
            (m for m in messages if m["conversation_id"] == conversation["id"]),
            key=lambda m: (m["sent_at"], m["id"]),
        ):
            parts.append("<div class='message'>")
            parts.append(
                f"<p><b>{_e(message['direction'])}</b> {_e(message['channel'])} "
                f"{_e(message['sent_at'])} {_e(message.get('subject'))}</p>"
            )
            parts.append(f"<pre>{_e(message.get('text'))}</pre>")
            if message.get("composed_text"):
                parts.append(
                    f"<p>As written ({_e(message.get('composed_language'))}):</p>"
                    f"<pre>{_e(message['composed_text'])}</pre>"
                )
            if message.get("html"):
                parts.append(
                    "<details><summary>HTML (as source)</summary>"
                    f"<pre>{_e(message['html'])}</pre></details>"
                )
            for translation in translations.get(message["id"], []):
                parts.append(
                    f"<p>Translation ({_e(translation['target_language'])}, "
                    f"{_e(translation['engine'])}):</p><pre>{_e(translation['text'])}</pre>"
                )
            for attachment in attachments.get(message["id"], []):
                link = attachment.get("file")
                name = _e(attachment.get("filename"))
                if link:
                    parts.append(f"<p>Attachment: <a href='{_e(link)}'>{name}</a></p>")
                else:
                    parts.append(f"<p>Attachment: {name} (content not kept)</p>")
            parts.append("</div>")
    shown = {"customers", "conversations", "messages", "translations", "message_attachments"}
    for name, rows in sorted(tables.items()):
        if name in shown:
            continue
        parts.append(f"<h2>{_e(name)}</h2>")
        parts.append(_table(rows))
    parts.append("<h2>Audit log entries</h2>")
    parts.append(_table(data["audit_log"]))
    parts.append("</body></html>\n")
    return "\n".join(parts)
