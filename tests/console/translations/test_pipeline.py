"""Translating stored messages in a batch gives what one-by-one translation gives (Apertium)."""

from __future__ import annotations

import shutil

import pytest

from console.translations.pipeline import translate_messages
from console.translations.service import DetectionContext, TranslationRequest
from translation.engines import ApertiumEngine
from translation.translator import Translator

pytestmark = pytest.mark.skipif(
    shutil.which("apertium") is None, reason="Apertium is not installed (.ci/setup installs it)"
)
CONTEXT = DetectionContext(candidates=("es", "en", "ja"), earlier_languages=(), country="ES")


def test_batch_matches_single_translations_and_keeps_order() -> None:
    translator = Translator([ApertiumEngine()])
    requests = [
        TranslationRequest(1, "¿Dónde está mi pedido #A10234?", "es", 1.0),
        TranslationRequest(2, "hello, any news?", "en", 1.0),  # already in the target
        TranslationRequest(3, "注文した商品がまだ届きません", None, None),  # no ja→en route
        TranslationRequest(4, "El paquete llegó roto, quiero un reembolso", None, None),
    ]
    batch = translate_messages(translator, requests, "en", CONTEXT)
    single = [translate_messages(translator, [r], "en", CONTEXT)[0] for r in requests]
    assert [r.message_id for r in batch] == [1, 2, 3, 4]
    assert [r.translation.text if r.translation else None for r in batch] == [
        r.translation.text if r.translation else None for r in single
    ]
    assert "#A10234" in (batch[0].translation.text if batch[0].translation else "")
    assert batch[1].translation is None and batch[1].problem is None
    assert batch[2].no_route == ("ja", "en") and batch[2].detection is not None
    assert batch[3].language == "es" and batch[3].detection is not None
    assert batch[3].translation is not None and batch[3].translation.engine == "apertium"
