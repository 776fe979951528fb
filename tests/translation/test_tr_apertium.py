"""Real end-to-end translation with Apertium (Debian apertium + apertium-eng-spa)."""

from __future__ import annotations

import pytest

from translation.engines import ApertiumEngine, EngineError
from translation.memory import InMemoryMemory
from translation.protect import Glossary, GlossaryTerm
from translation.translator import Translator

pytestmark = pytest.mark.usefixtures("apertium_required")


def test_apertium_lists_english_spanish_both_ways() -> None:
    engine = ApertiumEngine()
    assert {("en", "es"), ("es", "en")} <= engine.pairs()
    assert "apertium-eng-spa" in engine.version("en", "es")


def test_apertium_batch_keeps_order_and_count() -> None:
    engine = ApertiumEngine()
    out = engine.translate_batch(
        ["Thank you", "The house is blue", "Where is my order?"], "en", "es"
    )
    assert len(out) == 3
    assert out[0].lower().startswith("gracias")
    assert "casa" in out[1] and "azul" in out[1]
    assert "pedido" in out[2] or "orden" in out[2]


def test_apertium_unknown_pair_is_an_engine_error() -> None:
    with pytest.raises(EngineError):
        ApertiumEngine().translate_batch(["hallo"], "de", "ja")


def test_end_to_end_message_keeps_data_and_layout() -> None:
    glossary = Glossary.of(["Acme Turbo", GlossaryTerm("QuickShip", {"es": "EnvíoRápido"})])
    translator = Translator([ApertiumEngine()], InMemoryMemory(), glossary)
    text = (
        "Hello Ana,\n"
        "\n"
        "Your order ORD-2024-0042 (2 items, $45.99) ships today with QuickShip 🚚📦.\n"
        "Track it at https://track.example.com/1Z999AA10123456784 or write to help@shop.example.com.\n"
        "- The Acme Turbo blender\n"
        "- 3 spare blades\n"
        "\n"
        "Best regards,\n"
        "Bob"
    )
    result = translator.translate(text, "en", "es")
    assert result.engine == "apertium" and result.source == "en" and result.target == "es"
    assert result.warnings == ()
    for item in (
        "ORD-2024-0042",
        "$45.99",
        "🚚📦",
        "https://track.example.com/1Z999AA10123456784",
        "help@shop.example.com",
        "Acme Turbo",
        "EnvíoRápido",
    ):
        assert item in result.text, item
    assert "QuickShip" not in result.text
    lines = result.text.split("\n")
    assert len(lines) == 9
    assert lines[0].startswith("Hola") and lines[1] == "" and lines[7] != ""
    assert lines[4].startswith("- ") and lines[5].startswith("- 3 ")
    assert lines[8] == "Bob"
    assert "Hello" not in result.text and "ships" not in result.text


def test_round_trip_spanish_to_english() -> None:
    translator = Translator([ApertiumEngine()])
    spanish = translator.translate("My order #5531 has not arrived.", "en", "es")
    assert "#5531" in spanish.text and "llegado" in spanish.text
    back = translator.translate(spanish.text, "es", "en")
    assert "#5531" in back.text and "arrived" in back.text


def test_apertium_batch_with_empty_lines() -> None:
    out = ApertiumEngine().translate_batch(["", "Thank you", "  "], "en", "es")
    assert out[0] == "" and out[2] == "" and out[1].lower().startswith("gracias")
