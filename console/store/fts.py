"""Full-text search text preparation shared by the index and the queries.

SQLite's ``unicode61`` tokenizer splits on spaces, which works for most
scripts but leaves a Chinese, Japanese or Thai sentence as one giant token.
Both the indexed text and the query therefore pass through
:func:`prepare_text`, which puts each Han/Kana/Hangul/Thai character into its
own token; a query for ``退款`` then becomes the phrase ``"退 款"`` and matches
those two characters side by side anywhere in a message.
"""

from __future__ import annotations

import re

FTS_FUNCTION = "fts_prepare"
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


def build_match_query(user_query: str) -> str | None:
    """An FTS5 MATCH expression for what a user typed, or None if nothing is searchable.

    Every whitespace-separated term must match (AND). Latin-script terms match
    as prefixes (``refun`` finds ``refund``); CJK terms match as phrases.
    User input never reaches FTS5's query syntax: operators and quotes are
    dropped, so any text is a valid query.
    """
    clauses: list[str] = []
    for raw in user_query.split():
        for term in _QUERY_NOISE.split(raw):
            tokens = prepare_text(term).split()
            if not tokens:
                continue
            phrase = " ".join(tokens)
            prefix = "*" if not _UNIGRAM_SCRIPTS.fullmatch(tokens[-1]) else ""
            clauses.append(f'"{phrase}"{prefix}')
    return " ".join(clauses) if clauses else None
