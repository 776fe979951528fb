"""Mail and export files built by the tests: good ones and a corpus of broken ones."""

from __future__ import annotations

import mailbox
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid
from pathlib import Path

from factories import T0


def mail(
    number: int,
    *,
    sender: str = "ana@example.com",
    name: str = "Ana Souza",
    subject: str = "Where is my order?",
    text: str | None = None,
    message_id: str | None = None,
    in_reply_to: str | None = None,
) -> bytes:
    msg = EmailMessage()
    msg["From"] = f"{name} <{sender}>"
    msg["To"] = "support@shop.example"
    msg["Subject"] = subject
    msg["Date"] = format_datetime(T0.replace(minute=number % 60))
    msg["Message-ID"] = message_id or f"<m{number}@example.com>"
    if in_reply_to:
        msg["In-Reply-To"] = f"<{in_reply_to}>"
        msg["References"] = f"<{in_reply_to}>"
    msg.set_content(text or f"message number {number}")
    return msg.as_bytes()


def broken_corpus() -> dict[str, tuple[bytes, bool]]:
    """name -> (raw bytes, stored?) : False means it must be quarantined."""
    nested = b"Content-Type: text/plain\r\n\r\ndeep inside\r\n"
    for level in range(60):
        nested = (
            f'Content-Type: multipart/mixed; boundary="b{level}"\r\n\r\n--b{level}\r\n'.encode()
            + nested
            + f"\r\n--b{level}--\r\n".encode()
        )
    head = b"From: Deep <deep@example.com>\r\nSubject: deep\r\nMIME-Version: 1.0\r\n"
    big = (
        b"From: Big <big@example.com>\r\nSubject: big\r\nContent-Type: text/plain\r\n\r\n"
        + b"x" * (20 * 1024 * 1024)
    )
    return {
        "empty": (b"", False),
        "no-sender": (b"Subject: hello\r\n\r\nno from header\r\n", False),
        "garbage": (b"\x00\x01\x02 not a mail at all \xff\xfe", False),
        "wrong-charset": (
            b"From: Li <li@example.cn>\r\nSubject: =?gb2312?B?zcu/7g==?=\r\n"
            b"Content-Type: text/plain; charset=us-ascii\r\n\r\n"
            + "您好，我上周买的鞋子尺码不对，我想退款，请问怎么办？谢谢。".encode("gb18030")
            + b"\r\n",
            True,
        ),
        "missing-charset-8bit-header": (
            "From: Müller <mueller@example.de>\r\nSubject: Rückgabe\r\n\r\nGrüße".encode("latin-1"),
            True,
        ),
        "empty-body": (b"From: E <e@example.com>\r\nSubject: nothing\r\n\r\n", True),
        "html-only": (
            b"From: H <h@example.com>\r\nSubject: html\r\nContent-Type: text/html\r\n\r\n"
            b'<p>Hi<img src="https://tracker.example/p.gif"><script>alert(1)</script></p>',
            True,
        ),
        "attachment-only": (
            b'From: A <a@example.com>\r\nSubject: att\r\nContent-Type: multipart/mixed; boundary="x"'
            b"\r\n\r\n--x\r\nContent-Type: application/x-msdownload\r\nContent-Disposition: "
            b'attachment; filename="invoice.exe"\r\nContent-Transfer-Encoding: base64\r\n\r\n'
            b"TVqQAAMAAAAEAAAA\r\n--x--\r\n",
            True,
        ),
        "broken-mime": (
            b'From: B <b@example.com>\r\nSubject: b\r\nContent-Type: multipart/mixed; boundary="zz"'
            b"\r\n\r\n--zz\r\nContent-Type: text/plain\r\n\r\nstill readable\r\n",
            True,
        ),
        "deeply-nested": (head + nested, True),
        "twenty-mb": (big, True),
    }


def write_maildir(path: Path, messages: dict[str, bytes]) -> Path:
    for sub in ("cur", "new", "tmp"):
        (path / sub).mkdir(parents=True, exist_ok=True)
    for name, raw in messages.items():
        (path / "new" / name).write_bytes(raw)
    return path


def write_mbox(path: Path, messages: list[bytes]) -> Path:
    box = mailbox.mbox(path)
    for raw in messages:
        box.add(raw)
    box.flush()
    box.close()
    return path


__all__ = ["broken_corpus", "mail", "make_msgid", "write_maildir", "write_mbox"]
