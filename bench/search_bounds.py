"""Search bounds benchmark: ``python bench/search_bounds.py [N]`` (default 4,000 messages).

Builds a store of N demo-style messages through the real ingest path, then
times inbox searches (conversation ids for the filter) and prints one figure
per line:

- short_query_ms:       median of a few one- or two-word searches
- long_latin_query_ms:  a pasted 10 kB Latin-script text (thousands of words)
- long_cjk_query_ms:    a pasted 10 kB Chinese text (one run of characters)
- long_mixed_query_ms:  10 kB of varied words from the demo messages themselves
- match_query_chars:    length of the FTS5 expression built for the 10 kB query

Target: the 10 kB queries cost about what a short query costs (same order of
magnitude), because the query is cut to a bounded number of distinct terms.
"""

from __future__ import annotations

import random
import statistics
import sys
import tempfile
import time
from itertools import islice
from pathlib import Path

from console.demo.generator import iter_demo_messages, load_corpus, seed_agents_and_markets
from console.inbox.ingest import ingest
from console.inbox.queries import InboxFilter, conversation_ids
from console.store import Store, open_store, sqlite_url
from console.store.fts import build_match_query

SHORT = ("order", "refund", "退款", "tracking number", "pedido")


def build(path: Path, count: int) -> tuple[Store, list[str]]:
    store = open_store(sqlite_url(path))
    seed_agents_and_markets(store, load_corpus())
    messages = list(islice(iter_demo_messages(), count))
    ingest(store, messages, batch_size=1000)
    return store, [message.text for message in messages]


def search_ms(store: Store, text: str, repeat: int = 3) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        with store.session() as session:
            conversation_ids(session, InboxFilter(search=text))
        times.append((time.perf_counter() - started) * 1000)
    return min(times)


def ten_kb(parts: list[str], rng: random.Random) -> str:
    out: list[str] = []
    size = 0
    while size < 10_000:
        part = rng.choice(parts)
        out.append(part)
        size += len(part.encode("utf-8")) + 1
    return " ".join(out)


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 4000
    rng = random.Random(16)
    with tempfile.TemporaryDirectory() as folder:
        store, texts = build(Path(folder) / "bench.sqlite3", count)
        try:
            words = sorted({word for text in texts for word in text.split()})
            latin = ten_kb([w for w in words if w.isascii() and w.isalpha()], rng)
            cjk = "".join(t for t in texts if any("\u4e00" <= c <= "\u9fff" for c in t))
            cjk = cjk.replace(" ", "")[: 10_000 // 3]
            mixed = ten_kb(words, rng)
            short = statistics.median(search_ms(store, query) for query in SHORT)
            print(f"short_query_ms: {short:.1f}")
            print(f"long_latin_query_ms: {search_ms(store, latin):.1f}")
            print(f"long_cjk_query_ms: {search_ms(store, cjk):.1f}")
            print(f"long_mixed_query_ms: {search_ms(store, mixed):.1f}")
            print(f"match_query_chars: {len(build_match_query(mixed) or '')}")
        finally:
            store.close()


if __name__ == "__main__":
    main()
