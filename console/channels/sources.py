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
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from console.channels.email_parse import (
    MAX_MESSAGE_BYTES,
    TOO_LARGE,
    UNREADABLE,
    MalformedEmail,
    ParsedEmail,
    parse_email,
)
from console.channels.mapping import ColumnMapping, guess_mapping
from console.channels.table_encoding import DecodedTable, EncodingNameError, decode
from console.identity.linking import normalize_email, normalize_phone
from console.inbox.ingest import content_external_id
from console.incoming import CustomerInfo, IncomingMessage
from console.problems import Problem, ProblemError, define, problem
from console.store.models import ADDRESS_CHARS, ChannelKind, Direction

FORMATS = ("auto", "maildir", "mbox", "eml", "csv", "json")
MAX_TABLE_BYTES = 512 * 1024 * 1024
EXCERPT_CHARS = 2000


class SourceError(ProblemError):
    """The source cannot be read at all; its problem says why (its text is the English)."""


PATH_MISSING = define(
    "import.path_missing", "{name} does not exist; check the name and choose it again."
)
PATH_UNREADABLE = define(
    "import.path_unreadable", "{name} cannot be opened; check that you are allowed to read it."
)
FORMAT_UNKNOWN = define(
    "import.format_unknown",
    "The console cannot tell what kind of file {name} is. It imports e-mail files (.eml), "
    "mailbox files (.mbox), mail folders, and CSV or JSON exports.",
)
FORMAT_NAME_UNKNOWN = define(
    "import.format_name_unknown",
    "“{format}” is not a kind of source the console imports; use one of {formats}.",
)
SOURCE_UNREADABLE = define(
    "import.source_unreadable", "{name} could not be read, so nothing was imported from it."
)
FOLDER_EMPTY = define(
    "import.folder_empty",
    "The folder {name} holds no e-mail or mailbox files, so nothing was imported from it.",
)
NOT_MAILDIR = define(
    "import.not_maildir",
    "The folder {name} is not a mail folder: it has no {folder} folder inside.",
)
TABLE_TOO_LARGE = define(
    "import.table_too_large",
    "{name} is larger than {limit} MB, so it cannot be imported; split it into smaller files.",
)
TABLE_EMPTY = define("import.table_empty", "The file is empty, so there is nothing to import.")
HEADER_UNREADABLE = define(
    "import.header_unreadable",
    "The first row of the file (the column names) cannot be read as CSV.",
)
JSON_NO_LIST = define(
    "import.json_no_list", "The JSON file holds no list of messages, so nothing can be imported."
)
FILE_NOT_JSON = define(
    "import.file_not_json", "The file is not valid JSON, so nothing can be imported from it."
)


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
        # A Maildir, or a folder of .eml (and mbox) files as mail programs export them.
        return "maildir" if _is_maildir(path) else "eml"
    suffix = path.suffix.lower()
    if suffix in MAIL_SUFFIXES:
        return "eml"
    if suffix in MBOX_SUFFIXES:
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
    raise SourceError(problem(FORMAT_UNKNOWN, name=path.name))


def source_key(path: Path, fmt: str) -> str:
    return f"{fmt}:{path.resolve()}"


def read_source(
    path: Path,
    fmt: str = "auto",
    mapping: ColumnMapping | None = None,
    *,
    encoding: str | None = None,
    notes: list[Problem] | None = None,
) -> Iterator[SourceItem]:
    """Items of ``path``; for CSV/JSON ``encoding`` overrides detection, ``notes`` gets
    what the person importing should be told about the file (the encoding guessed)."""
    if not path.exists():
        raise SourceError(problem(PATH_MISSING, name=str(path)))
    if not os.access(path, os.R_OK):
        raise SourceError(problem(PATH_UNREADABLE, name=str(path)))
    if fmt == "auto":
        fmt = detect_format(path)
    if fmt == "maildir":
        return read_maildir(path)
    if fmt == "mbox":
        return read_mbox(path)
    if fmt == "eml":
        return read_eml(path)
    if fmt == "csv":
        return read_csv(path, mapping, encoding=encoding, notes=notes)
    if fmt == "json":
        return read_json(path, mapping, encoding=encoding, notes=notes)
    raise SourceError(problem(FORMAT_NAME_UNKNOWN, format=fmt, formats=", ".join(FORMATS)))


# -- e-mail -------------------------------------------------------------------------------

