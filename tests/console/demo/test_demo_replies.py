"""The demo store ships a reply library the palette can use in the demo's languages."""

from __future__ import annotations

from pathlib import Path

from console.demo.generator import CORPUS_DIR, build_demo_store
from console.replies import list_entries
from console.replies.exchange import read_library_file
from console.replies.library import VARIABLES, variables_in
from console.store import open_store, sqlite_url


def test_every_demo_variant_keeps_its_source_variables() -> None:
    for entry in read_library_file(CORPUS_DIR / "replies.json"):
        source = entry["variants"][entry["source_language"]]["text"]
        wanted = sorted(variables_in(source))
        assert set(wanted) <= set(VARIABLES), entry["key"]
        for language, variant in entry["variants"].items():
            assert sorted(variables_in(variant["text"])) == wanted, (entry["key"], language)


def test_the_demo_store_has_the_library_with_a_chinese_variant_everywhere(
    tmp_path: Path,
) -> None:
    path = tmp_path / "demo.sqlite3"
    build_demo_store(path, conversations=3)
    store = open_store(sqlite_url(path), create=False)
    try:
        with store.session() as session:
            entries = list_entries(session)
    finally:
        store.close()
    assert {e.category for e in entries} >= {"return", "data_request", "shipping"}
    for entry in entries:
        assert entry.variant("zh") is not None and entry.variant("en") is not None
        assert not any(v.stale or v.machine_draft for v in entry.variants.values())
