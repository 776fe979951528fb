"""Read import sources (Maildir, mbox, ``.eml``, CSV, JSON) into messages or quarantine items.

Every reader yields :class:`SourceItem` s one at a time, so a 20 MB message
or a broken row never stops the batch: a broken item carries a reason a user
can read instead of a message. :class:`SourceError` is raised only when the
source as a whole cannot be read (missing, unreadable, unknown format).
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import mailbox
import os
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from console.channels.email_parse import MalformedEmail, ParsedEmail, parse_email
from console.channels.mapping import ColumnMapping, guess_mapping
from console.identity.linking import normalize_email, normalize_phone
from console.inbox.ingest import CustomerInfo, IncomingMessage, content_external_id
from console.problems import Problem
from console.store.models import ChannelKind, Direction

FORMATS = ("auto", "maildir", "mbox", "eml", "csv", "json")
MAX_TABLE_BYTES = 512 * 1024 * 1024
EXCERPT_CHARS = 2000


class SourceError(Exception):
    """The source cannot be read at all; the text says why."""


class UnknownEncoding(SourceError):
    """The file was read but its text encoding is not recognisable (it is quarantined)."""


@dataclass(frozen=True)
class SourceItem:
    ref: str  # where in the source: file name, "row 12", ...
    message: IncomingMessage | None = None
    problem: str | Problem | None = None  # why it is quarantined (message is None then)
    raw: bytes = b""  # the item as read, kept for quarantined items

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.raw).hexdigest()


def detect_format(path: Path) -> str:
    if path.is_dir():
        if all((path / sub).is_dir() for sub in ("cur", "new")):
            return "maildir"
        raise SourceError(
            f"{path} is a folder but not a Maildir (no cur/ and new/ folders inside)."
        )
    suffix = path.suffix.lower()
    if suffix in (".eml", ".msg"):
        return "eml"
    if suffix in (".mbox", ".mbx"):
        return "mbox"
    if suffix in (".csv", ".tsv", ".txt"):
        return "csv"
    if suffix in (".json", ".jsonl", ".ndjson"):
        return "json"
    with path.open("rb") as handle:
        head = handle.read(4096)
    if head.startswith(b"From "):
        return "mbox"
    if head.lstrip()[:1] in (b"[", b"{"):
        return "json"
    if b"\n" in head and any(
        head.lower().startswith(name) for name in (b"from:", b"received:", b"return-path:")
    ):
        return "eml"
    raise SourceError(f"Cannot tell the format of {path.name}; pass --format.")


def source_key(path: Path, fmt: str) -> str:
    return f"{fmt}:{path.resolve()}"


def read_source(
    path: Path, fmt: str = "auto", mapping: ColumnMapping | None = None
) -> Iterator[SourceItem]:
    if not path.exists():
        raise SourceError(f"{path} does not exist.")
    if not os.access(path, os.R_OK):
        raise SourceError(f"{path} cannot be read (permission denied).")
    if fmt == "auto":
        fmt = detect_format(path)
    if fmt == "maildir":
        return read_maildir(path)
    if fmt == "mbox":
        return read_mbox(path)
    if fmt == "eml":
        return read_eml(path)
    if fmt == "csv":
        return read_csv(path, mapping)
    if fmt == "json":
        return read_json(path, mapping)
    raise SourceError(f"Unknown format {fmt!r}; use one of {', '.join(FORMATS)}.")


# -- e-mail -------------------------------------------------------------------------------


def email_item(raw: bytes, ref: str, *, received_at: datetime) -> SourceItem:
    try:
        parsed = parse_email(raw)
    except MalformedEmail as exc:
        return SourceItem(ref=ref, problem=str(exc), raw=raw)
    return SourceItem(ref=ref, message=email_to_incoming(parsed, received_at=received_at))


def email_to_incoming(parsed: ParsedEmail, *, received_at: datetime) -> IncomingMessage:
    name = parsed.sender_name or parsed.sender_address.split("@")[0]
    return IncomingMessage(
        channel=ChannelKind.EMAIL,
        address=parsed.sender_address,
        customer=CustomerInfo(name=name[:200]),
        sent_at=parsed.sent_at or received_at,
        text=parsed.text,
        external_id=(parsed.message_id or f"sha256:{parsed.sha256[:40]}")[:300],
        subject=parsed.subject[:300] or None,
        html=parsed.html,
        rfc_message_id=parsed.message_id,
        in_reply_to=parsed.in_reply_to,
        references=parsed.references,
        attachments=parsed.attachments,
    )


def _mtime(path: Path) -> datetime:
    return datetime.fromtimestamp(path.stat().st_mtime, UTC)


def read_maildir(path: Path) -> Iterator[SourceItem]:
    """Messages in new/ and cur/, oldest name first. Nothing is moved or flagged as read."""
    for sub in ("cur", "new"):
        if not (path / sub).is_dir():
            raise SourceError(f"{path} is not a Maildir (no {sub}/ folder).")
    names = sorted(
        (entry.name, sub)
        for sub in ("new", "cur")
        for entry in os.scandir(path / sub)
        if entry.is_file() and not entry.name.startswith(".")
    )
    for name, sub in names:
        file = path / sub / name
        try:
            raw = file.read_bytes()
        except OSError as exc:
            yield SourceItem(ref=name, problem=f"The file could not be read: {exc.strerror}")
            continue
        yield email_item(raw, name.split(":2,")[0], received_at=_mtime(file))


def read_mbox(path: Path) -> Iterator[SourceItem]:
    try:
        box = mailbox.mbox(path, create=False)
        keys = box.keys()
    except (OSError, mailbox.Error) as exc:
        raise SourceError(f"{path} cannot be read as an mbox file: {exc}") from exc
    received = _mtime(path)
    for position, key in enumerate(keys, start=1):
        try:
            raw = box.get_bytes(key)
        except Exception as exc:
            yield SourceItem(ref=f"message {position}", problem=f"Unreadable: {exc}")
            continue
        yield email_item(raw, f"message {position}", received_at=received)
    box.close()


def read_eml(path: Path) -> Iterator[SourceItem]:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise SourceError(f"{path} cannot be read: {exc.strerror}") from exc
    yield email_item(raw, path.name, received_at=_mtime(path))


# -- tables: CSV and JSON -----------------------------------------------------------------


def decode_table_bytes(data: bytes) -> str:
    """Text of a CSV/JSON export in whatever encoding it came (BOMs, UTF-16, GBK, ...)."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data[:2_000_000]).best()
    if best is None or best.encoding is None:
        raise UnknownEncoding(
            "The file's text encoding could not be recognised; save it as UTF-8 and import again."
        )
    return data.decode(best.encoding, errors="replace")


