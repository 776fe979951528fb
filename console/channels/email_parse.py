"""Parse one raw e-mail into plain data, whatever state it arrives in.

Real mail is messy: missing or wrong charsets, raw 8-bit headers, broken
MIME boundaries, HTML-only bodies, attachments without text, messages nested
hundreds of levels deep. :func:`parse_email` either returns a
:class:`ParsedEmail` (with ``warnings`` saying what it had to repair) or
raises :class:`MalformedEmail` with a reason a user can read. It never raises
anything else, which the property tests check on arbitrary bytes.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email import message_from_bytes, policy
from email.header import Header, decode_header, make_header
from email.message import Message
from email.utils import getaddresses, parsedate_to_datetime
from pathlib import PurePosixPath

from console.channels.html_text import html_to_text, sanitize_html

MAX_MESSAGE_BYTES = 30 * 1024 * 1024
MAX_ATTACHMENT_BYTES = 15 * 1024 * 1024
MAX_DEPTH = 40
MAX_PARTS = 500

DANGEROUS_EXTENSIONS = frozenset((
    "exe", "bat", "cmd", "com", "scr", "pif", "msi", "msp", "jar", "js", "jse", "vbs", "vbe",
    "wsf", "wsh", "ps1", "psm1", "hta", "cpl", "dll", "reg", "lnk", "iso", "img", "vhd",
    "docm", "xlsm", "pptm", "apk", "app", "dmg", "sh",
))  # fmt: skip
DANGEROUS_TYPES = frozenset(
    ("application/x-msdownload", "application/x-dosexec", "application/x-sh",
     "application/java-archive", "application/hta", "application/x-ms-shortcut")
)  # fmt: skip
# Charsets mislabelled so often that their superset is the better reading.
_SUPERSETS = {
    "gb2312": "gb18030", "gbk": "gb18030", "ks_c_5601-1987": "cp949", "euc-kr": "cp949",
    "iso-8859-1": "cp1252", "us-ascii": "utf-8", "ascii": "utf-8", "shift_jis": "cp932",
    "x-sjis": "cp932", "iso-8859-8-i": "iso-8859-8", "unicode-1-1-utf-7": "utf-7",
}  # fmt: skip


class MalformedEmail(ValueError):
    """The message cannot be stored; the text says why, for the quarantine view."""


@dataclass(frozen=True)
class Attachment:
    filename: str
    content_type: str
    size: int
    sha256: str
    dangerous: bool
    data: bytes | None = field(default=None, repr=False)  # None when over the size cap


@dataclass(frozen=True)
class ParsedEmail:
    message_id: str | None
    in_reply_to: str | None
    references: tuple[str, ...]
    subject: str
    sender_name: str
    sender_address: str
    recipients: tuple[str, ...]
    sent_at: datetime | None
    date_header: str | None
    text: str
    html: str | None
    attachments: tuple[Attachment, ...]
    warnings: tuple[str, ...]
    sha256: str


def parse_email(raw: bytes, *, max_bytes: int = MAX_MESSAGE_BYTES) -> ParsedEmail:
    if not raw.strip():
        raise MalformedEmail("The message is empty.")
    if len(raw) > max_bytes:
        raise MalformedEmail(
            f"The message is {len(raw) / 1e6:.1f} MB, over the {max_bytes / 1e6:.0f} MB limit."
        )
    try:
        return _parse(raw)
    except MalformedEmail:
        raise
    except RecursionError as exc:
        raise MalformedEmail("The message's MIME structure is nested too deeply.") from exc
    except Exception as exc:  # the email package has many ways to fail on broken input
        raise MalformedEmail(f"The message could not be parsed: {exc.__class__.__name__}") from exc


def _parse(raw: bytes) -> ParsedEmail:
    message = message_from_bytes(raw, policy=policy.compat32)
    warnings: list[str] = [f"MIME problem: {type(d).__name__}" for d in message.defects]
    sender_name, sender_address = _sender(message, warnings)
    if not sender_address:
        raise MalformedEmail("The message has no sender address, so it cannot be answered.")
    subject = _header_text(message, "Subject", warnings)
    date_header = _header_text(message, "Date", warnings) or None
    texts: list[str] = []
    htmls: list[str] = []
    attachments: list[Attachment] = []
    for part, depth in _leaf_parts(message, warnings):
        _read_part(part, depth, texts, htmls, attachments, warnings)
    html = sanitize_html("\n".join(htmls)) if htmls else None
    text = "\n\n".join(t for t in texts if t.strip()).strip()
    if not text and htmls:
        text = html_to_text(html or "")
    if not text and not attachments:
        warnings.append("The message has no text.")
    return ParsedEmail(
        message_id=_message_id(message.get("Message-ID")),
        in_reply_to=_message_id(message.get("In-Reply-To")),
        references=tuple(_message_ids(message.get("References"))),
        subject=subject,
        sender_name=sender_name,
        sender_address=sender_address,
        recipients=tuple(
            address.lower()
            for _, address in getaddresses(
                [_header_text(message, name, warnings) for name in ("To", "Cc")]
            )
            if "@" in address
        ),
        sent_at=_sent_at(date_header, warnings),
        date_header=date_header,
        text=text,
        html=html,
        attachments=tuple(attachments),
        warnings=tuple(dict.fromkeys(warnings)),
        sha256=hashlib.sha256(raw).hexdigest(),
    )


def _leaf_parts(root: Message, warnings: list[str]) -> Iterator[tuple[Message, int]]:
    """Non-multipart parts, depth first, without recursion and with bounds."""
    stack: list[tuple[Message, int]] = [(root, 0)]
    seen = 0
    while stack:
        part, depth = stack.pop()
        seen += 1
        if seen > MAX_PARTS:
            warnings.append(f"Only the first {MAX_PARTS} MIME parts were read.")
            return
        if part.is_multipart():
            if depth >= MAX_DEPTH:
                warnings.append("Parts nested too deeply were skipped.")
                continue
            children = part.get_payload()
            if isinstance(children, list):
                stack.extend(
                    (child, depth + 1) for child in reversed(children) if isinstance(child, Message)
                )
            continue
        yield part, depth


def _read_part(
    part: Message,
    depth: int,
    texts: list[str],
    htmls: list[str],
    attachments: list[Attachment],
    warnings: list[str],
) -> None:
    content_type = part.get_content_type()
    disposition = (part.get("Content-Disposition") or "").split(";")[0].strip().lower()
    filename = _filename(part, warnings)
    payload = part.get_payload(decode=True)
    data = payload if isinstance(payload, bytes) else b""
    is_body = disposition != "attachment" and not filename
    if is_body and content_type == "text/plain":
        texts.append(_decode(data, part.get_content_charset(), warnings))
    elif is_body and content_type == "text/html":
        htmls.append(_decode(data, part.get_content_charset(), warnings))
    elif content_type == "message/rfc822" or (is_body and content_type.startswith("multipart/")):
        warnings.append("An embedded message was not read.")
    elif data or filename:
        attachments.append(
            _attachment(filename or f"part-{len(attachments) + 1}", content_type, data, warnings)
        )


def _attachment(filename: str, content_type: str, data: bytes, warnings: list[str]) -> Attachment:
    extension = PurePosixPath(filename.lower()).suffix.lstrip(".")
    dangerous = extension in DANGEROUS_EXTENSIONS or content_type in DANGEROUS_TYPES
    kept = data if len(data) <= MAX_ATTACHMENT_BYTES else None
    if kept is None:
        warnings.append(f"Attachment {filename} is over the size limit and was not kept.")
    return Attachment(
        filename=filename,
        content_type=content_type,
        size=len(data),
        sha256=hashlib.sha256(data).hexdigest(),
        dangerous=dangerous,
        data=kept,
    )


def _filename(part: Message, warnings: list[str]) -> str:
    try:
        name = part.get_filename()
    except Exception:
        warnings.append("An attachment name could not be read.")
        return ""
    if not name:
        return ""
    return _decode_header_value(name, warnings).replace("/", "_").replace("\\", "_").strip()


def _decode(data: bytes, declared: str | None, warnings: list[str]) -> str:
    """Bytes to text: the declared charset when it fits, else the best detected one."""
    if declared:
        codec = _SUPERSETS.get(declared.lower(), declared.lower())
        try:
            return data.decode(codec)
        except LookupError:
            warnings.append(f"Unknown charset {declared!r}; detected instead.")
        except UnicodeDecodeError:
            warnings.append(f"Text was not valid {declared}; detected instead.")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    if _looks_western(data):
        return data.decode("cp1252", errors="replace")
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is not None:
        return str(best)
    warnings.append("Text in an unknown encoding; unreadable characters were replaced.")
    return data.decode("utf-8", errors="replace")


_NON_ASCII_RUN = re.compile(rb"[\x80-\xff]+")


def _looks_western(data: bytes) -> bool:
    """Short Latin-1/cp1252 text (an umlaut here and there) that detectors often misread.

    In Western single-byte text the non-ASCII bytes stand alone between ASCII
    letters (two at most, as in 'Grüße') and read as letters; in CJK
    double-byte and in Cyrillic/Greek text they come in longer runs.
    """
    runs = _NON_ASCII_RUN.findall(data)
    return bool(runs) and all(
        len(run) <= 2 and all(ch.isalpha() for ch in run.decode("cp1252", errors="replace"))
        for run in runs
    )


def _header_text(message: Message, name: str, warnings: list[str]) -> str:
    value = message.get(name)
    if value is None:
        return ""
    if isinstance(value, Header):
        # Raw 8-bit bytes in a header: the parser wraps them as "unknown-8bit".
        chunks = []
        for chunk, charset in decode_header(value):
            if isinstance(chunk, bytes):
                declared = None if charset in (None, "unknown-8bit") else charset
                chunk = _decode(chunk, declared, warnings)
            chunks.append(chunk)
        value = "".join(chunks)
    return _decode_header_value(str(value), warnings)


def _decode_header_value(value: str, warnings: list[str]) -> str:
    if any("\udc80" <= ch <= "\udcff" for ch in value):
        # Raw 8-bit bytes in a header (the parser kept them as surrogates).
        value = _decode(value.encode("ascii", "surrogateescape"), None, warnings)
    try:
        decoded = str(make_header(decode_header(value)))
    except Exception:
        warnings.append("A header had a broken encoded word and was read as is.")
        decoded = value
    return " ".join(decoded.split())


def _sender(message: Message, warnings: list[str]) -> tuple[str, str]:
    raw = _header_text(message, "Reply-To", warnings) or _header_text(message, "From", warnings)
    for name, address in getaddresses([raw]):
        if "@" in address:
            return name.strip(), address.strip().lower()
    return "", ""


def _sent_at(date_header: str | None, warnings: list[str]) -> datetime | None:
    if not date_header:
        warnings.append("The message has no date.")
        return None
    try:
        moment = parsedate_to_datetime(date_header)
    except (TypeError, ValueError, IndexError):
        warnings.append(f"Unreadable date {date_header!r}.")
        return None
    if moment.tzinfo is None:
        warnings.append("The date has no time zone; UTC assumed.")
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC)


def _message_ids(value: object) -> Iterator[str]:
    if value is None:
        return
    for token in str(value).replace(",", " ").split():
        token = token.strip()
        if token.startswith("<") and token.endswith(">") and len(token) > 2:
            yield token[1:-1]


def _message_id(value: object) -> str | None:
    return next(_message_ids(value), None)
