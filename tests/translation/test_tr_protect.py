"""Order data and glossary terms survive translation as placeholders."""

from __future__ import annotations

import pytest

from translation.layout import join_lines, split_lines, split_sentences
from translation.protect import Glossary, GlossaryTerm, protect, restore


@pytest.mark.parametrize(
    ("text", "kind", "item"),
    [
        (
            "see https://shop.example.com/o?id=7&x=1, thanks",
            "url",
            "https://shop.example.com/o?id=7&x=1",
        ),
        ("visit www.example.org.", "url", "www.example.org"),
        (
            "write to ana.souza+shop@mail.example.com now",
            "email",
            "ana.souza+shop@mail.example.com",
        ),
        ("order #12345 is late", "code", "#12345"),
        ("order ORD-2024-0042 is late", "code", "ORD-2024-0042"),
        ("tracking 1Z999AA10123456784 shows nothing", "code", "1Z999AA10123456784"),
        ("tracking LX123456789CN shows nothing", "code", "LX123456789CN"),
        ("SKU TSH-BLU-XL-42 is sold out", "code", "TSH-BLU-XL-42"),
        ("it cost $45.99 in total", "price", "$45.99"),
        ("es kostet 1.234,56 € insgesamt", "price", "1.234,56 €"),
        ("refund of EUR 20 issued", "price", "EUR 20"),
        ("R$ 199,90 no total", "price", "R$ 199,90"),
        ("I love it 😍👍🏽 really", "emoji", "😍👍🏽"),
        ("family 👨‍👩‍👧 photo", "emoji", "👨‍👩‍👧"),
        ("我的订单12345号还没到", "code", "12345"),
    ],
)
def test_protects_order_data(text: str, kind: str, item: str) -> None:
    protected = protect(text)
    assert [(s.kind, s.original) for s in protected.spans] == [(kind, item)]
    assert item not in protected.text
    assert "⟦1⟧" in protected.text
    assert restore(protected.text, protected.spans).text == text


def test_restores_every_span_even_reordered() -> None:
    text = "Order ORD-1 for $5 to ana@example.com 🙂"
    protected = protect(text)
    assert len(protected.spans) == 4
    # an engine may reorder the placeholders
    reordered = "Pedido ⟦4⟧ ⟦3⟧ para ⟦2⟧ de ⟦1⟧"
    restored = restore(reordered, protected.spans)
    assert restored.dropped == ()
    assert restored.text == "Pedido 🙂 ana@example.com para $5 de ORD-1"


def test_dropped_placeholder_is_reported_and_appended() -> None:
    protected = protect("Your code is ABC-123 and price $9")
    restored = restore("Su código es ⟦1⟧", protected.spans)
    assert [s.original for s in restored.dropped] == ["$9"]
    assert restored.text == "Su código es ABC-123 $9"


def test_placeholder_with_spaces_inserted_by_engine_restores() -> None:
    protected = protect("ref X-99")
    assert restore("ref ⟦ 1 ⟧", protected.spans).text == "ref X-99"


def test_glossary_terms_kept_or_fixed_per_target() -> None:
    glossary = Glossary.of(
        [
            "Acme",
            GlossaryTerm("Turbo Blender", {"es": "Licuadora Turbo"}),
            GlossaryTerm("quickship", case_sensitive=False),
        ]
    )
    text = "The Acme Turbo Blender ships with QuickShip; Acmeville is a town."
    protected = protect(text, glossary, target="es")
    kinds = [(s.kind, s.original, s.replacement) for s in protected.spans]
    assert ("glossary", "Turbo Blender", "Licuadora Turbo") in kinds
    assert ("glossary", "Acme", "Acme") in kinds
    assert ("glossary", "QuickShip", "QuickShip") in kinds
    assert "Acmeville" in protected.text  # whole words only
    restored = restore(protected.text, protected.spans).text
    assert "Licuadora Turbo" in restored and "Turbo Blender" not in restored
    assert protect(text, glossary, target="fr").spans[1].replacement == "Turbo Blender"


def test_longer_glossary_term_wins() -> None:
    glossary = Glossary.of(["Acme", "Acme Pro 2"])
    protected = protect("Buy the Acme Pro 2 today", glossary)
    assert [s.original for s in protected.spans] == ["Acme Pro 2"]


def test_user_brackets_are_not_confused_with_placeholders() -> None:
    text = "odd text ⟦1⟧ typed by the customer"
    protected = protect(text)
    assert restore(protected.text, protected.spans).text == text


def test_text_without_words_needs_no_engine() -> None:
    assert not protect("ORD-1 $5 🙂").has_words
    assert protect("hello ORD-1").has_words


def test_layout_round_trip_keeps_markers_and_blank_lines() -> None:
    text = "Hello Ana,\r\n\r\n  - first item  \n2. second\n> quoted line\n\nBest,\nBob"
    lines = split_lines(text)
    assert [line.body for line in lines] == [
        "Hello Ana,",
        "",
        "first item",
        "second",
        "quoted line",
        "",
        "Best,",
        "Bob",
    ]
    assert lines[2].prefix == "  - " and lines[2].suffix == "  "
    assert join_lines(lines, [line.body for line in lines]) == text


def test_sentence_split_without_models() -> None:
    assert split_sentences("Hi Mr. Smith. Where is No. 5? It is late!  Thanks") == [
        "Hi Mr. Smith.",
        "Where is No. 5?",
        "It is late!",
        "Thanks",
    ]
    assert split_sentences("我的订单在哪里？请回复。谢谢") == [
        "我的订单在哪里？",
        "请回复。",
        "谢谢",
    ]
    assert split_sentences("Price is 12.50 dollars.") == ["Price is 12.50 dollars."]
