"""PostgreSQL search finds what SQLite search finds, in every script (migration 0015).

The same messages and translations go into an SQLite store and a PostgreSQL
store; every query must name the same conversations on both, and the same
places (message or translation) in them. SQLite's FTS5 is the reference.
"""

from __future__ import annotations

from factories import MessageFactory
from sqlalchemy import select

from console.inbox.ingest import ingest
from console.inbox.queries import InboxFilter, conversation_ids, search_places
from console.store import Store
from console.store.models import Message
from console.translations.service import save_translation

#: One conversation per text (each its own customer).
CORPUS = [
    "I want a refund for order A-1234, the package arrived broken.",
    "Where is my REFUND? Tracking number 1Z999AA10123456784",
    "Refunding takes too long, please call me: +49 170 1234567",
    "Ich möchte eine Rückerstattung, die Größe passt nicht. Straße 5, München",
    "Die Ware ist beschädigt. Zoll und Gebühren waren zu hoch!",
    "Bonjour, je voudrais être remboursé : la commande #98765 est arrivée abîmée.",
    "Ça ne va pas, le colis n'est jamais arrivé à Besançon.",
    "Hola, quiero el reembolso de mi pedido, llegó dañado. ¿Dónde está?",
    "El niño pidió una talla más pequeña; devolución por favor.",
    "Pedido não chegou, quero devolução do dinheiro. Atenção!",
    "Здравствуйте, где мой заказ? Хочу вернуть деньги. Ёлка и йогурт.",
    "ЗАКАЗ №5531 пришёл повреждённым",
    "Καλησπέρα, θέλω επιστροφή χρημάτων για την παραγγελία μου. ΟΔΟΣ Σοφίας",
    "مرحبا، أين طلبي؟ أريد استرداد المبلغ",
    "שלום, איפה ההזמנה שלי? אני רוצה החזר כספי",
    "สวัสดีครับ สินค้ายังไม่มาถึง ต้องการคืนเงิน",
    "你好，我想要退款，订单号是A-1234。包裹坏了。",
    "我的订单还没到，请帮我查一下物流。",
    "退货退款流程是什么？款式不对。",
    "注文した商品がまだ届きません。返金をお願いします。",
    "サイズが合わないので返品したいです。カタカナ テスト",
    "주문한 상품이 아직 도착하지 않았습니다. 환불해 주세요.",
    "배송 조회 부탁드립니다 주문번호 8841",
    "Contact me at ana.souza@example.com or ana_souza@example.org about order 98765",
    "Great service 😀👍 thanks!!! 🎉 refund not needed",
    "😀refund😀 emoji glued to words",
    "Mixed 订单order123 and Größe42 and café-au-lait",
    "Cafe\u0301 with a combining accent, and naïve coöperation",
    "Invoice INV-2026-0042 total €149.99 ($160) - paid via PayPal",
    "Order status: shipped_out; tracking_id=ZX-99-00",
    "Æsir Œuvre ŒUVRE æble Øre øl Łódź ł",
    "İstanbul ıspanak IŞIK ışık",
    "Vietnamese: Tôi muốn hoàn tiền cho đơn hàng",
    "Polish: Chcę zwrotu pieniędzy za zamówienie",
    "Hindi: मुझे रिफंड चाहिए",
    "The word is repeated: order order order, and ORDERED, and reorder.",
]

#: Stored translations (into Chinese and English) of some of the texts above, by index.
TRANSLATIONS = {
    7: [("zh", "你好，我想要我的订单退款，到货时已损坏。"), ("en", "Hello, I want a refund.")],
    10: [("zh", "你好，我的订单在哪里？我想退款。"), ("en", "Where is my order? Refund me.")],
    12: [("zh", "晚上好，我想为我的订单退款。")],
    19: [("en", "The ordered item has not arrived yet. Please refund.")],
    21: [("de", "Die bestellte Ware ist noch nicht angekommen. Rückerstattung bitte.")],
}