FILE_UNREADABLE = define(
    "mail.file_unreadable",
    "The file {name} could not be read; check that it still exists and may be opened.",
)
MBOX_MESSAGE_UNREADABLE = define(
    "mail.mbox_message_unreadable",
    "Message {position} of the mailbox file {name} could not be read.",
)
MBOX_UNREADABLE = define(
    "mail.mbox_unreadable", "The mailbox file {name} could not be read as an mbox file."
)
NOT_MAIL = define(
    "mail.not_mail",
    "The file {name} in the mail folder is neither an e-mail nor a mailbox file, "
    "so it was not imported.",
)
MAIL_SUFFIXES = (".eml", ".msg")
MBOX_SUFFIXES = (".mbox", ".mbx")
_MAIL_HEADS = (b"from:", b"received:", b"return-path:", b"delivered-to:", b"message-id:",
               b"date:", b"to:", b"subject:", b"mime-version:", b"x-", b"reply-to:")  # fmt: skip


def email_item(raw: bytes, ref: str, *, received_at: datetime) -> SourceItem:
    """A stored message, or a quarantined item with a :class:`Problem`; never an exception."""
    try:
        parsed = parse_email(raw)
        return SourceItem(ref=ref, message=email_to_incoming(parsed, received_at=received_at))
    except MalformedEmail as exc:
        return SourceItem(ref=ref, problem=exc.problem, raw=raw)
    except Exception:  # a parser bug must cost one message, not the import
        return SourceItem(ref=ref, problem=problem(UNREADABLE), raw=raw)


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
        date_header=parsed.date_header[:200] if parsed.date_header else None,
    )


def _mtime(path: Path) -> datetime:
    return datetime.fromtimestamp(path.stat().st_mtime, UTC)


def _is_maildir(path: Path) -> bool:
    return all((path / sub).is_dir() for sub in ("cur", "new"))


def _mail_file_item(file: Path, ref: str) -> SourceItem:
    """One file holding one message: read (within the size limit) and parsed."""
    try:
        size = file.stat().st_size
        if size > MAX_MESSAGE_BYTES:
            with file.open("rb") as handle:
                head = handle.read(EXCERPT_CHARS)
            limit = f"{MAX_MESSAGE_BYTES / 1e6:.0f}"
            return SourceItem(
                ref=ref, problem=problem(TOO_LARGE, size=f"{size / 1e6:.1f}", limit=limit), raw=head
            )
        raw = file.read_bytes()
        received = _mtime(file)
    except OSError:
        return SourceItem(ref=ref, problem=problem(FILE_UNREADABLE, name=ref))
    return email_item(raw, ref, received_at=received)


def read_maildir(path: Path) -> Iterator[SourceItem]:
    """Messages in new/ and cur/, oldest name first. Nothing is moved or flagged as read."""
    for sub in ("cur", "new"):
        if not (path / sub).is_dir():
            raise SourceError(problem(NOT_MAILDIR, name=str(path), folder=f"{sub}/"))
    names = sorted(
        (entry.name, sub)
        for sub in ("new", "cur")
        for entry in os.scandir(path / sub)
        if entry.is_file() and not entry.name.startswith(".")
    )
    for name, sub in names:
        yield _mail_file_item(path / sub / name, name.split(":2,")[0])


def read_mbox(path: Path, ref_prefix: str = "") -> Iterator[SourceItem]:
    try:
        box = mailbox.mbox(path, create=False)
        keys = box.keys()
    except (OSError, mailbox.Error) as exc:
        raise SourceError(problem(MBOX_UNREADABLE, name=str(path))) from exc
    received = _mtime(path)
    try:
        for position, key in enumerate(keys, start=1):
            ref = f"{ref_prefix}message {position}"
            try:
                raw = box.get_bytes(key)
            except Exception:
                name = ref_prefix.strip() or path.name
                yield SourceItem(
                    ref=ref, problem=problem(MBOX_MESSAGE_UNREADABLE, position=position, name=name)
                )
                continue
            yield email_item(raw, ref, received_at=received)
    finally:
        box.close()


