"""Properties of the mail path on structured MIME built here, then mutated at random.

Whatever the bytes, :func:`email_item` gives a message or a quarantined item
carrying a registered :class:`Problem`, never an exception; what it gives can be
stored; a display name never becomes the sender address.
"""

from __future__ import annotations

import base64
import re
from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from console.channels.email_parse import MalformedEmail, parse_email
from console.channels.importer import import_items
from console.channels.sources import email_item
from console.problems import TEMPLATES, Problem
from console.store import Store, open_store, sqlite_url

RECEIVED = datetime(2026, 11, 30, 12, 0, tzinfo=UTC)
CHARSETS = (
    "utf-8", "gb2312", "gbk", "big5", "shift_jis", "euc-kr", "iso-8859-1", "cp1251", "utf-16",
    "utf-7", "undefined", "x-unknown", "base64", "rot13", "idna", "unicode_escape", "",
)  # fmt: skip
_TEXT = st.text(
    st.one_of(
        st.characters(codec="utf-8"),
        st.sampled_from("发票张伟ciëleÜß\r\n\x00\x1b\t<>@\"'=?;:,()\\"),
    ),
    max_size=30,
)


def _encoded_word(text: str, charset: str) -> str:
    data = text.encode("utf-8", "surrogatepass")
    if len(data) % 2:
        return "=?" + charset + "?b?" + base64.b64encode(data).decode() + "?="
    quoted = "".join(chr(b) if chr(b).isascii() and chr(b).isalnum() else f"={b:02X}" for b in data)
    return "=?" + charset + "?q?" + quoted + "?="


def _header_bytes(text: str, how: str, charset: str) -> bytes:
    if how == "encoded":
        return _encoded_word(text, charset or "utf-8").encode("ascii")
    # Unencoded, a name is the header's own syntax: no line breaks (they end the header)
    # and no specials that would make it another address (<>,;:"\()).
    text = re.sub(r'[\r\n<>,;:"\\()]', "", text)
    if how == "raw-utf8":
        return text.encode("utf-8", "surrogatepass")
    return text.encode("gb18030", "replace")


@st.composite
def structured_mail(draw: st.DrawFn) -> tuple[bytes, str, str]:
    """(raw mail, the victim address put in the display name, the real sender address)."""
    victim = draw(st.sampled_from(["ceo@shop.example", "vip@customer.example"]))
    sender = draw(
        st.from_regex(r"[a-z][a-z0-9.]{0,10}@[a-z]{1,8}\.(com|example|cn)", fullmatch=True)
    )
    how = draw(st.sampled_from(["encoded", "raw-utf8", "raw-gb"]))
    charset = draw(st.sampled_from(CHARSETS))
    name = draw(_TEXT) + victim + draw(_TEXT)
    head = b"From: " + _header_bytes(name, how, charset) + b" <" + sender.encode() + b">\r\n"
    head += b"Subject: " + _header_bytes(draw(_TEXT), how, charset) + b"\r\n"
    date = draw(
        st.sampled_from(
            [
                "Tue, 03 Mar 2026 09:12:00 +0100",
                "Fri, 31 Dec 9999 23:59:59 -1200",
                "Mon, 1 Jan 0001 00:00:00 +2359",
                "not a date",
                "",
            ]
        )
    )
    head += b"Date: " + date.encode() + b"\r\n"
    head += b"Message-ID: <" + draw(st.sampled_from([b"same@id", b"x@y", b""])) + b">\r\n"
    parts = []
    for _ in range(draw(st.integers(0, 4))):
        part_charset = draw(st.sampled_from(CHARSETS)).encode()
        filename = draw(_TEXT)
        disposition = draw(
            st.sampled_from(
                [
                    b'attachment; filename="' + filename.encode("utf-8", "replace") + b'"',
                    b'attachment; filename="' + filename.encode("gb18030", "replace") + b'"',
                    b"attachment; filename*=" + part_charset + b"''%E5%8F%91%E7%A5%A8%FF.pdf",
                    b"inline",
                    b"",
                ]
            )
        )
        content_type = draw(
            st.sampled_from([b"text/plain", b"text/html", b"application/pdf", b"message/rfc822"])
        )
        body = draw(_TEXT).encode("utf-8", "replace")
        encoding = draw(st.sampled_from([b"base64", b"quoted-printable", b"8bit", b"x-uue"]))
        if encoding == b"base64":
            body = base64.b64encode(body)
        parts.append(
            b"Content-Type: "
            + content_type
            + b"; charset="
            + part_charset
            + b"\r\n"
            + (b"Content-Disposition: " + disposition + b"\r\n" if disposition else b"")
            + b"Content-Transfer-Encoding: "
            + encoding
            + b"\r\n\r\n"
            + body
            + b"\r\n"
        )
    if parts:
        head += b"MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=BB\r\n\r\n"
        raw = head + b"".join(b"--BB\r\n" + part for part in parts) + b"--BB--\r\n"
    else:
        raw = head + b"Content-Type: text/plain; charset=" + charset.encode() + b"\r\n\r\nhi\r\n"
    return raw, victim, sender


