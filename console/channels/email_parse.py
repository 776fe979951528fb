"""Parse one raw e-mail into plain data, whatever state it arrives in.

Real mail is messy: missing or wrong charsets, raw 8-bit headers, broken
MIME boundaries, HTML-only bodies, attachments without text, messages nested
hundreds of levels deep. :func:`parse_email` either returns a
:class:`ParsedEmail` (with ``warnings`` saying what it had to repair) or
raises :class:`MalformedEmail` carrying a :class:`~console.problems.Problem` a
person can read. It never raises anything else, which the property tests check
on arbitrary and mutated bytes.

Senders are hostile as often as they are messy. Addresses are parsed from the
header as it arrived, *before* encoded words in display names are decoded, so
``=?utf-8?q?ceo=40shop.example?= <attacker@evil.example>`` is the address
``attacker@evil.example`` with the display name ``ceo@shop.example``: a name never
becomes an address. Control characters (CR, LF, NUL, ...) are removed from names
and subjects.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from email import message_from_bytes
from email._header_value_parser import get_address_list
from email.header import Header, decode_header, make_header
from email.message import Message
from email.policy import Compat32
from email.utils import collapse_rfc2231_value, getaddresses, parsedate_to_datetime
from pathlib import PurePosixPath

from console.channels.html_text import html_to_text, sanitize_html
from console.incoming import Attachment
from console.problems import ProblemError, define, problem

EMPTY = define("mail.empty", "The message is empty.")
TOO_LARGE = define(
    "mail.too_large", "The message is {size} MB, over the {limit} MB limit for one message."
)
NO_SENDER = define("mail.no_sender", "The message has no sender address, so it cannot be answered.")
TOO_DEEP = define("mail.too_deep", "The message's parts are nested too deeply to be read.")
UNREADABLE = define(
    "mail.unreadable",
    "The message is too damaged to be read as an e-mail; it is kept here as it arrived.",
)

MAX_MESSAGE_BYTES = 30 * 1024 * 1024
MAX_ATTACHMENT_BYTES = 15 * 1024 * 1024
MAX_DEPTH = 40
MAX_PARTS = 500
MAX_ADDRESS_HEADER_CHARS = 4000  # the address parser slows down on very long headers

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


class MalformedEmail(ProblemError, ValueError):
    """The message cannot be stored; its :class:`Problem` says why, for the quarantine view."""


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
        raise MalformedEmail(problem(EMPTY))
    if len(raw) > max_bytes:
        raise MalformedEmail(
            problem(TOO_LARGE, size=f"{len(raw) / 1e6:.1f}", limit=f"{max_bytes / 1e6:.0f}")
        )
    try:
        return _parse(raw)
    except MalformedEmail:
        raise
    except RecursionError as exc:
        raise MalformedEmail(problem(TOO_DEEP)) from exc
    except Exception as exc:  # the email package has many ways to fail on broken input
        raise MalformedEmail(problem(UNREADABLE)) from exc


class _Lenient(Compat32):
    """compat32, but a header with raw 8-bit bytes reads as text, not as a ``Header`` object.

    Unencoded UTF-8 or Latin-1 in a header (``filename="发票.pdf"`` from Chinese and
    Apple mail) is common; compat32 hands such headers out as ``Header`` objects that
    the rest of the email package (``get_filename``, ``get_param``) cannot split.
    """

    def header_fetch_parse(self, name: str, value: str) -> str:
        if isinstance(value, str) and _has_surrogates(value):
            return _decode_8bit(value.encode("ascii", "surrogateescape"), header=True)
        return str(value)


_POLICY = _Lenient()


def _has_surrogates(value: str) -> bool:
    return any("\udc80" <= ch <= "\udcff" for ch in value)


# The charset the message's text parts declare: how its mailer most likely wrote raw 8-bit
# headers too (a 4-byte GBK name is too short for any detector to tell).
_HINT: ContextVar[str | None] = ContextVar("mail_charset_hint", default=None)


def _charset_hint(message: Message) -> str | None:
    for part, _ in _leaf_parts(message, []):
        declared = _charset(part)
        if declared and part.get_content_maintype() == "text":
            codec = _SUPERSETS.get(declared, declared)
            if codec != "utf-8" and _ascii_compatible(codec):
                return codec
    return None


_PROBE = 'From: Name <a.b-c_d@example.com>, (x); "q" +AGA- \\'


def _ascii_compatible(codec: str) -> bool:
    """Whether header syntax (ASCII) reads the same in ``codec`` (not UTF-16, UTF-7, ...)."""
    try:
        return _PROBE.encode(codec) == _PROBE.encode("ascii") and (
            _PROBE.encode("ascii").decode(codec) == _PROBE
        )
    except Exception:
        return False


def _parse(raw: bytes) -> ParsedEmail:
    message = message_from_bytes(raw, policy=_POLICY)
    token = _HINT.set(_charset_hint(message))
    try:
        return _parse_message(message, raw)
    finally:
        _HINT.reset(token)


def _parse_message(message: Message, raw: bytes) -> ParsedEmail:
    warnings: list[str] = [f"MIME problem: {type(d).__name__}" for d in message.defects]
    sender_name, sender_address = _sender(message, warnings)
    if not sender_address:
        raise MalformedEmail(problem(NO_SENDER))
    subject = _clean_line(_header_text(message, "Subject", warnings))
    date_header = _header_text(message, "Date", warnings) or None
    texts: list[str] = []
    htmls: list[str] = []
    attachments: list[Attachment] = []
    for part, depth in _leaf_parts(message, warnings):
        _read_part(part, depth, texts, htmls, attachments, warnings)
    html = sanitize_html(_valid_text("\n".join(htmls))) if htmls else None
    text = _valid_text("\n\n".join(t for t in texts if t.strip()).strip())
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
            address
            for name in ("To", "Cc")
            for _, address in _mailboxes(_raw_header(message, name))
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
        texts.append(_decode(data, _charset(part), warnings))
    elif is_body and content_type == "text/html":
        htmls.append(_decode(data, _charset(part), warnings))
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
    """The attachment's name, decoded whatever its encoding (RFC 2231, encoded words, raw 8-bit)."""
    for header, param in (("content-disposition", "filename"), ("content-type", "name")):
        try:
            value = part.get_param(param, None, header)
        except Exception:
            warnings.append("An attachment name could not be read.")
            continue
        if value is None:
            continue
        if isinstance(value, tuple):  # RFC 2231: (charset, language, text)
            declared, _, text = value
            name = _decode(text.encode("raw-unicode-escape"), declared or None, warnings)
        else:
            name = _decode_header_value(collapse_rfc2231_value(value), warnings)
        name = _clean_line(name.replace("/", "_").replace("\\", "_"))
        if name:
            return name
    return ""