def _read_table_text(path: Path) -> str:
    try:
        size = path.stat().st_size
        if size > MAX_TABLE_BYTES:
            raise SourceError(f"{path.name} is over {MAX_TABLE_BYTES // 2**20} MB.")
        data = path.read_bytes()
    except OSError as exc:
        raise SourceError(f"{path} cannot be read: {exc.strerror}") from exc
    return decode_table_bytes(data)


def sniff_delimiter(text: str) -> str:
    """The delimiter that splits the header and the first rows into the most, equal, columns."""
    lines = [line for line in text.splitlines()[:20] if line.strip()]
    if not lines:
        return ","
    best, best_score = ",", -1
    for delimiter in (",", ";", "\t", "|"):
        rows = list(csv.reader(io.StringIO("\n".join(lines)), delimiter=delimiter))
        width = len(rows[0])
        if width < 2:
            continue
        consistent = sum(1 for row in rows if len(row) == width)
        score = consistent * 100 + width
        if score > best_score:
            best, best_score = delimiter, score
    return best


def table_rows(
    path: Path, fmt: str
) -> tuple[list[str], Iterator[tuple[str, dict[str, Any], bytes]]]:
    """Headers and (ref, row, raw) of a CSV or JSON export; shared with the preview dialog."""
    text = _read_table_text(path)
    if fmt == "csv":
        return _csv_rows(text)
    return _json_rows(text)