QUERIES = [
    "refund", "refun", "REFUND", "ref", "Refunding", "order", "ordere", "reorder",
    "A-1234", "a 1234", "1234", "#98765", "98765", "inv-2026", "2026 0042",
    "ana.souza@example.com", "example", "souza", "ana_souza", "shipped_out", "tracking_id",
    "rückerstattung", "ruckerstattung", "RÜCKERSTATTUNG", "grösse", "große", "strasse", "straße",
    "munchen", "München", "remboursé", "rembourse", "être", "etre", "ça", "besancon", "abime",
    "reembolso", "dañado", "danado", "niño", "devolucao", "devolução", "atencao",
    "заказ", "ЗАКАЗ", "зака", "вернуть деньги", "ёлка", "елка", "йогурт", "повреждённым",
    "επιστροφή", "επιστροφη", "ΣΟΦΙΑΣ", "σοφιας", "σοφιασ", "οδος",
    "طلبي", "استرداد", "החזר", "ההזמנה",
    "คืนเงิน", "สินค้า", "ส", "退款", "款", "退", "订单", "订单号", "退货退款", "款式", "物流",
    "我想要退款", "返金", "注文", "サイズ", "カタカナ", "テ", "환불", "주문", "주문번호 8841",
    "😀", "😀refund", "👍 thanks", "order123", "订单order", "größe42", "cafe", "café-au-lait",
    "au lait", "naive", "cooperation", "€149", "149.99", "paypal", "aesir", "æsir", "œuvre",
    "oeuvre", "øre", "ore", "łódź", "lodz", "istanbul", "ıspanak", "işik", "ışık",
    "hoàn tiền", "hoan tien", "đơn", "don hang", "zwrotu", "pieniędzy", "pieniedzy",
    "रिफंड", "चाहिए", "refund order", "order refund 订单", "退款 order", "nonexistentword",
    "   ", "!!!", "___", "a", "re", "o", "'", '"refund"', "refund*", "refund OR order",
    "NOT refund", "(refund)", "refund:*", "ref & und", "x" * 300, "订" * 30,
    "one two three four five six seven eight nine ten refund",
]  # fmt: skip


def _fill(store: Store, message: MessageFactory) -> None:
    incoming = [
        message(text, address=f"customer{index}@example.com", name=f"Customer {index}")
        for index, text in enumerate(CORPUS)
    ]
    ingest(store, incoming)
    with store.session() as session:
        for index, translations in TRANSLATIONS.items():
            message_id = session.scalars(
                select(Message.id).where(Message.text == CORPUS[index])
            ).one()
            for language, text in translations:
                save_translation(
                    session, message_id, language, engine="test", engine_version="1",
                    text=text,
                )  # fmt: skip


def _results(store: Store, query: str) -> tuple[list[int], dict[int, list[tuple[int, str | None]]]]:
    with store.session() as session:
        ids = conversation_ids(session, InboxFilter(search=query))
        places = search_places(session, query, ids)
    return ids, {
        conversation: [(p.message_id, p.translation_language) for p in found]
        for conversation, found in places.items()
    }


def test_both_engines_find_the_same_conversations_and_places(
    store: Store, pg_store: Store, message: MessageFactory
) -> None:
    _fill(store, message)
    _fill(pg_store, message)
    disagreements = []
    found_any = 0
    for query in QUERIES:
        expected = _results(store, query)
        got = _results(pg_store, query)
        found_any += bool(expected[0])
        if got != expected:
            disagreements.append((query, expected, got))
    assert disagreements == []
    assert found_any > len(QUERIES) * 2 // 3  # the corpus really is searched


def test_the_searches_match_what_a_person_expects(pg_store: Store, message: MessageFactory) -> None:
    _fill(pg_store, message)

    def texts(query: str) -> set[int]:
        return _indexes(pg_store, query)

    assert {0, 1, 2, 24, 25} <= texts("refun")  # a prefix, any case
    assert 16 in texts("退款") and 18 in texts("退款")  # inside a Chinese sentence
    assert 17 not in texts("退款")
    assert 3 in texts("ruckerstattung") and 5 in texts("rembourse")  # accents optional
    assert 10 in texts("заказ") and 11 in texts("заказ")  # Cyrillic, any case
    assert 7 in texts("订单")  # in its stored Chinese translation only
    assert 0 in texts("A-1234") and 16 in texts("A-1234")
    assert texts("nonexistentword") == set()


def _indexes(store: Store, query: str) -> set[int]:
    """The CORPUS indexes of the conversations ``query`` finds."""
    ids, _places = _results(store, query)
    with store.session() as session:
        texts = session.scalars(select(Message.text).where(Message.conversation_id.in_(ids)))
        return {CORPUS.index(text) for text in texts}