def read_eml(path: Path) -> Iterator[SourceItem]:
    """One ``.eml`` file, or a folder of them (as mail programs export), read like a Maildir."""
    if path.is_dir():
        yield from read_maildir(path) if _is_maildir(path) else read_mail_folder(path)
        return
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise SourceError(problem(SOURCE_UNREADABLE, name=str(path))) from exc
    if size > MAX_MESSAGE_BYTES:
        yield _mail_file_item(path, path.name)
        return
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise SourceError(problem(SOURCE_UNREADABLE, name=str(path))) from exc
    yield email_item(raw, path.name, received_at=_mtime(path))


def read_mail_folder(path: Path) -> Iterator[SourceItem]:
    """Every message under ``path``, recursively, in path order: ``.eml`` files, mbox files and
    Maildirs mixed. Each item's ref is its path inside the folder, so a re-import finds it
    again. Hidden files are skipped (``.DS_Store``); any other file is quarantined with a
    reason, never silently left out."""
    files = _folder_files(path)
    if not files:
        raise SourceError(problem(FOLDER_EMPTY, name=str(path)))
    for file in files:
        ref = file.relative_to(path).as_posix()
        kind = _mail_kind(file)
        if kind == "eml":
            yield _mail_file_item(file, ref)
        elif kind == "mbox":
            yield from _folder_mbox(file, ref)
        elif kind == "unreadable":
            yield SourceItem(ref=ref, problem=problem(FILE_UNREADABLE, name=ref))
        else:
            head = _head(file)
            yield SourceItem(ref=ref, problem=problem(NOT_MAIL, name=ref), raw=head)


def _folder_files(path: Path) -> list[Path]:
    files: list[Path] = []
    for root, dirs, names in os.walk(path):
        here = Path(root)
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        if _is_maildir(here) and "tmp" in dirs:
            dirs.remove("tmp")  # a Maildir's tmp/ holds deliveries still being written
        files.extend(here / name for name in names if not name.startswith("."))
    return sorted(files, key=lambda file: file.relative_to(path).as_posix())


def _head(file: Path) -> bytes:
    try:
        with file.open("rb") as handle:
            return handle.read(EXCERPT_CHARS)
    except OSError:
        return b""


def _mail_kind(file: Path) -> str:
    """ "eml", "mbox", "unreadable" or "other", from the suffix, else from the first bytes."""
    suffix = file.suffix.lower()
    if suffix in MAIL_SUFFIXES:
        return "eml"
    if suffix in MBOX_SUFFIXES:
        return "mbox"
    try:
        with file.open("rb") as handle:
            head = handle.read(4096)
    except OSError:
        return "unreadable"
    if head.startswith(b"From "):
        return "mbox"
    first = head.lstrip().split(b"\n", 1)[0].lower()
    if b":" in first and first.startswith(_MAIL_HEADS):
        return "eml"
    return "other"


def _folder_mbox(file: Path, ref: str) -> Iterator[SourceItem]:
    try:
        yield from read_mbox(file, ref_prefix=f"{ref} ")
    except SourceError:
        yield SourceItem(ref=ref, problem=problem(MBOX_UNREADABLE, name=ref), raw=_head(file))


# -- tables: CSV and JSON -----------------------------------------------------------------

#: Limits checked before a row or item is parsed; a row over them is quarantined whole.
MAX_FIELD_CHARS = 131_072  # one CSV field or JSON string (the csv module's own limit)
MAX_JSON_DEPTH = 64
MAX_NUMBER_CHARS = 100

FIELD_TOO_LARGE = define(
    "import.field_too_large",
    "{row} has a field longer than {limit} characters, so it is not imported.",
)
JSON_TOO_DEEP = define(
    "import.json_too_deep", "{row} is nested more than {limit} levels deep, so it is not imported."
)
NUMBER_TOO_LONG = define(
    "import.number_too_long",
    "{row} holds a number longer than {limit} characters, so it is not imported.",
)
ROW_UNDECODABLE = define(
    "import.row_undecodable",
    "{row} holds bytes that are not valid {encoding} text, so it is not imported; check the "
    "file's encoding and import it again naming the right one.",
)
ROW_UNREADABLE = define(
    "import.row_unreadable", "{row} could not be read, so it is kept in quarantine."
)
ROW_WIDTH = define(
    "import.row_width",
    "{row} has {count} fields but the header has {expected} (a wrong delimiter or unquoted text?).",
)
NOT_AN_OBJECT = define("import.not_an_object", "{row} is not a JSON object.")
NOT_JSON = define("import.not_json", "{row} is not valid JSON.")

Row = tuple[str, dict[str, Any], bytes]


