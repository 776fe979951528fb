"""Store scale benchmark: ``python bench/store_scale.py [N] [--store=PATH | --db URL]``.

Builds a store of N (default 200,000) demo-style messages through the real
ingest path and prints one figure per line. With ``--store=PATH`` the store is
kept at PATH and reused by the next run (building 1,000,000 messages with
language detection takes a quarter of an hour); a reused store prints no ingest
figure. ``--db URL`` does the same on any store URL, e.g. a PostgreSQL team
store (``postgresql+psycopg://...``): a store that already holds messages is reused.

- ingest_msgs_per_s: messages stored per second (FTS index, summaries and language
                     detection included)
- stored_translations: Chinese translations stored beside them (searched too)
- first_page_ms:     open the store to the first inbox page rendered in the window
- search_p95_ms:     95th percentile of 20 varied full-text searches, as the inbox runs
                     them (the first SEARCH_RESULTS conversations, newest first)
- search_all_ids_p95_ms: the same searches returning every matching conversation id
                     (what ``support-console search`` does to count them)
- peak_rss_mb:       peak resident memory of this process

Targets on the 2-core reference machine at 200,000 messages: first_page_ms < 800,
search_p95_ms < 100, ingest_msgs_per_s > 5,000.
"""

from __future__ import annotations

import os
import random
import re
import resource
import statistics
import sys
import tempfile
import time
from itertools import islice
from pathlib import Path

from sqlalchemy import func, insert, select

from console.demo.generator import (
    iter_demo_messages,
    load_corpus,
    seed_agents_and_markets,
)
from console.inbox.ingest import ingest
from console.inbox.queries import SEARCH_RESULTS, InboxFilter, conversation_ids
from console.store import Store, open_store, sqlite_url
from console.store.models import Direction, Message, Translation

BATCH = 5000
QUERIES = (
    "order", "refund", "tracking", "zoll", "pedido", "remboursement", "退款", "订单",
    "注文", "주문", "заказ", "طلبي", "size", "broken", "customs duty", "manager",
    "data", "#A1", "reembolso devolução", "nonexistentword",
)  # fmt: skip


def build(url: str, count: int) -> float:
    store = open_store(url)
    seed_agents_and_markets(store, load_corpus())
    messages = iter_demo_messages()
    elapsed, imported = 0.0, 0
    while imported < count:
        # Generating the demo text is not the store's work: only ingest is timed.
        batch = list(islice(messages, min(BATCH, count - imported)))
        started = time.perf_counter()
        imported += ingest(store, batch, batch_size=BATCH).imported
        elapsed += time.perf_counter() - started
    store.close()
    return count / elapsed


def add_translations(url: str) -> int:
    """A stored Chinese translation for every inbound message not written in Chinese.

    Search looks through stored translations as well as the messages, so the
    store it is timed on holds both. The texts are the corpus's Chinese customer
    phrases (not machine output): realistic words and length, no engine needed.
    Inserted with the store's triggers on, as background translation would.
    """
    corpus = load_corpus()
    phrases = [
        line
        for topic in corpus.phrases["languages"]["zh"]["topics"].values()
        for line in topic["customer"] + topic["followup"]
    ]
    rng = random.Random(7)

    def filled(phrase: str) -> str:  # the corpus's {order}, {tracking}, ... as a message has them
        return re.sub(r"\{(\w+)\}", lambda m: f"{m.group(1)[:1].upper()}{rng.randrange(10**6)}",
                      phrase)  # fmt: skip

    store = open_store(url, create=False)
    with store.session() as session:
        ids = session.scalars(
            select(Message.id)
            .where(Message.direction == Direction.INBOUND)
            .where(func.coalesce(Message.language, "") != "zh")
            .order_by(Message.id)
        ).all()
        for start in range(0, len(ids), BATCH):
            session.execute(
                insert(Translation),
                [
                    {"message_id": i, "target_language": "zh", "engine": "corpus",
                     "engine_version": "1", "text": filled(rng.choice(phrases))}
                    for i in ids[start : start + BATCH]
                ],
            )  # fmt: skip
        session.commit()
    store.close()
    return len(ids)


def first_page_ms(url: str) -> float:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from console.ui.app import application
    from console.ui.lanes.store_executor import StoreExecutor
    from console.ui.main_window import MainWindow
    from console.ui.settings.ui_language import UiLanguage

    app = application()
    started = time.perf_counter()
    store = open_store(url, create=False)
    executor = StoreExecutor(store)
    translations = UiLanguage(app)
    translations.apply("en")
    window = MainWindow(executor, translations)
    window.show()
    rendered: list[float] = []

    def page_arrived() -> None:
        if not rendered:
            window.inbox_view.viewport().repaint()
            rendered.append(time.perf_counter())

    window.inbox_model.page_loaded.connect(page_arrived)
    deadline = time.perf_counter() + 60
    while not rendered and time.perf_counter() < deadline:
        QApplication.processEvents()
        time.sleep(0.001)
    window.close()
    executor.shutdown()
    store.close()
    if not rendered:
        raise SystemExit("first page never arrived")
    return (rendered[0] - started) * 1000


def search_p95_ms(url: str, limit: int | None) -> float:
    """p95 of the searches; ``limit``: as the inbox asks (its first SEARCH_RESULTS + 1)."""
    store: Store = open_store(url, create=False)
    timings = []
    with store.session() as session:
        conversation_ids(session, InboxFilter(search="warm up"), limit=limit)
    for query in QUERIES:
        with store.session() as session:
            started = time.perf_counter()
            conversation_ids(session, InboxFilter(search=query), limit=limit)
            timings.append((time.perf_counter() - started) * 1000)
    store.close()
    return statistics.quantiles(timings, n=20, method="inclusive")[18]


def has_messages(url: str) -> bool:
    store = open_store(url)
    with store.session() as session:
        found = session.scalar(select(Message.id).limit(1)) is not None
    store.close()
    return found


def main() -> None:
    argv = sys.argv[1:]
    db = None
    if "--db" in argv:
        at = argv.index("--db")
        db = argv[at + 1]
        del argv[at : at + 2]
    args = [a for a in argv if not a.startswith("--store")]
    kept = next((a.split("=", 1)[1] for a in argv if a.startswith("--store=")), None)
    count = int(args[0]) if args else 200_000
    with tempfile.TemporaryDirectory() as folder:
        path = Path(kept) if kept else Path(folder) / "bench.sqlite3"
        url = db or sqlite_url(path)
        print(f"messages {count}")
        if not (has_messages(url) if db else path.exists()):
            print(f"ingest_msgs_per_s {build(url, count):.0f}")
            print(f"stored_translations {add_translations(url)}")
        print(f"first_page_ms {first_page_ms(url):.0f}")
        print(f"search_p95_ms {search_p95_ms(url, SEARCH_RESULTS + 1):.1f}")
        print(f"search_all_ids_p95_ms {search_p95_ms(url, None):.1f}")
        print(f"peak_rss_mb {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f}")


if __name__ == "__main__":
    main()
