"""``support-console replies export/import``: a round trip, and bad files that change nothing."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from console.cli import main
from console.replies import list_entries, save_entry, set_variant
from console.store import open_store, sqlite_url
from console.store.reply_tables import MACHINE_DRAFT


def _seeded(path: Path) -> str:
    url = sqlite_url(path)
    store = open_store(url)
    with store.session() as session:
        entry = save_entry(
            session, "return_label", category="return", keywords=["label", "标签"],
            source_language="en",
            variants={"en": "Hello {customer_name}, here is your label.",
                      "zh": "您好 {customer_name}，这是您的退货标签。"},
        )  # fmt: skip
        set_variant(session, entry, "es", "Hola {customer_name}, aquí está su etiqueta.",
                    status=MACHINE_DRAFT)  # fmt: skip
        set_variant(session, entry, "en", "Hello {customer_name}, here is your return label.")
    store.close()
    return url


def _library(url: str) -> list[tuple[str, str, dict[str, tuple[str, str, bool]]]]:
    store = open_store(url)
    with store.session() as session:
        entries = list_entries(session)
    store.close()
    return [
        (e.key, e.category,
         {lang: (v.text, v.status, v.stale) for lang, v in e.variants.items()})
        for e in entries
    ]  # fmt: skip


def test_export_then_import_into_another_store_keeps_variants_and_marks(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = _seeded(tmp_path / "a.sqlite3")
    file = tmp_path / "out" / "replies.json"
    assert main(["replies", "export", str(file), "--db", source]) == 0
    assert "Exported 1 replies" in capsys.readouterr().err
    target = sqlite_url(tmp_path / "b.sqlite3")
    assert main(["replies", "import", str(file), "--db", target]) == 0
    assert "1 replies added" in capsys.readouterr().err
    copied = _library(target)
    assert copied == _library(source)
    variants = copied[0][2]
    assert variants["zh"][2] is True  # stale: the English changed after it was approved
    assert variants["es"][1] == MACHINE_DRAFT
    # Importing again updates in place.
    assert main(["replies", "import", str(file), "--db", target]) == 0
    assert "0 replies added, 1 updated" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"{not json", "not valid JSON (line 1)"),
        (b'{"format": "something-else", "replies": []}', "not a reply library"),
        (
            json.dumps(
                {
                    "format": "support-console-replies",
                    "version": 1,
                    "replies": [
                        {
                            "key": "ok",
                            "category": "return",
                            "source_language": "en",
                            "variants": {"en": {"text": "Fine."}},
                        },
                        {
                            "key": "broken",
                            "category": "return",
                            "source_language": "en",
                            "variants": {"en": {"text": "Hi", "status": "maybe"}},
                        },
                    ],
                }
            ).encode(),
            "Reply 2 (broken)",
        ),
        (
            json.dumps(
                {
                    "format": "support-console-replies",
                    "version": 1,
                    "replies": [
                        {
                            "key": "x",
                            "category": "return",
                            "source_language": "de",
                            "variants": {"en": {"text": "Hi"}},
                        },
                    ],
                }
            ).encode(),
            "no text in its source language (de)",
        ),
        (b"\xff\xfe\x00garbage", "could not be read"),
    ],
)
def test_a_bad_file_changes_nothing_and_says_what_is_wrong(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: bytes, expected: str
) -> None:
    url = _seeded(tmp_path / "a.sqlite3")
    before = _library(url)
    file = tmp_path / "bad.json"
    file.write_bytes(content)
    assert main(["replies", "import", str(file), "--db", url]) == 1
    err = capsys.readouterr().err
    assert expected in err and "Nothing was imported" in err
    assert "Traceback" not in err
    assert _library(url) == before