@st.composite
def mutated_mail(draw: st.DrawFn) -> bytes:
    raw, _, _ = draw(structured_mail())
    data = bytearray(raw)
    for _ in range(draw(st.integers(0, 6))):
        if not data:
            break
        at = draw(st.integers(0, len(data) - 1))
        action = draw(st.sampled_from(["flip", "insert", "delete", "cut", "repeat"]))
        if action == "flip":
            data[at] = draw(st.integers(0, 255))
        elif action == "insert":
            data[at:at] = draw(
                st.sampled_from([b"\r\n", b"\x00", b"=?", b"?=", b"<", b">", b"--BB\r\n", b"\xff"])
            )
        elif action == "delete":
            del data[at : at + draw(st.integers(1, 20))]
        elif action == "cut":
            del data[at:]
        else:
            data[at:at] = data[at : at + draw(st.integers(1, 200))] * draw(st.integers(1, 5))
    return bytes(data)


def _check(item_raw: bytes) -> None:
    item = email_item(item_raw, "prop", received_at=RECEIVED)
    if item.message is None:
        assert isinstance(item.problem, Problem)
        assert item.problem.code in TEMPLATES and item.problem.text.endswith(".")
        assert "Error" not in item.problem.text
        assert item.raw == item_raw
    else:
        message = item.message
        local, _, domain = message.address.rpartition("@")
        assert local and domain and message.address == message.address.lower()
        for line in (message.customer.name, message.subject or ""):
            assert not any(ord(ch) < 32 or 127 <= ord(ch) < 160 for ch in line)
        for text in (message.text, message.customer.name, message.subject or "", message.address):
            text.encode("utf-8")  # no lone surrogates: the store can hold it
        for attachment in message.attachments:
            attachment.filename.encode("utf-8")
            assert "/" not in attachment.filename and "\n" not in attachment.filename


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated_mail())
def test_mutated_mail_is_stored_or_quarantined_never_an_exception(raw: bytes) -> None:
    _check(raw)


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=2000))
def test_arbitrary_bytes_are_stored_or_quarantined(raw: bytes) -> None:
    _check(raw)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(structured_mail())
def test_a_display_name_never_becomes_the_sender(case: tuple[bytes, str, str]) -> None:
    raw, victim, sender = case
    try:
        parsed = parse_email(raw)
    except MalformedEmail as exc:  # pragma: no cover - the sender is always there
        pytest.fail(f"quarantined: {exc}")
    assert parsed.sender_address == sender
    assert parsed.sender_address != victim


@pytest.fixture(scope="module")
def shared_store(tmp_path_factory: pytest.TempPathFactory) -> Store:
    path: Path = tmp_path_factory.mktemp("props") / "store.sqlite3"
    return open_store(sqlite_url(path))


@settings(
    max_examples=80,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(st.lists(mutated_mail(), min_size=1, max_size=4))
def test_every_outcome_can_be_stored(shared_store: Store, mails: list[bytes]) -> None:
    items = [email_item(raw, f"m{n}", received_at=RECEIVED) for n, raw in enumerate(mails)]
    report = import_items(shared_store, items, source="properties")
    assert report.imported + report.duplicates + report.quarantined == len(items)
    again = import_items(shared_store, items, source="properties")
    assert again.imported == 0