def _charset(part: Message) -> str | None:
    try:
        return part.get_content_charset()
    except Exception:
        return None


def _decode(data: bytes, declared: str | None, warnings: list[str]) -> str:
    """Bytes to text: the declared charset when it fits, else the best detected one."""
    if declared:
        codec = _SUPERSETS.get(declared.lower(), declared.lower())
        try:
            return _valid_text(data.decode(codec))
        except LookupError:
            warnings.append(f"Unknown charset {declared!r}; detected instead.")
        except Exception:  # UnicodeError, and codecs such as "undefined" that refuse everything
            warnings.append(f"Text was not valid {declared}; detected instead.")
    return _decode_8bit(data, warnings)


def _decode_8bit(data: bytes, warnings: list[str] | None = None, *, header: bool = False) -> str:
    """Bytes of no declared charset: UTF-8, else Western, else the best detected reading.

    In a ``header`` only readings that keep ASCII as ASCII count (a detector may call
    30 bytes of a From line UTF-16, which would turn its ``<address>`` into Han).
    """
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    hint = _HINT.get()
    if hint:
        try:
            return _valid_text(data.decode(hint))
        except Exception:  # a wrong hint, or a codec that refuses everything
            pass
    if _looks_western(data):
        return data.decode("cp1252", errors="replace")
    from charset_normalizer import from_bytes

    for match in from_bytes(data):
        if match.encoding and (not header or _ascii_compatible(match.encoding)):
            return _valid_text(str(match))
    if warnings is not None:
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
    value: object = message.get(name)  # a str here; a compat32 message may hold a Header
    if value is None:
        return ""
    if isinstance(value, Header):  # not with _Lenient, but a caller may pass compat32 messages
        value = _decode_8bit(str(value).encode("ascii", "surrogateescape"), warnings, header=True)
    return _decode_header_value(str(value), warnings)


