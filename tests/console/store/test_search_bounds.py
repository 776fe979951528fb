"""Long queries are bounded: length, number of terms, duplicates merged.

Timing lives in bench/search_bounds.py; here the built query is checked to be
bounded, and the documented behaviour (prefixes, CJK inside sentences, accents
optional) to hold for long pasted text too.
"""

from __future__ import annotations

from factories import MessageFactory

from console.inbox.ingest import ingest
from console.inbox.queries import InboxFilter, conversation_ids
from console.store import Store
from console.store.fts import (
    MAX_PHRASE_TOKENS,
    MAX_QUERY_CHARS,
    MAX_TERMS,
    bounded_query_text,
    build_match_query,
    search_terms,
)

# The longest expression a query can become: MAX_TERMS phrases of
# MAX_PHRASE_TOKENS tokens each, a token being at most MAX_QUERY_CHARS long.
_BOUND = MAX_QUERY_CHARS * 2 + MAX_TERMS * (MAX_PHRASE_TOKENS + 4)


def _search(store: Store, text: str) -> list[int]:
    with store.session() as session:
        return conversation_ids(session, InboxFilter(search=text))


def test_a_ten_kilobyte_query_builds_a_bounded_expression() -> None:
    pasted = [
        "a " * 5000,
        " ".join(f"word{n}" for n in range(2000)),
        "退款" * 2500,
        "x" * 10_000,
        "Wo ist meine Bestellung? 我的订单在哪里 " * 300,
    ]
    for text in pasted:
        assert len(text) >= 5000
        match = build_match_query(text)
        assert match is not None
        assert len(match) <= _BOUND
        assert match.count('"') <= 2 * MAX_TERMS


def test_repeated_terms_are_merged_whatever_their_case() -> None:
    assert build_match_query("refund Refund REFUND refund") == '"refund"*'
    assert build_match_query("退款 退款 退款") == '"退 款"'


def test_a_term_implied_by_another_is_dropped() -> None:
    # Every message with a word starting "refund" has one starting "ref".
    assert build_match_query("ref refund") == '"refund"*'
    assert build_match_query("refund ref") == '"refund"*'
    # A message with the phrase 退款 has the character 退.
    assert build_match_query("退 退款") == '"退 款"'
    # A prefix is not implied by a longer exact CJK phrase's absence, nor the reverse.
    assert build_match_query("退款 款式") == '"退 款" "款 式"'
    # An exact token is not implied by a prefix term ("ord"* does not mean "ord").
    assert build_match_query("order 订单") == '"order"* "订 单"'


def test_terms_are_capped_in_the_order_typed() -> None:
    words = [f"w{n}x" for n in range(MAX_TERMS + 10)]
    terms = search_terms(" ".join(words))
    assert [term.tokens[0] for term in terms] == words[:MAX_TERMS]


def test_a_cjk_run_becomes_a_phrase_of_bounded_length() -> None:
    (term,) = search_terms("我的订单还没有收到请尽快退款谢谢你们的帮助")
    assert len(term.tokens) == MAX_PHRASE_TOKENS
    assert term.tokens[:4] == ("我", "的", "订", "单")


def test_only_the_first_characters_are_read() -> None:
    text = "z" * MAX_QUERY_CHARS + " refund"
    assert build_match_query(text) == '"' + "z" * MAX_QUERY_CHARS + '"*'


def test_the_text_for_other_back_ends_is_the_same_bounded_terms() -> None:
    assert bounded_query_text("refund ref 退款 退款 " + "pad " * 3000) == "refund 退款 pad"


def test_long_pasted_text_still_finds_by_prefix_cjk_and_without_accents(
    store: Store, message: MessageFactory
) -> None:
    ingest(
        store,
        [
            message("Wo ist meine Bestellung? Sendungsnummer fehlt", address="de@x"),
            message("您好，我的订单还没有收到，请尽快退款", address="zh@x"),
            message("Je veux être remboursé pour la commande", address="fr@x"),
            message("Paket beschädigt, bitte Ersatz", address="de2@x"),
        ],
    )
    german, chinese, french, damaged = (
        _search(store, "Bestellung"),
        _search(store, "退款"),
        _search(store, "rembourse"),
        _search(store, "beschadigt"),
    )
    assert len(german) == len(chinese) == len(french) == len(damaged) == 1
    # The same terms pasted thousands of times, in any case, find the same conversation.
    assert _search(store, "bestell " * 2000) == german
    assert _search(store, "BESTELLUNG Bestellung bestellung " * 500) == german
    # CJK inside a long sentence: the run is cut to a phrase that still occurs.
    assert _search(store, "我的订单还没有收到 " * 800) == chinese
    assert _search(store, "remboursé rembourse REMBOURSE " * 500) == french
    assert _search(store, "beschädigt beschadigt " * 500) == damaged
    # Every kept term must still match: a long text with a word nowhere finds nothing.
    assert _search(store, "Bestellung nirgendwo " * 1000) == []
