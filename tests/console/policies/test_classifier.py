"""Data-subject and return/withdrawal requests detected in 14 languages."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from console.policies import RequestKind, classify

PHRASES = json.loads(
    (Path(__file__).resolve().parents[3] / "resources" / "demo" / "phrases.json").read_text(
        encoding="utf-8"
    )
)
LANGUAGES = sorted(PHRASES["languages"])


def _texts(language: str, topic: str) -> list[str]:
    block = PHRASES["languages"][language]["topics"][topic]
    return [*block["subject"], *block["customer"]]


def test_the_demo_corpus_has_the_languages_we_promise() -> None:
    assert set(LANGUAGES) >= {
        "en",
        "zh",
        "es",
        "de",
        "fr",
        "ja",
        "ko",
        "pt",
        "ru",
        "ar",
        "it",
        "nl",
        "pl",
        "tr",
    }


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_deletion_request_is_a_data_request(language: str) -> None:
    for text in _texts(language, "data_deletion"):
        result = classify([text])
        assert result.data_request is RequestKind.DATA_DELETION, text


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_return_request_is_a_withdrawal(language: str) -> None:
    for text in _texts(language, "return_request"):
        assert classify([text]).withdrawal, text


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize(
    "topic", ["where_is_my_order", "customs_duties", "refund_status", "complaint_escalation"]
)
def test_other_topics_are_not_flagged(language: str, topic: str) -> None:
    for text in _texts(language, topic):
        result = classify([text])
        assert result.kinds == (), (text, result.cues)


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        (
            "Please send me a copy of my personal data you hold (GDPR access request).",
            RequestKind.DATA_ACCESS,
        ),
        (
            "Ich verlange Auskunft über meine personenbezogenen Daten nach DSGVO.",
            RequestKind.DATA_ACCESS,
        ),
        (
            "Je demande une copie de mes données personnelles (droit d'accès, RGPD).",
            RequestKind.DATA_ACCESS,
        ),
        ("Quiero ejercer mi derecho de acceso a mis datos personales.", RequestKind.DATA_ACCESS),
        ("Please correct my personal data: my surname is misspelled.", RequestKind.DATA_CORRECTION),
        ("Bitte um Berichtigung meiner personenbezogenen Daten.", RequestKind.DATA_CORRECTION),
        ("Solicito la rectificación de mis datos personales.", RequestKind.DATA_CORRECTION),
        ("개인정보 열람을 요청합니다", RequestKind.DATA_ACCESS),
    ],
)
def test_access_and_correction_requests(text: str, kind: RequestKind) -> None:
    assert kind in classify([text]).kinds


def test_a_correction_word_without_personal_data_is_not_a_request() -> None:
    assert classify(["please rectify the shipping mistake on my order"]).kinds == ()


def test_the_translation_catches_languages_without_keywords() -> None:
    original = "Tafadhali futa akaunti yangu na data yangu yote."  # Swahili
    assert classify([original]).kinds == ()
    translated = "Please delete my account and all my data."
    assert classify([original, translated]).data_request is RequestKind.DATA_DELETION


def test_accents_are_optional() -> None:
    assert classify(["quiero una devolucion del pedido"]).withdrawal
    assert classify(["Rucksendung bitte"]).withdrawal
    assert classify(["demande de retractation"]).withdrawal
