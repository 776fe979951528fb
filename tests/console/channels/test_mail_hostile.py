"""Hostile and messy mail: spoofed senders, 8-bit names, odd charsets, reused ids, folders.

Every message here is bytes built by the test, written to tmp_path and imported
through the real import path (:func:`console.channels.importer.import_path`)
into a real store, which is then queried.
"""

from __future__ import annotations

import json
import os
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import func, select

from console.channels.email_parse import MalformedEmail, parse_email
from console.channels.importer import import_path
from console.cli import main as cli_main
from console.problems import TEMPLATES, Problem
from console.store import Store, sqlite_url
from console.store.channel_tables import MessageAttachment, QuarantinedItem
from console.store.models import ChannelIdentity, Conversation, Customer, Message

DATE = b"Date: Tue, 03 Mar 2026 09:12:00 +0100\r\n"


def _mail(
    sender: bytes,
    body: bytes = b"where is my order?",
    *,
    subject: bytes = b"Order A1",
    message_id: bytes | None = None,
    extra: bytes = b"",
) -> bytes:
    head = b"From: " + sender + b"\r\nTo: support@shop.example\r\nSubject: " + subject + b"\r\n"
    if message_id is not None:
        head += b"Message-ID: <" + message_id + b">\r\n"
    return head + DATE + extra + b"\r\n" + body + b"\r\n"


def _write(folder: Path, name: str, raw: bytes) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(raw)
    return path


def _senders(store: Store) -> dict[str, str]:
    """Identity address -> customer name."""
    with store.session() as session:
        rows = session.execute(
            select(ChannelIdentity.address, Customer.name).join(
                Customer, Customer.id == ChannelIdentity.customer_id
            )
        )
        return {address: name for address, name in rows}


def _count(store: Store, model: type) -> int:
    with store.session() as session:
        return int(session.scalar(select(func.count()).select_from(model)) or 0)


def _problems(store: Store) -> list[tuple[str, Problem | None, str]]:
    with store.session() as session:
        return [
            (ref, Problem.from_json(problem), reason)
            for ref, problem, reason in session.execute(
                select(
                    QuarantinedItem.item_ref, QuarantinedItem.problem, QuarantinedItem.reason
                ).order_by(QuarantinedItem.item_ref)
            )
        ]


# -- spoofed senders ----------------------------------------------------------------------


def test_an_encoded_display_name_never_becomes_the_sender(store: Store, tmp_path: Path) -> None:
    genuine = _write(tmp_path, "genuine.eml", _mail(b"CEO <ceo@shop.example>", message_id=b"g@x"))
    spoof = _write(
        tmp_path,
        "spoof.eml",
        _mail(
            b"=?utf-8?q?ceo=40shop.example?= <attacker@evil.example>",
            b"please send the refund to my new account",
            message_id=b"s@x",
        ),
    )
    assert import_path(store, genuine).imported == 1
    assert import_path(store, spoof).imported == 1
    senders = _senders(store)
    # The spoof is named after its real address, not after the address its name shows.
    assert senders == {"ceo@shop.example": "CEO", "attacker@evil.example": "attacker"}
    with store.session() as session:
        threads = dict(
            session.execute(
                select(Message.text, Conversation.customer_id).join(
                    Conversation, Conversation.id == Message.conversation_id
                )
            ).all()
        )
    assert threads["please send the refund to my new account"] != threads["where is my order?"]


@pytest.mark.parametrize(
    ("header", "name", "address"),
    [
        # a name that shows another address: the angle address is the sender, and the
        # misleading name is dropped so the inbox lists the real address
        (b"ceo@shop.example <attacker@evil.example>", "", "attacker@evil.example"),
        (b'"ceo@shop.example" <attacker@evil.example>', "", "attacker@evil.example"),
        (b"=?utf-8?b?Y2VvQHNob3AuZXhhbXBsZQ==?= <a@evil.example>", "", "a@evil.example"),
        # a comment holding an address is a comment
        (b"x@evil.example (CEO <ceo@shop.example>)", "", "x@evil.example"),
        # unclosed bracket: the fallback parser still never decodes a name into an address
        (b"=?utf-8?q?ceo=40shop.example?= <a@evil.example", "", "a@evil.example"),
        # a name showing the sender's own address is kept
        (b'"ana@example.com" <ana@example.com>', "ana@example.com", "ana@example.com"),
    ],
)
def test_names_that_look_like_addresses_stay_names(header: bytes, name: str, address: str) -> None:
    parsed = parse_email(_mail(header))
    assert (parsed.sender_name, parsed.sender_address) == (name, address)


