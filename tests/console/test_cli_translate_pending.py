"""``support-console translate-pending`` as a user runs it: import Spanish mail, translate it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import select

from console.store import open_store, sqlite_url
from console.store.models import Message, Translation

SPANISH = (
    "Hola, mi pedido todavía no ha llegado. ¿Dónde está el paquete?",
    "El paquete llegó roto y quiero un reembolso, por favor.",
    "Quiero devolver los zapatos porque son demasiado pequeños.",
)


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "console", *args],
        capture_output=True,
        text=True,
        timeout=180,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        stdin=subprocess.DEVNULL,
    )


def _maildir(root: Path) -> Path:
    for sub in ("cur", "new", "tmp"):
        (root / sub).mkdir(parents=True, exist_ok=True)
    for number, text in enumerate(SPANISH, start=1):
        mail = (
            f"From: Lucía Gómez <lucia{number}@example.es>\r\n"
            f"To: soporte@shop.example\r\n"
            f"Subject: Pedido {number}\r\n"
            f"Date: Mon, 0{number} Nov 2026 10:00:00 +0100\r\n"
            f"Message-ID: <es-{number}@example.es>\r\n"
            "MIME-Version: 1.0\r\n"
            "Content-Type: text/plain; charset=utf-8\r\n"
            "Content-Transfer-Encoding: 8bit\r\n"
            "\r\n"
            f"{text}\r\n"
        )
        (root / "new" / f"{number}.mail:2,").write_bytes(mail.encode("utf-8"))
    return root


def test_import_then_translate_pending_stores_translations_and_a_second_run_does_nothing(
    tmp_path: Path, apertium_required: None
) -> None:
    db = sqlite_url(tmp_path / "store.sqlite3")
    imported = _run("import", str(_maildir(tmp_path / "Mail")), "--db", db)
    assert imported.returncode == 0, imported.stderr

    first = _run("translate-pending", "--db", db, "--to", "en")
    assert first.returncode == 0, first.stderr
    lines = first.stdout.splitlines()
    assert lines == [
        "en: translated 3, already in en 0, no model 0, undetermined 0, failed 0",
        "total: translated 3, already in the language 0, no model 0, undetermined 0, failed 0",
    ]
    store = open_store(db)
    try:
        with store.session() as session:
            rows = session.execute(
                select(Message.text, Message.language, Translation.target_language,
                       Translation.engine, Translation.text)
                .join(Translation, Translation.message_id == Message.id)
            ).all()  # fmt: skip
        assert len(rows) == 3
        assert {row.target_language for row in rows} == {"en"}
        assert {row.engine for row in rows} == {"apertium"}
        assert {row.language for row in rows} == {"es"}
        by_source = {row[0].strip(): row[4] for row in rows}
        assert "package arrived broken" in by_source[SPANISH[1]].lower()
        assert all(by_source[text] != text for text in SPANISH)
    finally:
        store.close()

    second = _run("translate-pending", "--db", db, "--to", "en")
    assert second.returncode == 0, second.stderr
    assert second.stdout.splitlines()[0] == (
        "en: translated 0, already in en 0, no model 0, undetermined 0, failed 0"
    )
    store = open_store(db)
    try:
        with store.session() as session:
            assert len(session.scalars(select(Translation.id)).all()) == 3
    finally:
        store.close()


def test_store_that_cannot_be_opened_exits_2_with_one_line(tmp_path: Path) -> None:
    path = tmp_path / "broken.sqlite3"
    path.write_bytes(b"garbage" * 500)
    result = _run("translate-pending", "--db", sqlite_url(path), "--to", "en")
    assert result.returncode == 2
    assert result.stdout == ""
    assert "not a support console store" in result.stderr
    assert path.read_bytes() == b"garbage" * 500
    assert len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.stderr


def test_bad_language_list_exits_1(tmp_path: Path) -> None:
    result = _run("translate-pending", "--db", sqlite_url(tmp_path / "s.sqlite3"), "--to", "e n!")
    assert result.returncode == 1
    assert "--to" in result.stderr


@pytest.fixture
def apertium_required() -> None:
    import shutil

    assert shutil.which("apertium"), "apertium is not installed: run .ci/setup"
    assert Path("/usr/share/apertium/modes/eng-spa.mode").exists()
