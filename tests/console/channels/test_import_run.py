"""Importing what a person chose: files and folders together, counted, stoppable."""

from __future__ import annotations

import threading
from pathlib import Path

from console.channels.import_run import (
    FOLDER_EMPTY,
    FORMAT_UNKNOWN,
    PATH_MISSING,
    STOPPED,
    import_paths,
)
from console.channels.sources import NOT_MAIL
from console.store import Store


def eml(number: int, sender: str = "anna@example.com") -> bytes:
    return (
        f"From: Customer {number} <{sender}>\r\n"
        "To: support@shop.example\r\n"
        f"Subject: Order {number} has not arrived\r\n"
        f"Date: Mon, 3 Mar 2025 10:{number:02d}:00 +0000\r\n"
        f"Message-ID: <order-{number}@example.com>\r\n"
        "\r\n"
        f"Hello, order {number} has not arrived yet.\r\n"
    ).encode()


def mbox(*numbers: int) -> bytes:
    parts = []
    for number in numbers:
        parts.append(b"From anna@example.com Mon Mar  3 10:00:00 2025\n")
        parts.append(eml(number).replace(b"\r\n", b"\n") + b"\n")
    return b"".join(parts)


def mail_folder(root: Path) -> Path:
    """3 .eml files (one a level down, one two levels down), an mbox of 2, one stray note."""
    folder = root / "export"
    (folder / "2025" / "march").mkdir(parents=True)
    (folder / "first.eml").write_bytes(eml(1))
    (folder / "2025" / "second.eml").write_bytes(eml(2))
    (folder / "2025" / "march" / "third.EML").write_bytes(eml(3))
    (folder / "2025" / "archive.mbox").write_bytes(mbox(4, 5))
    (folder / "2025" / "notes.txt").write_bytes(b"shopping list, not mail\n")
    (folder / ".DS_Store").write_bytes(b"\0\1hidden")
    return folder


def test_a_folder_and_files_are_imported_together_and_counted(store: Store, tmp_path: Path) -> None:
    folder = mail_folder(tmp_path)
    loose = tmp_path / "loose.eml"
    loose.write_bytes(eml(6))
    seen: list[int] = []
    report = import_paths(store, [folder, loose], progress=seen.append)
    assert (report.imported, report.duplicates, report.quarantined) == (6, 0, 1)
    assert seen == list(range(1, 8))  # five mails in the folder, the note, the loose file
    assert [notice.code for notice in report.notices] == []
    again = import_paths(store, [folder, loose])
    assert (again.imported, again.duplicates) == (0, 6)


def test_paths_that_cannot_be_read_become_notices_and_the_rest_still_imports(
    store: Store, tmp_path: Path
) -> None:
    good = tmp_path / "good.eml"
    good.write_bytes(eml(7))
    unknown = tmp_path / "photo.bin"
    unknown.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    empty = tmp_path / "empty-folder"
    empty.mkdir()
    missing = tmp_path / "gone.eml"
    report = import_paths(store, [missing, unknown, empty, good])
    assert report.imported == 1
    assert [notice.code for notice in report.notices] == [
        PATH_MISSING,
        FORMAT_UNKNOWN,
        FOLDER_EMPTY,
    ]
    assert report.notices[0].values == {"name": str(missing)}
    for notice in report.notices:
        assert "Error" not in notice.text and "Traceback" not in notice.text


def test_a_stray_file_in_a_mail_folder_is_quarantined_with_its_name(
    store: Store, tmp_path: Path
) -> None:
    from sqlalchemy import select

    from console.store.channel_tables import QuarantinedItem

    import_paths(store, [mail_folder(tmp_path)])
    with store.session() as session:
        reasons = session.execute(select(QuarantinedItem.item_ref, QuarantinedItem.problem)).all()
    assert [ref for ref, _ in reasons] == ["2025/notes.txt"]
    assert NOT_MAIL in (reasons[0][1] or "")


def test_stopping_ends_the_import_and_says_so(store: Store, tmp_path: Path) -> None:
    folder = tmp_path / "many"
    folder.mkdir()
    for number in range(1, 31):
        (folder / f"{number:02d}.eml").write_bytes(eml(number))
    stop = threading.Event()

    def count(items: int) -> None:
        if items == 10:
            stop.set()

    report = import_paths(
        store, [folder, tmp_path / "never-reached.eml"], progress=count, stop=stop
    )
    assert report.imported == 10
    assert [notice.code for notice in report.notices] == [STOPPED]
    assert report.notices[0].values == {"count": "10"}