def _csv_rows(text: str) -> tuple[list[str], Iterator[tuple[str, dict[str, Any], bytes]]]:
    delimiter = sniff_delimiter(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        headers = [h.strip() for h in next(reader)]
    except StopIteration as exc:
        raise SourceError("The file is empty.") from exc
    except csv.Error as exc:
        raise SourceError(f"The header row cannot be read: {exc}") from exc

    def rows() -> Iterator[tuple[str, dict[str, Any], bytes]]:
        number = 1
        while True:
            try:
                values = next(reader)
            except StopIteration:
                return
            except csv.Error as exc:
                number += 1
                yield f"row {number}", {"__error__": f"Unreadable row: {exc}"}, b""
                continue
            number += 1
            raw = delimiter.join(values).encode("utf-8")
            if not any(v.strip() for v in values):
                continue  # blank line
            if len(values) != len(headers):
                yield (
                    f"row {number}",
                    {
                        "__error__": f"Row {number} has {len(values)} fields but the header "
                        f"has {len(headers)} (a wrong delimiter or unquoted text?)."
                    },
                    raw,
                )
                continue
            yield f"row {number}", dict(zip(headers, values, strict=True)), raw

    return headers, rows()


def _json_rows(text: str) -> tuple[list[str], Iterator[tuple[str, dict[str, Any], bytes]]]:
    text = text.lstrip("\ufeff")
    items: list[tuple[str, Any]] = []
    try:
        data = json.loads(text)
        if isinstance(data, dict):
            lists = [v for v in data.values() if isinstance(v, list)]
            data = lists[0] if lists else [data]
        if not isinstance(data, list):
            raise SourceError("The JSON holds no list of messages.")
        items = [(f"item {n}", obj) for n, obj in enumerate(data, start=1)]
    except json.JSONDecodeError as whole:
        lines = [(n, line) for n, line in enumerate(text.splitlines(), start=1) if line.strip()]
        parsed = 0
        for number, line in lines:
            try:
                items.append((f"line {number}", json.loads(line)))
                parsed += 1
            except json.JSONDecodeError as exc:
                items.append((f"line {number}", _Broken(f"Not valid JSON: {exc.msg}", line)))
        if not parsed:
            raise SourceError(
                f"The file is not valid JSON: {whole.msg} (line {whole.lineno})."
            ) from whole
    headers: list[str] = []
    for _, obj in items[:50]:
        if isinstance(obj, dict):
            for key in _flatten(obj):
                if key not in headers:
                    headers.append(key)

    def rows() -> Iterator[tuple[str, dict[str, Any], bytes]]:
        for ref, obj in items:
            if isinstance(obj, _Broken):
                yield ref, {"__error__": obj.reason}, obj.raw.encode("utf-8")
            elif not isinstance(obj, dict):
                raw = json.dumps(obj, ensure_ascii=False).encode("utf-8")
                yield ref, {"__error__": "The item is not a JSON object."}, raw
            else:
                raw = json.dumps(obj, ensure_ascii=False, sort_keys=True).encode("utf-8")
                yield ref, _flatten(obj), raw

    return headers, rows()


@dataclass(frozen=True)
class _Broken:
    reason: str
    raw: str


def _flatten(obj: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    flat: dict[str, Any] = {}
    for key, value in obj.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict):
            flat.update(_flatten(value, name + "."))
        else:
            flat[name] = value
    return flat


def read_csv(path: Path, mapping: ColumnMapping | None) -> Iterator[SourceItem]:
    return _read_table(path, "csv", mapping)


def read_json(path: Path, mapping: ColumnMapping | None) -> Iterator[SourceItem]:
    return _read_table(path, "json", mapping)


def _read_table(path: Path, fmt: str, mapping: ColumnMapping | None) -> Iterator[SourceItem]:
    try:
        headers, rows = table_rows(path, fmt)
    except UnknownEncoding as exc:
        yield SourceItem(ref=path.name, problem=str(exc), raw=path.read_bytes()[:EXCERPT_CHARS])
        return
    mapping = mapping or guess_mapping(headers)
    problem = _mapping_problem(mapping, headers, fmt)
    if problem:
        raw = path.read_bytes()[:EXCERPT_CHARS]
        yield SourceItem(ref=path.name, problem=problem, raw=raw)
        return
    for ref, row, raw in rows:
        yield row_item(row, ref, raw, mapping)


def _mapping_problem(mapping: ColumnMapping, headers: list[str], fmt: str) -> str | None:
    lacking = mapping.missing()
    if lacking:
        return (
            "No column found for: "
            + ", ".join(lacking)
            + f". Columns in the file: {', '.join(headers[:30]) or '(none)'}. "
            "Map them in the import preview or pass --mapping."
        )
    if fmt == "csv":
        absent = mapping.absent_columns(headers)
        if absent:
            return f"The mapping names columns the file does not have: {', '.join(absent)}."
    if mapping.channel not in {kind.value for kind in ChannelKind}:
        return f"Unknown channel {mapping.channel!r} in the mapping."
    return None


def _cell(row: dict[str, Any], mapping: ColumnMapping, name: str) -> str:
    column = mapping.columns.get(name)
    if column is None:
        return ""
    value = row.get(column)
    if value is None:
        return ""
    return str(value).strip()


def row_item(row: dict[str, Any], ref: str, raw: bytes, mapping: ColumnMapping) -> SourceItem:
    if "__error__" in row:
        return SourceItem(ref=ref, problem=str(row["__error__"]), raw=raw)
    try:
        return SourceItem(ref=ref, message=row_to_incoming(row, ref, mapping))
    except ValueError as exc:
        return SourceItem(ref=ref, problem=str(exc), raw=raw)


def row_to_incoming(row: dict[str, Any], ref: str, mapping: ColumnMapping) -> IncomingMessage:
    """One export row as a message; ValueError with a readable reason when it cannot be."""
    label = ref[:1].upper() + ref[1:]
    text = _cell(row, mapping, "text")
    if not text:
        raise ValueError(f"{label} has no message text.")
    country = _cell(row, mapping, "country").upper()
    country = country if len(country) == 2 and country.isalpha() else ""
    email = normalize_email(_cell(row, mapping, "email"))
    raw_phone = _cell(row, mapping, "phone")
    phone = normalize_phone(raw_phone, country or None)
    handle = _cell(row, mapping, "handle")
    name = _cell(row, mapping, "customer_name")
    channel = ChannelKind(mapping.channel)
    address = handle or email or phone or raw_phone or name
    if not address:
        raise ValueError(f"{label} names no customer (no handle, e-mail, phone or name).")
    sent_at = parse_timestamp(
        _cell(row, mapping, "timestamp"),
        _cell(row, mapping, "time_zone") or mapping.default_time_zone,
        label,
    )
    direction = Direction.INBOUND
    if "direction" in mapping.columns:
        value = _cell(row, mapping, "direction").lower()
        if value in mapping.outbound_values:
            direction = Direction.OUTBOUND
        elif value and value not in mapping.inbound_values:
            raise ValueError(
                f"{label}: direction {value!r} is neither inbound "
                f"({', '.join(mapping.inbound_values[:4])} ...) nor outbound "
                f"({', '.join(mapping.outbound_values[:4])} ...)."
            )
    external = _cell(row, mapping, "external_id")
    if not external:
        external = content_external_id(channel, address, sent_at.isoformat(), direction, text)
    order = _cell(row, mapping, "order_number")
    subject = _cell(row, mapping, "subject")
    return IncomingMessage(
        channel=channel,
        address=address[:320],
        customer=CustomerInfo(name=(name or handle or address)[:200], country=country or None),
        sent_at=sent_at,
        text=text,
        direction=direction,
        external_id=external[:300],
        subject=subject[:300] or None,
        email=email,
        phone=phone,
        order_number=order[:100] or None,
    )


def parse_timestamp(value: str, zone: str, label: str = "The row") -> datetime:
    """An aware UTC datetime from the formats exports use (see :mod:`console.channels.mapping`)."""
    if not value:
        raise ValueError(f"{label} has no timestamp.")
    moment: datetime | None = None
    number = value.replace(".", "", 1)
    if number.isascii() and number.isdigit():
        seconds = float(value)
        if seconds > 1e11:  # milliseconds
            seconds /= 1000
        try:
            return datetime.fromtimestamp(seconds, UTC)
        except (OverflowError, OSError, ValueError) as exc:
            raise ValueError(f"{label}: the timestamp {value!r} is out of range.") from exc
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00").replace("/", "-"))
    except ValueError:
        try:
            moment = parsedate_to_datetime(value)
        except (TypeError, ValueError, IndexError):
            moment = None
    if moment is None:
        raise ValueError(f"{label}: the timestamp {value!r} is not in a known format.")
    if moment.tzinfo is None:
        try:
            moment = moment.replace(tzinfo=ZoneInfo(zone))
        except (ZoneInfoNotFoundError, ValueError) as exc:
            raise ValueError(f"{label}: unknown time zone {zone!r}.") from exc
    return moment.astimezone(UTC)