def decode_table_bytes(data: bytes, encoding: str | None = None) -> str:
    """Text of a CSV/JSON export in whatever encoding it came (BOMs, UTF-16, GB18030, ...)."""
    return decode_table(data, encoding).text


def decode_table(data: bytes, encoding: str | None = None) -> DecodedTable:
    """The text with how it was decoded; SourceError for an encoding name nobody knows."""
    try:
        return decode(data, encoding)
    except EncodingNameError as exc:
        raise SourceError(exc.problem) from exc


def _read_table_bytes(path: Path) -> bytes:
    try:
        size = path.stat().st_size
        if size > MAX_TABLE_BYTES:
            raise SourceError(
                problem(TABLE_TOO_LARGE, name=path.name, limit=MAX_TABLE_BYTES // 2**20)
            )
        return path.read_bytes()
    except OSError as exc:
        raise SourceError(problem(SOURCE_UNREADABLE, name=str(path))) from exc


def sniff_delimiter(text: str) -> str:
    """The delimiter that splits the header and the first rows into the most, equal, columns."""
    lines = [line[:4096] for line in text.splitlines()[:20] if line.strip()]
    if not lines:
        return ","
    best, best_score = ",", -1
    for delimiter in (",", ";", "\t", "|"):
        try:
            rows = list(csv.reader(io.StringIO("\n".join(lines)), delimiter=delimiter))
        except csv.Error:
            continue
        if not rows:
            continue
        width = len(rows[0])
        if width < 2:
            continue
        consistent = sum(1 for row in rows if len(row) == width)
        score = consistent * 100 + width
        if score > best_score:
            best, best_score = delimiter, score
    return best


@dataclass(frozen=True)
class Table:
    """A CSV/JSON export opened for reading: its columns, its rows and how it was decoded."""

    headers: list[str]
    rows: Iterator[Row]
    decoded: DecodedTable


def open_table(path: Path, fmt: str, encoding: str | None = None) -> Table:
    decoded = decode_table(_read_table_bytes(path), encoding)
    headers, rows = _csv_rows(decoded.text) if fmt == "csv" else _json_rows(decoded.text)
    return Table(headers, rows, decoded)


def table_rows(
    path: Path, fmt: str, encoding: str | None = None
) -> tuple[list[str], Iterator[Row]]:
    """Headers and (ref, row, raw) of a CSV or JSON export; shared with the preview dialog."""
    table = open_table(path, fmt, encoding)
    return table.headers, table.rows


def _error(found: Problem) -> dict[str, Any]:
    return {"__error__": found}


def _csv_rows(text: str) -> tuple[list[str], Iterator[Row]]:
    delimiter = sniff_delimiter(text)
    consumed: list[str] = []

    def lines() -> Iterator[str]:
        for line in io.StringIO(text, newline=""):
            consumed.append(line)
            yield line

    reader = csv.reader(lines(), delimiter=delimiter)
    try:
        headers = [h.strip() for h in next(reader)]
    except StopIteration as exc:
        raise SourceError(problem(TABLE_EMPTY)) from exc
    except csv.Error as exc:
        if "field limit" in str(exc):
            too_large = problem(FIELD_TOO_LARGE, row="The header row", limit=MAX_FIELD_CHARS)
            raise SourceError(too_large) from exc
        raise SourceError(problem(HEADER_UNREADABLE)) from exc

    def rows() -> Iterator[Row]:
        number = 1
        while True:
            consumed.clear()
            try:
                values = next(reader)
            except StopIteration:
                return
            except csv.Error as exc:
                number += 1
                label = f"Row {number}"
                code = FIELD_TOO_LARGE if "field limit" in str(exc) else ROW_UNREADABLE
                raw = "".join(consumed).encode("utf-8", errors="replace")
                yield f"row {number}", _error(problem(code, row=label, limit=MAX_FIELD_CHARS)), raw
                continue
            number += 1
            raw = "".join(consumed).encode("utf-8", errors="replace")
            if not any(v.strip() for v in values):
                continue  # blank line
            if len(values) != len(headers):
                found = problem(
                    ROW_WIDTH, row=f"Row {number}", count=len(values), expected=len(headers)
                )
                yield f"row {number}", _error(found), raw
                continue
            yield f"row {number}", dict(zip(headers, values, strict=True)), raw

    return headers, rows()


_JSON_TOKEN = re.compile(r'"(?:[^"\\]|\\.)*"|[\[\]{},]|-?[0-9][0-9.eE+-]*', re.DOTALL)


def _json_limit(text: str, label: str) -> Problem | None:
    """The first limit ``text`` breaks (depth, string size, number size), checked unparsed."""
    depth = 0
    for match in _JSON_TOKEN.finditer(text):
        token = match.group()
        first = token[0]
        if first in "[{":
            depth += 1
            if depth > MAX_JSON_DEPTH:
                return problem(JSON_TOO_DEEP, row=label, limit=MAX_JSON_DEPTH)
        elif first in "]}":
            depth -= 1
        elif first == '"':
            if len(token) - 2 > MAX_FIELD_CHARS:
                return problem(FIELD_TOO_LARGE, row=label, limit=MAX_FIELD_CHARS)
        elif first != "," and len(token) > MAX_NUMBER_CHARS:
            return problem(NUMBER_TOO_LONG, row=label, limit=MAX_NUMBER_CHARS)
    return None


def _array_items(text: str) -> list[tuple[int, int]] | None:
    """Spans of the items of the first list at depth 1 or 2 (a list, or a list in an object)."""
    depth = 0
    level: int | None = None
    start = 0
    spans: list[tuple[int, int]] = []
    for match in _JSON_TOKEN.finditer(text):
        first = match.group()[0]
        if first in "[{":
            depth += 1
            if level is None and first == "[" and depth <= 2:
                level, start = depth, match.end()
        elif first in "]}":
            if level is not None and depth == level:
                if text[start : match.start()].strip():
                    spans.append((start, match.start()))
                return spans
            depth -= 1
        elif first == "," and level is not None and depth == level:
            spans.append((start, match.start()))
            start = match.end()
    return None


def _loads(fragment: str, label: str) -> Any:
    """``fragment`` parsed, or a :class:`_Broken` with the reason (never an exception)."""
    limit = _json_limit(fragment, label)
    if limit is not None:
        return _Broken(limit, fragment)
    try:
        return json.loads(fragment)
    except (ValueError, RecursionError):
        return _Broken(problem(NOT_JSON, row=label), fragment)


def _json_rows(text: str) -> tuple[list[str], Iterator[Row]]:
    text = text.lstrip("\ufeff")
    items: list[tuple[str, Any]] = []
    whole = _loads(text, "The file")
    if not isinstance(whole, _Broken):
        data = whole
        if isinstance(data, dict):
            lists = [v for v in data.values() if isinstance(v, list)]
            data = lists[0] if lists else [data]
        if not isinstance(data, list):
            raise SourceError(problem(JSON_NO_LIST))
        items = [(f"item {n}", obj) for n, obj in enumerate(data, start=1)]
    else:
        lines = [(n, line) for n, line in enumerate(text.splitlines(), start=1) if line.strip()]
        as_lines = (
            whole.problem.code == NOT_JSON
            or not text.lstrip().startswith(("[", "{"))
            or (
                not text.lstrip().startswith("[")
                and len(lines) > 1
                and all(line.lstrip().startswith("{") for _, line in lines)
            )
        )
        spans = None if as_lines else _array_items(text)
        if spans is not None:
            for n, (start, end) in enumerate(spans, start=1):
                label = f"Item {n}"
                items.append((f"item {n}", _loads(text[start:end].strip(), label)))
        else:
            for number, line in lines:
                items.append((f"line {number}", _loads(line, f"Line {number}")))
        if not any(not isinstance(obj, _Broken) for _, obj in items):
            if whole.problem.code != NOT_JSON:
                excerpt = text[:EXCERPT_CHARS].encode("utf-8", errors="replace")
                return [], iter([("file", _error(whole.problem), excerpt)])
            raise SourceError(problem(FILE_NOT_JSON))
    headers: list[str] = []
    for _, obj in items[:50]:
        if isinstance(obj, dict):
            for key in _flatten(obj):
                if key not in headers:
                    headers.append(key)

    def rows() -> Iterator[Row]:
        for ref, obj in items:
            label = ref[:1].upper() + ref[1:]
            if isinstance(obj, _Broken):
                yield ref, {"__error__": obj.problem}, obj.raw.encode("utf-8", errors="replace")
            elif not isinstance(obj, dict):
                raw = json.dumps(obj, ensure_ascii=False).encode("utf-8", errors="replace")
                yield ref, _error(problem(NOT_AN_OBJECT, row=label)), raw
            else:
                raw = json.dumps(obj, ensure_ascii=False, sort_keys=True).encode(
                    "utf-8", errors="replace"
                )
                yield ref, _flatten(obj), raw

    return headers, rows()


@dataclass(frozen=True)
class _Broken:
    problem: Problem
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


def read_csv(
    path: Path,
    mapping: ColumnMapping | None,
    *,
    encoding: str | None = None,
    notes: list[Problem] | None = None,
) -> Iterator[SourceItem]:
    return _read_table(path, "csv", mapping, encoding=encoding, notes=notes)


def read_json(
    path: Path,
    mapping: ColumnMapping | None,
    *,
    encoding: str | None = None,
    notes: list[Problem] | None = None,
) -> Iterator[SourceItem]:
    return _read_table(path, "json", mapping, encoding=encoding, notes=notes)


def _read_table(
    path: Path,
    fmt: str,
    mapping: ColumnMapping | None,
    *,
    encoding: str | None = None,
    notes: list[Problem] | None = None,
) -> Iterator[SourceItem]:
    table = open_table(path, fmt, encoding or (mapping.encoding if mapping else None))
    if notes is not None:
        notes.extend(table.decoded.notices())
    mapping = mapping or guess_mapping(table.headers)
    found = _mapping_problem(mapping, table.headers, fmt)
    if found:
        raw = path.read_bytes()[:EXCERPT_CHARS]
        yield SourceItem(ref=path.name, problem=found, raw=raw)
        return
    for ref, row, raw in table.rows:
        yield table_item(row, ref, raw, mapping, table.decoded)


def table_item(
    row: dict[str, Any], ref: str, raw: bytes, mapping: ColumnMapping, decoded: DecodedTable
) -> SourceItem:
    """:func:`row_item`, but a row holding bytes that did not decode is quarantined."""
    if decoded.lossy and "__error__" not in row and "\ufffd".encode() in raw:
        label = ref[:1].upper() + ref[1:]
        found = problem(ROW_UNDECODABLE, row=label, encoding=decoded.label)
        return SourceItem(ref=ref, problem=found, raw=raw)
    return row_item(row, ref, raw, mapping)


MAPPING_MISSING = define(
    "import.mapping_missing",
    "No column found for: {fields}. The file's columns are: {columns}. "
    "Choose them in the import preview.",
)
MAPPING_ABSENT = define(
    "import.mapping_absent",
    "The saved column choice names columns the file does not have: {columns}.",
)
MAPPING_UNKNOWN_CHANNEL = define(
    "import.mapping_unknown_channel",
    "The column choice names a channel the console does not know (“{channel}”).",
)


def _mapping_problem(mapping: ColumnMapping, headers: list[str], fmt: str) -> Problem | None:
    """Why ``mapping`` cannot read a file with ``headers``; None when it can."""
    lacking = mapping.missing()
    if lacking:
        columns = ", ".join(headers[:30]) or "—"
        return problem(MAPPING_MISSING, fields=", ".join(lacking), columns=columns)
    if fmt == "csv":
        absent = mapping.absent_columns(headers)
        if absent:
            return problem(MAPPING_ABSENT, columns=", ".join(absent))
    if mapping.channel not in {kind.value for kind in ChannelKind}:
        return problem(MAPPING_UNKNOWN_CHANNEL, channel=mapping.channel)
    return None


def _address(value: str) -> str | None:
    """A postal address as one line of at most ``ADDRESS_CHARS`` characters; None if empty."""
    line = ", ".join(part.strip() for part in value.splitlines() if part.strip())
    line = " ".join(line.replace("\x00", "").split())
    if len(line) > ADDRESS_CHARS:
        line = line[: ADDRESS_CHARS - 1] + "…"
    return line or None


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
        found = row["__error__"]
        return SourceItem(
            ref=ref, problem=found if isinstance(found, Problem) else str(found), raw=raw
        )
    try:
        return SourceItem(ref=ref, message=row_to_incoming(row, ref, mapping))
    except RowError as exc:
        return SourceItem(ref=ref, problem=exc.problem, raw=raw)
    except ValueError as exc:
        return SourceItem(ref=ref, problem=str(exc), raw=raw)
    except Exception:  # a row never stops the import: it is kept, with its content
        label = ref[:1].upper() + ref[1:]
        return SourceItem(ref=ref, problem=problem(ROW_UNREADABLE, row=label), raw=raw)


class RowError(ProblemError, ValueError):
    """A row that cannot be a message; its problem says why, for the person importing."""


ROW_NO_TEXT = define("import.no_text", "{row} has no message text.")
ROW_NO_CUSTOMER = define(
    "import.no_customer", "{row} names no customer (no handle, e-mail, phone or name)."
)
ROW_BAD_DIRECTION = define(
    "import.bad_direction",
    "{row}: the direction “{value}” is neither a customer value ({inbound}) "
    "nor a shop value ({outbound}).",
)
ROW_NO_TIMESTAMP = define("import.no_timestamp", "{row} has no time sent.")
ROW_TIME_OUT_OF_RANGE = define(
    "import.time_out_of_range", "{row}: the time sent “{value}” is not a real date."
)
ROW_TIME_FORMAT = define(
    "import.time_format", "{row}: the time sent “{value}” is not in a format the console reads."
)
ROW_UNKNOWN_ZONE = define("import.unknown_zone", "{row}: the time zone “{zone}” is not known.")
_SHOWN_CHARS = 40


def shown_value(value: str) -> str:
    """A cell's value as a person should see it in a reason: printable, and short."""
    printable = "".join(ch if ch.isprintable() else "\ufffd" for ch in value)
    return printable if len(printable) <= _SHOWN_CHARS else printable[: _SHOWN_CHARS - 1] + "…"


def row_to_incoming(row: dict[str, Any], ref: str, mapping: ColumnMapping) -> IncomingMessage:
    """One export row as a message; ValueError with a readable reason when it cannot be."""
    label = ref[:1].upper() + ref[1:]
    text = _cell(row, mapping, "text")
    if not text:
        raise RowError(problem(ROW_NO_TEXT, row=label))
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
        raise RowError(problem(ROW_NO_CUSTOMER, row=label))
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
            raise RowError(
                problem(
                    ROW_BAD_DIRECTION,
                    row=label,
                    value=shown_value(value),
                    inbound=", ".join(mapping.inbound_values[:4]),
                    outbound=", ".join(mapping.outbound_values[:4]),
                )
            )
    external = _cell(row, mapping, "external_id")
    if not external:
        external = content_external_id(channel, address, sent_at.isoformat(), direction, text)
    order = _cell(row, mapping, "order_number")
    subject = _cell(row, mapping, "subject")
    return IncomingMessage(
        channel=channel,
        address=address[:320],
        customer=CustomerInfo(
            name=(name or handle or address)[:200],
            country=country or None,
            region=_cell(row, mapping, "region")[:100] or None,
            city=_cell(row, mapping, "city")[:100] or None,
            address=_address(_cell(row, mapping, "address")),
        ),
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
        raise RowError(problem(ROW_NO_TIMESTAMP, row=label))
    moment: datetime | None = None
    number = value.replace(".", "", 1)
    if number.isascii() and number.isdigit():
        if len(number) > 20:
            raise RowError(problem(ROW_TIME_OUT_OF_RANGE, row=label, value=shown_value(value)))
        seconds = float(value)
        if seconds > 1e11:  # milliseconds
            seconds /= 1000
        try:
            return datetime.fromtimestamp(seconds, UTC)
        except (OverflowError, OSError, ValueError) as exc:
            raise RowError(
                problem(ROW_TIME_OUT_OF_RANGE, row=label, value=shown_value(value))
            ) from exc
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00").replace("/", "-"))
    except ValueError:
        try:
            moment = parsedate_to_datetime(value)
        except (TypeError, ValueError, IndexError):
            moment = None
    if moment is None:
        raise RowError(problem(ROW_TIME_FORMAT, row=label, value=shown_value(value)))
    if moment.tzinfo is None:
        try:
            moment = moment.replace(tzinfo=ZoneInfo(zone))
        except (ZoneInfoNotFoundError, ValueError, OSError) as exc:
            raise RowError(problem(ROW_UNKNOWN_ZONE, row=label, zone=shown_value(zone))) from exc
    try:
        return moment.astimezone(UTC)
    except (OverflowError, OSError, ValueError) as exc:
        raise RowError(problem(ROW_TIME_OUT_OF_RANGE, row=label, value=shown_value(value))) from exc