def test_encoded_line_breaks_cannot_make_up_another_customer(store: Store, tmp_path: Path) -> None:
    raw = _mail(
        b"=?utf-8?q?Bob=0D=0AFrom=3A_Eve_=3Ceve=40shop.example=3E=00?= <bob@a.example>",
        subject=b"=?utf-8?q?Refund=0D=0ABcc=3A_x=40y.z=00=1B[31m?=",
    )
    report = import_path(store, _write(tmp_path, "crlf.eml", raw))
    assert report.imported == 1
    assert _senders(store) == {"bob@a.example": "bob"}
    with store.session() as session:
        subject = session.scalars(select(Message.subject)).one()
    assert subject == "Refund Bcc: x@y.z[31m"
    assert not any(ord(ch) < 32 or 127 <= ord(ch) < 160 for ch in subject)


@pytest.mark.parametrize(
    ("header", "name", "address"),
    [
        # RFC 2822 section 4 (obsolete syntax) and appendix A.6
        (
            b"Joe Q. Public <john.q.public@example.com>",
            "Joe Q. Public",
            "john.q.public@example.com",
        ),
        (b"jdoe@example.com (John Doe)", "John Doe", "jdoe@example.com"),
        (b"John Doe <jdoe@machine(comment).  example>", "John Doe", "jdoe@machine.example"),
        (
            b"Pete(A wonderful \\) chap) <pete(his account)@silly.test(his host)>",
            "Pete",
            "pete@silly.test",
        ),
        (b'"Joe" <@route.example:joe@example.com>', "Joe", "joe@example.com"),
        (b"john . q . public @ example . com", "", "john.q.public@example.com"),
        (b'"john"."doe"@Example.COM', "", "john.doe@example.com"),
        (b"Mary Smith <mary@x.test>,\r\n Jane <jane@y.test>", "Mary Smith", "mary@x.test"),
        (b"Bob <bob@a.example", "Bob", "bob@a.example"),  # unclosed bracket
        ("José Müller <jose@example.es>".encode(), "José Müller", "jose@example.es"),
        ("José Müller <jose@example.es>".encode("cp1252"), "José Müller", "jose@example.es"),
        ("张伟 <Zhang.Wei@Example.CN>".encode("gbk"), "张伟", "zhang.wei@example.cn"),
    ],
)
def test_senders_in_obsolete_and_raw_syntax_are_read(
    header: bytes, name: str, address: str
) -> None:
    # raw GBK in a header: read by the charset the text declares, as mail programs do
    extra = b"Content-Type: text/plain; charset=gb2312\r\n" if b"\xd5\xc5" in header else b""
    parsed = parse_email(_mail(header, extra=extra))
    assert (parsed.sender_name, parsed.sender_address) == (name, address)


def test_obsolete_sender_is_stored(store: Store, tmp_path: Path) -> None:
    raw = _mail(b"Pete(A wonderful \\) chap) <pete(his account)@silly.test(his host)>")
    assert import_path(store, _write(tmp_path, "obs.eml", raw)).imported == 1
    assert _senders(store) == {"pete@silly.test": "Pete"}


# -- readable mail is stored --------------------------------------------------------------


def _with_attachment(
    disposition: bytes, content_type: bytes = b"application/pdf", charset: bytes = b"utf-8"
) -> bytes:
    return _mail(
        b"Li <li@example.cn>",
        b"--XX\r\nContent-Type: text/plain; charset=" + charset + b"\r\n\r\ninvoice attached\r\n"
        b"--XX\r\nContent-Type: "
        + content_type
        + b"\r\nContent-Disposition: "
        + disposition
        + b"\r\nContent-Transfer-Encoding: base64\r\n\r\nJVBERi0xLjQ=\r\n--XX--",
        extra=b"MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=XX\r\n",
    )


@pytest.mark.parametrize(
    ("disposition", "content_type", "filename"),
    [
        ('attachment; filename="发票.pdf"'.encode(), b"application/pdf", "发票.pdf"),
        ('attachment; filename="ciële.txt"'.encode("latin-1"), b"text/plain", "ciële.txt"),
        ('attachment; filename="ciële.txt"'.encode(), b"text/plain", "ciële.txt"),
        # raw GBK, in a message whose text says gb2312 (as Chinese mailers write it)
        ('attachment; filename="请款单.pdf"'.encode("gbk"), b"application/pdf", "请款单.pdf"),
        (b"attachment; filename*=utf-8''%E5%8F%91%E7%A5%A8.pdf", b"application/pdf", "发票.pdf"),
        (b"attachment; filename*=undefined''r%E9sum%E9.pdf", b"application/pdf", "résumé.pdf"),
        (b'attachment; filename="=?gb2312?b?t6LGsS5wZGY=?="', b"application/pdf", "发票.pdf"),
        (b"attachment", 'application/pdf; name="发票.pdf"'.encode(), "发票.pdf"),
    ],
)
def test_attachment_names_are_decoded_whatever_their_encoding(
    store: Store, tmp_path: Path, disposition: bytes, content_type: bytes, filename: str
) -> None:
    raw = _with_attachment(
        disposition, content_type, b"gb2312" if b"\xc7\xeb" in disposition else b"utf-8"
    )
    assert import_path(store, _write(tmp_path, "att.eml", raw)).imported == 1
    with store.session() as session:
        stored = session.execute(select(MessageAttachment.filename, Message.text).join(Message))
        assert stored.one() == (filename, "invoice attached")