def _decode_header_value(value: str, warnings: list[str]) -> str:
    if _has_surrogates(value):
        # Raw 8-bit bytes in a header (the parser kept them as surrogates).
        value = _decode_8bit(value.encode("ascii", "surrogateescape"), warnings, header=True)
    try:
        decoded = str(make_header(decode_header(value)))
    except Exception:
        decoded = _decode_words(value, warnings)
    return " ".join(_valid_text(decoded).split())


def _decode_words(value: str, warnings: list[str]) -> str:
    """Encoded words one by one, an unknown or refusing charset read by detection."""
    try:
        chunks = decode_header(value)
    except Exception:
        warnings.append("A header had a broken encoded word and was read as is.")
        return value
    parts = []
    for chunk, charset in chunks:
        if isinstance(chunk, str):
            parts.append(chunk)
        elif charset is None:
            parts.append(chunk.decode("raw-unicode-escape", errors="replace"))
        else:
            declared = None if charset == "unknown-8bit" else charset
            parts.append(_decode(chunk, declared, warnings))
    return "".join(parts)


_LINE_BREAKS = re.compile(r"[\t\n\v\f\r\x85\u2028\u2029]")
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def _clean_line(value: str) -> str:
    """One line for a name or subject: breaks become spaces, other control characters (NUL,
    ESC, ...) are removed."""
    return " ".join(_CONTROL.sub("", _LINE_BREAKS.sub(" ", value)).split())


