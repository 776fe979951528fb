"""translate(): engine choice, pivot through English, memory, warnings, the module API."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

import translation
from translation.argos import ArgosEngine
from translation.engines import ApertiumEngine, NoEngineError
from translation.memory import InMemoryMemory, MemoryKey, SqlMemory
from translation.packages import install_package
from translation.translator import Translator, normalize_code

ROOT = Path(__file__).resolve().parents[2]


def test_import_translation_stays_light() -> None:
    code = (
        "import sys, translation\n"
        "heavy = {'ctranslate2', 'sentencepiece', 'sqlalchemy', 'argostranslate', 'torch',"
        " 'stanza', 'numpy'}\n"
        "print(sorted(heavy & {m.split('.')[0] for m in sys.modules}))\n"
        "translation.translate, translation.Glossary\n"
        "print(sorted(heavy & {m.split('.')[0] for m in sys.modules}))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    ).stdout.split("\n")
    assert out[0] == "[]"
    assert out[1] == "[]"  # the names resolve without loading any engine


def test_codes_are_normalised() -> None:
    assert normalize_code("EN-us") == "en"
    assert normalize_code("pt_BR") == "pt"
    assert normalize_code("zh-TW") == "zt"


def test_argos_preferred_over_apertium_for_the_same_pair(
    package_dir: Path, built_packages: dict[str, Path], apertium_required: None
) -> None:
    argos = ArgosEngine(package_dir)
    apertium = ApertiumEngine()
    translator = Translator([apertium, argos])
    assert translator.route("de", "en")[0][2] is argos
    assert translator.route("en", "es")[0][2] is apertium
    # An Argos en->es package takes over from Apertium once installed.
    from translation.argos_builder import build_package

    build = build_package(package_dir.parent / "en_es", "en", "es", seed=9)
    install_package(build, package_dir)
    argos.refresh()
    assert translator.route("en", "es")[0][2] is argos


def test_pivot_through_english_with_two_engines(package_dir: Path, apertium_required: None) -> None:
    translator = Translator([ArgosEngine(package_dir), ApertiumEngine()])
    assert ("de", "es") in translator.pairs()
    assert translator.can_translate("de", "es")
    result = translator.translate("Wo ist meine Bestellung?", "de", "es")
    assert result.engine == "argos+apertium"
    assert result.pivot == "en"
    assert [(h.source, h.target, h.engine) for h in result.route] == [
        ("de", "en", "argos"),
        ("en", "es", "apertium"),
    ]
    assert any(w.kind == "pivot" for w in result.warnings)
    assert result.text.strip()


def test_no_engine_for_pair(package_dir: Path) -> None:
    translator = Translator([ArgosEngine(package_dir)])
    with pytest.raises(NoEngineError):
        translator.translate("hola", "es", "ja")
    assert not translator.can_translate("es", "ja")


def test_same_language_and_empty_text_pass_through() -> None:
    translator = Translator([])
    assert translator.translate("Hi ORD-1", "en", "EN").text == "Hi ORD-1"
    assert translator.translate("  \n", "de", "en").engine == "none"


def test_dropped_placeholders_are_restored_with_a_warning(package_dir: Path) -> None:
    # A random-weight model never copies placeholders: the data must come back anyway.
    translator = Translator([ArgosEngine(package_dir)])
    result = translator.translate("Hallo, Bestellung ORD-77 kostet 12,50 € 🙂\nDanke", "de", "en")
    dropped = [w for w in result.warnings if w.kind == "dropped"]
    assert dropped and set(dropped[0].items) == {"ORD-77", "12,50 €", "🙂"}
    first, second = result.text.split("\n")
    assert first.endswith("ORD-77 12,50 € 🙂")
    assert "ORD-77" not in second


def test_memory_makes_a_repeat_instant(package_dir: Path) -> None:
    memory = InMemoryMemory()
    translator = Translator([ArgosEngine(package_dir)], memory)
    first = translator.translate("Wo ist mein Paket?\n\nDanke", "de", "en")
    assert not first.cached and len(memory) == 2
    again = translator.translate("Wo ist mein Paket?\n\nDanke", "de", "en")
    assert again.cached and again.text == first.text
    # a repeated line inside another message comes from memory too
    partly = translator.translate("Danke", "de", "en")
    assert partly.cached


def test_memory_file_survives_restart_and_respects_engine_version(
    package_dir: Path, built_packages: dict[str, Path], tmp_path: Path
) -> None:
    path = tmp_path / "tm.sqlite3"
    first = Translator([ArgosEngine(package_dir)], SqlMemory.sqlite(path)).translate(
        "Wo ist mein Paket?", "de", "en"
    )
    # "restart": new engine, new translator, new connection to the same file
    engine = ArgosEngine(package_dir)
    again = Translator([engine], SqlMemory.sqlite(path)).translate("Wo ist mein Paket?", "de", "en")
    assert again.cached and again.text == first.text
    # a reinstalled model is another engine version: no stale cache hit
    install_package(built_packages["de_en"], package_dir)
    engine.refresh()
    fresh = Translator([engine], SqlMemory.sqlite(path)).translate("Wo ist mein Paket?", "de", "en")
    assert not fresh.cached
    assert fresh.route[0].engine_version != first.route[0].engine_version


def test_memory_key_is_a_hash_not_the_text() -> None:
    key = MemoryKey.of("secret text", "de", "en", "argos", "1")
    assert "secret" not in repr(key) and len(key.text_hash) == 64


def test_module_level_translate_uses_configured_folder(package_dir: Path) -> None:
    translator = translation.configure(package_dir=package_dir, memory=InMemoryMemory())
    try:
        assert translation.get_translator() is translator
        result = translation.translate("Hallo", "de", "en")
        assert isinstance(result, translation.Translation)
        assert result.engine == "argos" and result.source == "de" and result.target == "en"
    finally:
        translation.configure(engines=[])


def test_translate_many_batches_messages_and_shares_memory(apertium_required: None) -> None:
    memory = InMemoryMemory()
    translator = Translator([ApertiumEngine()], memory)
    texts = ["Thank you!\n\nWhere is order ORD-9?", "", "Thank you!", "The house is blue 🙂"]
    results = translator.translate_many(texts, "en", "es")
    assert [r.text.split("\n")[0] for r in results][:1] == [results[2].text]
    assert results[1].text == "" and results[1].engine == "none"
    assert "ORD-9" in results[0].text and results[3].text.endswith("🙂")
    assert len(memory) == 3  # "Thank you!" translated once
    single = translator.translate("The house is blue 🙂", "en", "es")
    assert single.cached and single.text == results[3].text


def test_sql_memory_table_shape(tmp_path: Path) -> None:
    import sqlalchemy as sa

    memory = SqlMemory.sqlite(tmp_path / "tm.sqlite3")
    columns = {c["name"] for c in sa.inspect(memory.engine).get_columns("translation_memory")}
    assert columns == {
        "text_hash",
        "source",
        "target",
        "engine",
        "engine_version",
        "translation",
        "created_at",
    }
    key = MemoryKey.of("hola", "es", "en", "apertium", "v1")
    memory.put_many({key: "hello"})
    memory.put_many({key: "hi"})  # replaces
    assert memory.get_many([key, MemoryKey.of("x", "es", "en", "apertium", "v1")]) == {key: "hi"}


def test_warm_up_loads_models_and_refresh_sees_new_packages(
    package_dir: Path, built_packages: dict[str, Path]
) -> None:
    engine = ArgosEngine(package_dir)
    translator = Translator([engine])
    translator.warm_up("de", "fr")  # pivot: both hops loaded
    assert engine.load("de", "en") is engine.load("de", "en")
    assert len(engine._loaded) == 2
    assert not translator.can_translate("fr", "en")
    install_package(built_packages["fr_en"], package_dir)
    translator.refresh()
    assert translator.can_translate("fr", "en")