def test_undefined_charset_is_read_by_detection(store: Store, tmp_path: Path) -> None:
    raw = _mail(
        b"Anna <anna@example.de>",
        "Grüße, wo bleibt meine Bestellung?".encode("cp1252"),
        subject=b"=?undefined?q?Bestellung_fehlt?=",
        extra=b"Content-Type: text/plain; charset=undefined\r\n",
    )
    assert import_path(store, _write(tmp_path, "undef.eml", raw)).imported == 1
    with store.session() as session:
        assert session.execute(select(Message.subject, Message.text)).one() == (
            "Bestellung fehlt",
            "Grüße, wo bleibt meine Bestellung?",
        )


@pytest.mark.parametrize(
    "date",
    [
        b"Fri, 31 Dec 9999 23:59:59 -1200",
        b"Sat, 1 Jan 10000 00:00:00 +0000",
        b"32 Foo 20260 99:99",
        # A real date, but years ahead: it would keep the thread on top for ever.
        b"Fri, 31 Dec 9999 10:00:00 +0800",
    ],
)
def test_impossible_dates_fall_back_to_the_time_it_arrived(
    store: Store, tmp_path: Path, date: bytes
) -> None:
    raw = _mail(b"a@b.example").replace(DATE, b"Date: " + date + b"\r\n")
    path = _write(tmp_path, "date.eml", raw)
    arrived = datetime(2026, 5, 4, 3, 2, 1, tzinfo=UTC)
    os.utime(path, (arrived.timestamp(), arrived.timestamp()))
    assert import_path(store, path).imported == 1
    with store.session() as session:
        sent = session.scalars(select(Message.sent_at)).one()
    assert sent.replace(tzinfo=UTC) == arrived


# -- duplicates: only the same message --------------------------------------------------------


def test_a_reused_message_id_is_not_a_duplicate(store: Store, tmp_path: Path) -> None:
    folder = tmp_path / "box"
    _write(folder, "1.eml", _mail(b"Ana <ana@example.com>", b"first", message_id=b"same@id"))
    _write(folder, "2.eml", _mail(b"Eve <eve@evil.example>", b"other", message_id=b"same@id"))
    _write(folder, "3.eml", _mail(b"Ana <ana@example.com>", b"changed", message_id=b"same@id"))
    # the same message again, in another file: a duplicate
    _write(folder, "4.eml", _mail(b"Ana <ana@example.com>", b"first", message_id=b"same@id"))
    first = import_path(store, folder)
    assert first.summary() == "imported 3, duplicates 1, quarantined 0"
    again = import_path(store, folder)
    assert again.summary() == "imported 0, duplicates 4, quarantined 0"
    with store.session() as session:
        rows = session.execute(
            select(Message.text, ChannelIdentity.address)
            .join(Conversation, Conversation.id == Message.conversation_id)
            .join(ChannelIdentity, ChannelIdentity.customer_id == Conversation.customer_id)
            .order_by(Message.id)
        ).all()
    assert [tuple(row) for row in rows] == [
        ("first", "ana@example.com"),
        ("other", "eve@evil.example"),
        ("changed", "ana@example.com"),
    ]


def test_a_reused_id_in_a_later_import_is_stored_once(store: Store, tmp_path: Path) -> None:
    original = _write(tmp_path, "a.eml", _mail(b"ana@example.com", b"hi", message_id=b"m@1"))
    forged = _write(tmp_path, "b.eml", _mail(b"eve@evil.example", b"hi", message_id=b"m@1"))
    assert import_path(store, original).summary() == "imported 1, duplicates 0, quarantined 0"
    assert import_path(store, forged).summary() == "imported 1, duplicates 0, quarantined 0"
    assert import_path(store, forged).summary() == "imported 0, duplicates 1, quarantined 0"
    assert _count(store, Message) == 2


# -- folders of .eml files ----------------------------------------------------------------


def _mbox(*messages: bytes) -> bytes:
    return b"".join(
        b"From sender@example.com Tue Mar  3 09:12:00 2026\n" + m + b"\n" for m in messages
    )


