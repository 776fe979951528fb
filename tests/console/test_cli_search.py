"""``support-console search QUERY --db URL [--json]``: conversations and where they matched."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from factories import MessageFactory
from sqlalchemy import select

from console.cli import EXIT_STORE_ERROR, main
from console.inbox.ingest import ingest
from console.search_cli import excerpt
from console.store import Store, sqlite_url
from console.store.models import Message
from console.translations.service import save_translation


def _filled(store: Store, message: MessageFactory) -> tuple[int, int]:
    """A Spanish message with stored English and Chinese translations, and an English one."""
    ingest(
        store,
        [
            message("Quiero un reembolso, el paquete llegó roto", address="es@x", name="Lucía"),
            message("I want a refund for order 12", address="en@x", name="Kim", country="GB"),
            message("Hola, ¿qué tal?", address="other@x", name="Otro"),
        ],
    )
    with store.session() as session:
        spanish = session.scalars(select(Message).where(Message.text.like("Quiero%"))).one()
        for language, body in (("en", "I want a refund, the parcel arrived broken"),
                               ("zh", "我想要退款，包裹到的时候坏了")):  # fmt: skip
            save_translation(
                session, spanish.id, language, engine="test", engine_version="1", text=body
            )
        english = session.scalars(select(Message).where(Message.text.like("I want%"))).one()
        return spanish.conversation_id, english.conversation_id


def test_json_names_each_conversation_and_where_it_matched(
    store: Store, message: MessageFactory, capsys: pytest.CaptureFixture[str]
) -> None:
    spanish, english = _filled(store, message)
    url = str(store.engine.url)
    assert main(["search", "refund", "--db", url, "--json"]) == 0
    document = json.loads(capsys.readouterr().out)
    assert document["query"] == "refund" and document["total"] == 2
    by_id = {found["id"]: found for found in document["conversations"]}
    assert set(by_id) == {spanish, english}
    (in_spanish,) = by_id[spanish]["matches"]
    assert in_spanish["where"] == "translation" and in_spanish["language"] == "en"
    assert in_spanish["excerpt"] == "I want a [refund], the parcel arrived broken"
    assert by_id[spanish]["customer"] == "Lucía"
    (in_english,) = by_id[english]["matches"]
    # An original names the language it was written in (detected as it was stored).
    assert in_english["where"] == "original" and in_english["language"] == "en"
    assert in_english["spans"] == [[9, 15]]

    assert main(["search", "退款", "--db", url, "--json"]) == 0
    document = json.loads(capsys.readouterr().out)
    assert [found["id"] for found in document["conversations"]] == [spanish]
    (match,) = document["conversations"][0]["matches"]
    assert (match["where"], match["language"]) == ("translation", "zh")
    assert "[退款]" in match["excerpt"]


def test_text_output_says_original_or_translation(
    store: Store, message: MessageFactory, capsys: pytest.CaptureFixture[str]
) -> None:
    spanish, _ = _filled(store, message)
    assert main(["search", "reembolso", "--db", str(store.engine.url)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "1 conversations match 'reembolso'"
    assert out[1].startswith(f"#{spanish}  Lucía  (BR, ")
    assert out[2].endswith(", original (es): Quiero un [reembolso], el paquete llegó roto")
    assert main(["search", "broke", "--db", str(store.engine.url)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert "translation (en): I want a refund, the parcel arrived [broke]n" in out[2]


def test_nothing_found_and_limit(
    store: Store, message: MessageFactory, capsys: pytest.CaptureFixture[str]
) -> None:
    _filled(store, message)
    url = str(store.engine.url)
    assert main(["search", "nirgendwo", "--db", url]) == 0
    assert capsys.readouterr().out == "0 conversations match 'nirgendwo'\n"
    assert main(["search", "want", "--db", url, "--limit", "1"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "2 conversations match 'want' (first 1 shown)"
    assert sum(line.startswith("#") for line in out) == 1


def test_an_unusable_store_is_one_line_and_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "not-a-store.sqlite3"
    bad.write_bytes(b"this is not a database, just bytes of my own" * 200)
    assert main(["search", "refund", "--db", sqlite_url(bad)]) == EXIT_STORE_ERROR
    err = capsys.readouterr().err
    assert err.startswith("support-console: ") and len(err.strip().splitlines()) == 1


def test_excerpt_cuts_around_the_first_match() -> None:
    text = "word " * 100 + "refund here " + "tail " * 100
    cut = excerpt(text, "refund")
    assert "[refund]" in cut and cut.startswith("…") and cut.endswith("…")
    assert len(cut) <= 130
    assert excerpt("no match at all", "refund") == "no match at all"
