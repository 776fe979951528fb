"""translation.detect_language: scripts, candidates, priors, robustness, determinism."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest

from translation import Detection, detect_language
from translation import _langid_models as models
from translation.detect import warm_up

ROOT = Path(__file__).resolve().parents[2]

# Shopper-style messages, written for these tests: lower case, typos, missing accents.
SHOPPER_MESSAGES: dict[str, tuple[str, ...]] = {
    "en": ("hi i still havent recieved my order, its been 2 weeks!!", "can i get a refund pls"),
    "es": ("hola, todavia no me llego el pedido y ya pasaron dos semanas", "quiero devolverlo"),
    "pt": ("ola, meu pedido ainda nao chegou, ja faz duas semanas", "quero trocar o tamanho"),
    "fr": ("bonjour je nai toujours pas recu ma commande", "le colis est abime, rembourse svp"),
    "de": (
        "hallo ich habe meine bestellung immer noch nicht bekommen",
        "kann ich das zuruckschicken",
    ),
    "it": (
        "ciao non ho ancora ricevuto il mio ordine, quando arriva?",
        "vorrei restituire le scarpe",
    ),
    "nl": (
        "hoi ik heb mijn bestelling nog steeds niet ontvangen",
        "kan ik mijn geld terug krijgen",
    ),
    "pl": ("dzien dobry, nie dostalem jeszcze zamowienia", "chce zwrocic buty bo sa za male"),
    "tr": ("merhaba siparisim hala gelmedi ne zaman gelir", "urunu iade etmek istiyorum"),
    "sv": ("hej jag har fortfarande inte fatt mitt paket", "kan jag fa pengarna tillbaka"),
    "da": ("hej jeg har stadig ikke modtaget min pakke", "kan jeg fa pengene tilbage tak"),
    "nb": ("hei jeg har fortsatt ikke fatt pakken min", "kan jeg fa pengene tilbake takk"),
    "id": ("halo kak, pesanan saya belum sampai sudah seminggu", "gimana cara refund barangnya"),
    "ms": ("hai, saya nak tanya bila barang saya akan dihantar", "boleh saya dapat bayaran balik"),
    "vi": ("chao shop, don hang cua toi van chua duoc giao", "toi muon doi size ao vi bi nho qua"),
    "ru": ("здравствуйте, мой заказ до сих пор не пришел", "можно вернуть деньги?"),
    "ja": ("注文した商品がまだ届いていません", "返品したいのですが"),
    "zh": ("你好，我的订单还没有收到", "我想退货，东西坏了"),
    "ko": ("주문한 상품이 아직 안 왔어요", "환불 받을 수 있나요?"),
    "th": ("สวัสดีค่ะ สินค้ายังไม่ได้รับเลย", "ขอคืนเงินได้ไหมคะ"),
    "ar": ("مرحبا، لم يصل طلبي حتى الآن", "أريد استرجاع المبلغ"),
}

UNKNOWN_TEXTS = (
    "",
    " ",
    "\n\t  \r\n",
    "😀😂👍🎉",
    "🇩🇪🇫🇷",
    "12345 678",
    "€ 12,99 / +49 170 1234567",
    "#A-12345",
    "https://example.com/orders?id=42",
    "www.shop.example.co.uk",
    "ana.souza+shop@example.com",
    "!!!???...",
    "\u200b\u200d\ufeff",
    "\u0301\u0301\u0301",
)

HOSTILE_TEXTS = (
    "\ud800 lone \udfff surrogates \udc00",
    "\x00\x01\x02 nul bytes \x7f",
    "\u202eredro ym si erehw\u202c",
    "H̵̡̢̛̛e̴̢̛l̸̨l̴̢o̸ ̵w̷o̷r̸l̶d̶",
    "\U0010ffff\ue000\U000e0041",
    "(ノಠ益ಠ)ノ彡┻━┻",
    "ﷺ",
    "a." * 500_000,
    "a@" * 500_000,
    "x" * 2_000_000,
    "1a" * 500_000,
    "\u0301" * 1_000_000,
)


@pytest.fixture(scope="module", autouse=True)
def loaded_models() -> None:
    """Load the default models once, so timing assertions measure detection only."""
    warm_up()


@pytest.mark.parametrize(
    ("language", "text"),
    [(language, text) for language, texts in SHOPPER_MESSAGES.items() for text in texts],
)
def test_shopper_messages_are_detected(language: str, text: str) -> None:
    result = detect_language(text)
    assert result.language == language
    assert result.reliable


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("ありがとうございます", "ja"),  # hiragana only
        ("カスタマーサービス", "ja"),  # katakana only
        ("ｶｽﾀﾏｰｻｰﾋﾞｽ", "ja"),  # half-width katakana
        ("東京に住んでいます", "ja"),  # kanji with kana
        ("我的订单在哪里", "zh"),  # simplified Han
        ("我的訂單在哪裡", "zh"),  # traditional Han
        ("東京駅", "zh"),  # kanji-only: Chinese unless there is kana
        ("주문이 아직 안 왔어요", "ko"),
        ("大韓民國 만세", "ko"),  # Hangul with Hanja
        ("สวัสดีครับ", "th"),
        ("أين طلبي؟", "ar"),
        ("Где мой заказ?", "ru"),
        ("Де моє замовлення? Я чекаю вже два тижні", "uk"),
        ("Πού είναι η παραγγελία μου;", "el"),
        ("איפה ההזמנה שלי", "he"),
        ("मेरा ऑर्डर कहाँ है", "hi"),
    ],
)
def test_script_rules(text: str, language: str) -> None:
    assert detect_language(text).language == language


def test_kana_wins_over_a_latin_brand_name() -> None:
    assert detect_language("Nintendo Switch が届かない").language == "ja"


def test_a_stray_han_word_does_not_make_english_chinese() -> None:
    assert detect_language("I ordered the 小米 phone last week").language == "en"


def test_han_outside_japanese_charset_is_chinese_even_with_a_japanese_prior() -> None:
    result = detect_language("这个", prior_languages=["ja", "ja"])
    assert result.language == "zh"


def test_kanji_only_text_can_be_japanese_when_the_conversation_is() -> None:
    assert detect_language("注文").language == "zh"
    assert detect_language("注文", prior_languages=["ja"]).language == "ja"


def test_script_limits_the_candidates() -> None:
    assert detect_language("Где мой заказ?", ["en", "de"]).language == "und"
    assert detect_language("注文が届きません", ["zh", "en"]).language == "und"
    assert detect_language("東京駅", ["ja", "en"]).language == "ja"


@pytest.mark.parametrize(
    "candidates",
    [["es", "it"], ["en", "de", "fr"], ["pt"], ["zh", "ko"], ["ar", "fa", "ur"], ["ru", "uk"]],
)
def test_answer_is_always_one_of_the_candidates(candidates: list[str]) -> None:
    texts = [text for texts in SHOPPER_MESSAGES.values() for text in texts]
    for text in [*texts, "banco", "ok", "", "😀"]:
        assert detect_language(text, candidates).language in {*candidates, "und"}


def test_candidates_change_the_answer() -> None:
    text = "obrigado pela ajuda, mas o pedido chegou quebrado"
    assert detect_language(text).language == "pt"
    assert detect_language(text, ["es", "en"]).language == "es"


def test_candidates_keep_the_callers_spelling() -> None:
    norwegian = "hei jeg har fortsatt ikke fatt pakken min"
    assert detect_language(norwegian, ["sv", "da", "no"]).language == "no"
    assert detect_language(norwegian, ["sv", "da", "nb"]).language == "nb"
    assert detect_language("ola, meu pedido ainda nao chegou", ["pt-BR", "ES"]).language == "pt"


def test_lone_candidate_is_checked_against_other_languages() -> None:
    assert detect_language("hallo ich habe meine bestellung nicht bekommen", ["en"]).language == (
        "und"
    )
    english = detect_language("where is my order, it has been two weeks", ["en"])
    assert english.language == "en"
    assert english.reliable


def test_no_candidates_means_undetermined() -> None:
    assert detect_language("where is my order", []) == Detection("und", 0.0, False)
    assert detect_language("where is my order", ["und", "xx-YY"]).language == "und"


@pytest.mark.parametrize(("prior", "expected"), [("pt", "pt"), ("es", "es")])
def test_conversation_prior_tips_an_ambiguous_word(prior: str, expected: str) -> None:
    result = detect_language("banco", prior_languages=[prior])
    assert result.language == expected


def test_conversation_prior_tips_a_language_neutral_word() -> None:
    assert detect_language("ok").language != "de"
    assert detect_language("ok", prior_languages=["en", "de", "de"]).language == "de"
    assert detect_language("hotel", prior_languages={"de": 0.9, "en": 0.1}).language == "de"


@pytest.mark.parametrize(("country", "expected"), [("MY", "ms"), ("ID", "id")])
def test_country_tips_malay_against_indonesian(country: str, expected: str) -> None:
    assert detect_language("terima kasih", country=country).language == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("obrigado pela ajuda, mas o produto chegou quebrado", "pt"),
        ("hola, todavia no me llego el pedido", "es"),
        ("gracias", "es"),
        ("ありがとう", "ja"),
        ("Где мой заказ?", "ru"),
    ],
)
def test_priors_never_override_strong_evidence(text: str, expected: str) -> None:
    for prior in ("pt", "es", "ko", "uk", "de"):
        if prior == expected:
            continue
        result = detect_language(text, prior_languages=[prior] * 5, country=prior.upper())
        assert result.language == expected, prior


def test_priors_respect_the_candidates() -> None:
    result = detect_language("hotel", ["en", "nl"], prior_languages=["de"], country="DE")
    assert result.language in {"en", "nl"}


def test_text_without_letters_falls_back_to_the_prior_unreliably() -> None:
    result = detect_language("👍👍", prior_languages=["fr"])
    assert result.language == "fr"
    assert not result.reliable
    assert 0 < result.confidence < 0.5
    assert detect_language("", country="BR").language == "pt"
    assert detect_language("👍", ["en", "de"], prior_languages=["fr"]).language == "und"


@pytest.mark.parametrize(
    ("prior_languages", "country"),
    [
        (["", "xx", "EN-us", "zh_TW"], "zz"),
        ({"es": float("nan"), "pt": -1.0, "de": float("inf")}, ""),
        ("pt", " br "),
    ],
)
def test_odd_priors_are_tolerated(
    prior_languages: list[str] | dict[str, float], country: str
) -> None:
    result = detect_language("where is my order", prior_languages=prior_languages, country=country)
    assert result.language == "en"


@pytest.mark.parametrize("text", UNKNOWN_TEXTS)
def test_text_without_language_is_undetermined(text: str) -> None:
    assert detect_language(text) == Detection("und", 0.0, False)


@pytest.mark.parametrize("text", HOSTILE_TEXTS)
def test_hostile_text_never_raises_and_stays_fast(text: str) -> None:
    start = time.perf_counter()
    result = detect_language(text)
    assert time.perf_counter() - start < 1.0
    assert isinstance(result, Detection)
    assert 0.0 <= result.confidence <= 1.0
    if result.language == "und":
        assert not result.reliable


@pytest.mark.parametrize("text", ["a" * 100_000, "a." * 100_000, "la " * 100_000, "\u0301" * 999])
def test_gibberish_is_not_reliable(text: str) -> None:
    assert not detect_language(text).reliable


def test_huge_text_only_looks_at_a_bounded_sample() -> None:
    text = "Where is my order? I paid two weeks ago. " * 250_000
    start = time.perf_counter()
    result = detect_language(text)
    assert time.perf_counter() - start < 1.0
    assert result.language == "en"
    assert result.reliable


def test_non_str_input_is_a_type_error() -> None:
    with pytest.raises(TypeError):
        detect_language(b"bytes")  # type: ignore[arg-type]


def test_single_letters_are_never_reliable() -> None:
    for text in ("ツ", "네", "a"):
        assert not detect_language(text).reliable


def test_same_input_gives_the_same_output() -> None:
    texts = ["banco", "ok", "terima kasih", "東京駅", "hola que tal", *UNKNOWN_TEXTS[:3]]
    first = [detect_language(text, prior_languages=["es"]) for text in texts]
    second = [detect_language(text, prior_languages=["es"]) for text in texts]
    assert first == second


def test_langdetect_fallback_is_deterministic(monkeypatch: pytest.MonkeyPatch) -> None:
    """Without lingua, langdetect (seeded) scores the candidates, the same way every time."""
    monkeypatch.setattr(models, "lingua_log_scores", lambda text, pool: None)
    texts = ["hola, todavia no me llego el pedido", "bonjour je nai pas recu ma commande", "ok"]
    first = [detect_language(text, ["es", "fr", "pt", "it"]) for text in texts]
    second = [detect_language(text, ["es", "fr", "pt", "it"]) for text in texts]
    assert first == second
    assert [result.language for result in first[:2]] == ["es", "fr"]


def test_detection_is_frozen() -> None:
    result = detect_language("where is my order")
    with pytest.raises(AttributeError):
        result.language = "fr"  # type: ignore[misc]


def test_importing_translation_does_not_load_the_models() -> None:
    code = (
        "import sys, translation\n"
        "from translation import detect_language, Detection\n"
        "heavy = [m for m in ('langdetect', 'lingua', 'wordfreq') if m in sys.modules]\n"
        "print(','.join(heavy) or 'none')\n"
    )
    output = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.strip()
    assert output == "none"