def _valid_text(value: str) -> str:
    """Text that can be stored: lone surrogates (from odd codecs) replaced."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return value.encode("utf-8", errors="replace").decode("utf-8")
    return value


def _raw_header(message: Message, name: str) -> str:
    """The header as it arrived (encoded words not decoded), unfolded, raw 8-bit read as text."""
    wanted = name.lower()
    for key, value in message.raw_items():
        if key.lower() == wanted:
            text = str(value)
            if _has_surrogates(text):
                text = _decode_8bit(text.encode("ascii", "surrogateescape"), header=True)
            return re.sub(r"\r?\n(?=[ \t])", "", text)[:MAX_ADDRESS_HEADER_CHARS]
    return ""


_ANGLE_ADDRESS = re.compile(r"<\s*([^<>\s@]+@[^<>\s@]+?)\s*>")
_FORBIDDEN_IN_ADDRESS = re.compile(r"[\s\x00-\x1f\x7f-\x9f<>()\[\],;:\\]")


def _mailboxes(raw: str) -> list[tuple[str, str]]:
    """(display name, address) of each mailbox in an address header, parsed before decoding.

    The structure (which part is the address) is read from the raw header, RFC 5322
    and its obsolete syntax alike; only then is the display name decoded, so an
    encoded word can never turn into an address. A mailbox the parser cannot read
    falls back to the ``<address>`` in angle brackets, never to the text of a name.
    """
    if not raw.strip():
        return []
    found: list[tuple[str, str]] = []
    try:
        parsed, _ = get_address_list(raw)
        for mailbox in parsed.mailboxes:
            address = _address(mailbox.local_part, mailbox.domain)
            if address:
                # "jdoe@example.com (John Doe)": the old way of naming, in a comment
                name = mailbox.display_name or " ".join(mailbox.comments)
                found.append((_clean_line(_valid_text(name)), address))
    except Exception:  # the parser has its own ways to fail on hostile input
        found = []
    if found:
        return found
    for match in _ANGLE_ADDRESS.finditer(raw):
        local, _, domain = match.group(1).rpartition("@")
        address = _address(local, domain)
        if address:
            before = raw[: match.start()].rsplit(",", 1)[-1].strip().strip('"')
            found.append((_clean_line(_decode_words(before, [])), address))
    if found:
        return found
    for name, candidate in getaddresses([raw]):  # "Bob <bob@a.example" (never closed)
        local, _, domain = candidate.rpartition("@")
        address = _address(local, domain)
        if address:
            found.append((_clean_line(_decode_words(name, [])), address))
    return found


def _address(local: object, domain: object) -> str:
    """``local@domain`` lower-cased, or "" when a part is missing or holds what no address can
    (spaces, control characters, brackets)."""
    if not isinstance(local, str) or not isinstance(domain, str):
        return ""
    local, domain = local.strip(), domain.strip()
    if not local or not domain or "@" in domain or len(local) + len(domain) > 319:
        return ""
    if _FORBIDDEN_IN_ADDRESS.search(domain) or _FORBIDDEN_IN_ADDRESS.search(local.strip('"')):
        return ""
    return _valid_text(f"{local}@{domain}".lower())


def _sender(message: Message, warnings: list[str]) -> tuple[str, str]:
    for header in ("Reply-To", "From"):
        for name, address in _mailboxes(_raw_header(message, header)):
            return _honest_name(name, address), address
    return "", ""


_ADDRESS_IN_NAME = re.compile(r"[^\s<>@\"']+@[^\s<>@\"']+")


def _honest_name(name: str, address: str) -> str:
    """The display name, unless it shows an address other than the sender's own.

    ``"ceo@shop.example" <attacker@evil.example>`` would otherwise be listed as
    ceo@shop.example in the inbox; the agent sees the real address instead.
    """
    shown = {found.strip(".,;:()[]").lower() for found in _ADDRESS_IN_NAME.findall(name)}
    if shown and shown != {address.lower()}:
        return ""
    return name


#: How far ahead of now a sender's clock may be before the arrival time is used instead.
FUTURE_DATE_SLACK = timedelta(days=1)


def _sent_at(date_header: str | None, warnings: list[str]) -> datetime | None:
    if not date_header:
        warnings.append("The message has no date.")
        return None
    try:
        moment = parsedate_to_datetime(date_header)
    except (TypeError, ValueError, IndexError, OverflowError):
        warnings.append(f"Unreadable date {date_header!r}.")
        return None
    if moment.tzinfo is None:
        warnings.append("The date has no time zone; UTC assumed.")
        moment = moment.replace(tzinfo=UTC)
    try:
        moment = moment.astimezone(UTC)
    except (OverflowError, ValueError):  # "Fri, 31 Dec 9999 23:59:59 -1200"
        warnings.append(f"The date {date_header!r} is out of range.")
        return None
    if moment > datetime.now(UTC) + FUTURE_DATE_SLACK:
        # A date far ahead would keep the thread on top of the inbox for ever.
        warnings.append(f"The date {date_header!r} lies in the future; arrival time used.")
        return None
    return moment


def _message_ids(value: object) -> Iterator[str]:
    if value is None:
        return
    for token in str(value).replace(",", " ").split():
        token = token.strip()
        if token.startswith("<") and token.endswith(">") and len(token) > 2:
            yield token[1:-1]


def _message_id(value: object) -> str | None:
    return next(_message_ids(value), None)