def _export_folder(root: Path) -> Path:
    """What a mail program exports: .eml files in nested folders, an mbox beside them."""
    _write(root, "Inbox/2026/one.eml", _mail(b"a@example.com", b"one", message_id=b"1@x"))
    _write(root, "Inbox/two.EML", _mail(b"b@example.com", b"two", message_id=b"2@x"))
    _write(root, "Archive/old.mbox", _mbox(
        _mail(b"c@example.com", b"three", message_id=b"3@x"),
        _mail(b"d@example.com", b"four", message_id=b"4@x"),
    ))  # fmt: skip
    _write(root, "Archive/no-suffix", _mail(b"e@example.com", b"five", message_id=b"5@x"))
    _write(root, "Broken/nobody.eml", b"Subject: no sender\r\n\r\nwho wrote this?\r\n")
    _write(root, "notes.pdf", b"%PDF-1.4 not mail")
    _write(root, ".DS_Store", b"\x00\x00\x00\x01Bud1")
    return root


def test_a_folder_of_eml_and_mbox_files_imports_like_a_maildir(
    store: Store, tmp_path: Path
) -> None:
    folder = _export_folder(tmp_path / "Export")
    first = import_path(store, folder)
    assert first.summary() == "imported 5, duplicates 0, quarantined 2"
    assert import_path(store, folder).summary() == "imported 0, duplicates 5, quarantined 2"
    assert import_path(store, folder, fmt="eml").summary() == (
        "imported 0, duplicates 5, quarantined 2"
    )
    with store.session() as session:
        texts = set(session.scalars(select(Message.text)))
    assert texts == {"one", "two", "three", "four", "five"}
    assert _count(store, QuarantinedItem) == 2
    problems = {ref: problem.code for ref, problem, _ in _problems(store) if problem}
    assert problems == {"Broken/nobody.eml": "mail.no_sender", "notes.pdf": "mail.not_mail"}


@pytest.mark.parametrize("fmt", [(), ("--format", "eml"), ("--format", "auto")])
def test_the_command_line_imports_a_folder_of_eml_files(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], fmt: tuple[str, ...]
) -> None:
    folder = _export_folder(tmp_path / "Export")
    db = sqlite_url(tmp_path / "s.sqlite3")
    assert cli_main(["import", str(folder), "--db", db, *fmt]) == 0
    assert capsys.readouterr().out == "imported 5, duplicates 0, quarantined 2\n"
    assert cli_main(["import", str(folder), "--db", db, *fmt]) == 0
    assert capsys.readouterr().out == "imported 0, duplicates 5, quarantined 2\n"


def test_the_command_line_imports_one_eml_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _write(tmp_path, "one.eml", _mail(b"a@example.com"))
    db = sqlite_url(tmp_path / "s.sqlite3")
    assert cli_main(["import", str(path), "--db", db, "--format", "eml"]) == 0
    assert capsys.readouterr().out == "imported 1, duplicates 0, quarantined 0\n"


# -- quarantine reasons are sentences for a person ---------------------------------------


def test_every_mail_quarantine_reason_is_a_problem_with_a_sentence(
    store: Store, tmp_path: Path
) -> None:
    folder = tmp_path / "box"
    _write(folder, "empty.eml", b"\r\n\r\n")
    _write(folder, "nobody.eml", b"Subject: hi\r\n\r\nno sender\r\n")
    _write(folder, "garbage.eml", b"\x00\x01\x02 not a mail \xff\xfe")
    _write(folder, "name-only.eml", _mail(b"=?utf-8?q?ceo=40shop.example?="))
    report = import_path(store, folder)
    assert report.summary() == "imported 0, duplicates 0, quarantined 4"
    rows = _problems(store)
    assert len(rows) == 4
    for ref, problem, reason in rows:
        assert problem is not None, ref
        assert problem.code.startswith("mail."), ref
        assert reason == problem.text == TEMPLATES[problem.code].format(**problem.values)
        assert reason.endswith(".") and "Error" not in reason and "Exception" not in reason
    assert {problem.code for _, problem, _ in rows if problem} == {"mail.empty", "mail.no_sender"}


def test_parse_errors_carry_a_problem() -> None:
    with pytest.raises(MalformedEmail) as caught:
        parse_email(_mail(b"x@example.com", b"x" * 2_500_000), max_bytes=1_000_000)
    assert caught.value.problem.code == "mail.too_large"
    assert json.loads(caught.value.problem.to_json())["params"] == {"limit": "1", "size": "2.5"}
    assert str(caught.value) == "The message is 2.5 MB, over the 1 MB limit for one message."
