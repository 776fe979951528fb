"""Full-text search text preparation shared by the index and the queries.

SQLite's ``unicode61`` tokenizer splits on spaces, which works for most
scripts but leaves a Chinese, Japanese or Thai sentence as one giant token.
Both the indexed text and the query therefore pass through
:func:`prepare_text`, which puts each Han/Kana/Hangul/Thai character into its
own token; a query for ``退款`` then becomes the phrase ``"退 款"`` and matches
those two characters side by side anywhere in a message.

A query is bounded before it reaches the index, so a pasted page costs what a
short query costs: only its first :data:`MAX_QUERY_CHARS` characters are read,
repeated terms (and terms another term already implies, like ``ref`` beside
``refund``) are merged, a run of CJK characters becomes a phrase of at most
:data:`MAX_PHRASE_TOKENS` characters, and at most :data:`MAX_TERMS` terms are
kept. Every term must still match, so a bounded query finds a superset of what
the full text would have found, never less.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ARRAY, Boolean, Text, column, func, literal, table
from sqlalchemy.sql.elements import ColumnElement

FTS_FUNCTION = "fts_prepare"
#: Characters of what the user typed that are read (the rest is ignored).
MAX_QUERY_CHARS = 256
#: Distinct terms kept, in the order typed; all must match.
MAX_TERMS = 8
#: Tokens (CJK characters) kept in one phrase.
MAX_PHRASE_TOKENS = 12

_UNIGRAM_SCRIPTS = re.compile(
    "([\u0e00-\u0e7f"  # Thai
    "\u3040-\u30ff"  # Hiragana, Katakana
    "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"  # Han
    "\uac00-\ud7af])"  # Hangul syllables
)
_QUERY_NOISE = re.compile(r"[^\w\u0e00-\u0e7f]+")


def prepare_text(text: str | None) -> str:
    """Text as the index stores it (see module docstring)."""
    if not text:
        return ""
    return _UNIGRAM_SCRIPTS.sub(r" \1 ", text)


@dataclass(frozen=True)
class SearchTerm:
    """One term of a query: its index tokens, and whether the last one matches as a prefix."""

    tokens: tuple[str, ...]
    prefix: bool

    @property
    def key(self) -> tuple[tuple[str, ...], bool]:
        """What the index compares (it ignores case): equal keys are the same term."""
        return tuple(token.lower() for token in self.tokens), self.prefix

    @property
    def text(self) -> str:
        """The term as typed (CJK characters joined again), for a back end without FTS5."""
        return "".join(self.tokens) if len(self.tokens) > 1 else self.tokens[0]

    def expression(self) -> str:
        return f'"{" ".join(self.tokens)}"' + ("*" if self.prefix else "")

    def implies(self, other: SearchTerm) -> bool:
        """Every message matching this term matches ``other`` too (a one-token ``other``)."""
        mine, (theirs, their_prefix) = self.key, other.key
        if mine == other.key or len(theirs) != 1:
            return False
        (wanted,) = theirs
        tokens, prefix = mine
        last = len(tokens) - 1
        for index, token in enumerate(tokens):
            exact = not (prefix and index == last)
            if their_prefix and token.startswith(wanted):
                return True
            if exact and not their_prefix and token == wanted:
                return True
        return False


def search_terms(user_query: str) -> list[SearchTerm]:
    """The bounded, merged terms of what a user typed (see module docstring)."""
    found: list[SearchTerm] = []
    seen: set[tuple[tuple[str, ...], bool]] = set()
    for raw in user_query[:MAX_QUERY_CHARS].split():
        for word in _QUERY_NOISE.split(raw):
            tokens = tuple(prepare_text(word).split()[:MAX_PHRASE_TOKENS])
            if not tokens:
                continue
            term = SearchTerm(tokens, prefix=not _UNIGRAM_SCRIPTS.fullmatch(tokens[-1]))
            if term.key not in seen:
                seen.add(term.key)
                found.append(term)
    kept = [term for term in found if not any(other.implies(term) for other in found)]
    return kept[:MAX_TERMS]


def build_match_query(user_query: str) -> str | None:
    """An FTS5 MATCH expression for what a user typed, or None if nothing is searchable.

    Every whitespace-separated term must match (AND). Latin-script terms match
    as prefixes (``refun`` finds ``refund``); CJK terms match as phrases.
    User input never reaches FTS5's query syntax: operators and quotes are
    dropped, so any text is a valid query. The query is bounded in length and
    number of terms (see module docstring).
    """
    terms = search_terms(user_query)
    return " ".join(term.expression() for term in terms) if terms else None


def bounded_query_text(user_query: str) -> str:
    """What a user typed, cut to the same bounded terms (for a back end without FTS5)."""
    return " ".join(term.text for term in search_terms(user_query))


# -- Where a match is -------------------------------------------------------------------
# On SQLite, message_fts indexes the messages and message_fts_translations the
# stored translations. A row's rowid names its conversation, so a match is
# never looked up in ``messages`` to find it (migration 0010):
#     rowid = row_id << 31 | conversation_id   (row_id: the message's or translation's id)
# Rowids grow with the row id, so FTS5 keeps a batch of inserts in one segment.
ROWID_ROW_SHIFT = 31
CONVERSATION_MASK = (1 << ROWID_ROW_SHIFT) - 1


def search_rowid(conversation_id: int, row_id: int) -> int:
    """The index rowid of a message or a translation (``row_id``) in a conversation."""
    return (row_id << ROWID_ROW_SHIFT) | conversation_id


def split_rowid(rowid: int) -> tuple[int, int]:
    """``(conversation_id, row_id)`` of an index rowid (see :func:`search_rowid`)."""
    return rowid & CONVERSATION_MASK, rowid >> ROWID_ROW_SHIFT


@functools.lru_cache(maxsize=1 << 16)
def _fold(character: str) -> str:
    """A character as the index compares it: lower case, accents removed (remembered: a
    page of excerpts folds thousands of characters, few of them different)."""
    decomposed = unicodedata.normalize("NFD", character.lower())
    base = "".join(c for c in decomposed if not unicodedata.combining(c))
    return base[:1] if base else character.lower()


def highlight_spans(text: str, user_query: str) -> list[tuple[int, int]]:
    """``(start, end)`` character spans of ``text`` that the query's terms matched, in order.

    The same rules as the index: case and accents ignored, Latin-script terms
    match at the start of a word (``refun`` marks ``Refun`` in ``Refund``), CJK
    terms match their characters side by side. Overlapping spans are merged.
    """
    terms = search_terms(user_query)
    if not text or not terms:
        return []
    folded = "".join(_fold(c) for c in text)  # one character per character of text
    spans: list[tuple[int, int]] = []
    for term in terms:
        needle = "".join(_fold(c) for c in "".join(term.tokens))
        if not needle:
            continue
        cjk = _UNIGRAM_SCRIPTS.fullmatch(term.tokens[0]) is not None
        start = folded.find(needle)
        while start >= 0:
            at_word_start = start == 0 or not folded[start - 1].isalnum()
            if cjk or at_word_start:
                end = start + len(needle)
                if not term.prefix and not cjk:
                    whole = end == len(folded) or not folded[end].isalnum()
                    if not whole:
                        start = folded.find(needle, start + 1)
                        continue
                spans.append((start, end))
            start = folded.find(needle, start + 1)
    spans.sort()
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


# -- PostgreSQL ---------------------------------------------------------------------------
# Migration 0015 gives PostgreSQL the same tokens: message_fts and message_fts_translations
# hold each message's and translation's tsvector with its conversation, kept by triggers.
POSTGRESQL_MESSAGE_INDEX = table(
    "message_fts", column("message_id"), column("conversation_id"), column("body")
)
POSTGRESQL_TRANSLATION_INDEX = table(
    "message_fts_translations",
    column("translation_id"),
    column("message_id"),
    column("conversation_id"),
    column("body"),
)


def postgresql_tsquery(user_query: str) -> ColumnElement[Any] | None:
    """The tsquery of what a user typed (PostgreSQL), or None if nothing is searchable.

    The same bounded terms as :func:`build_match_query`, made into one tsquery by
    ``console_search_query`` (migration 0015) with the index's own tokenizer.
    """
    terms = search_terms(user_query)
    if not terms:
        return None
    phrases = [" ".join(term.tokens) for term in terms]
    prefixes = [term.prefix for term in terms]
    return func.console_search_query(
        literal(phrases, ARRAY(Text)), literal(prefixes, ARRAY(Boolean))
    )


def postgresql_matches(index: Any, tsquery: ColumnElement[Any]) -> ColumnElement[bool]:
    """The rows of a PostgreSQL search table (above) whose text matches ``tsquery``."""
    result: ColumnElement[bool] = index.c.body.op("@@", return_type=Boolean)(tsquery)
    return result
