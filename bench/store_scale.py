"""Store scale benchmark: ``python bench/store_scale.py [N]`` (default 200,000 messages).

Builds a store of N demo-style messages through the real ingest path and
prints one figure per line:

- ingest_msgs_per_s: messages stored per second (FTS index and summaries included)
- first_page_ms:     open the store to the first inbox page rendered in the window
- search_p95_ms:     95th percentile of 20 varied full-text searches (ids for the inbox)
- peak_rss_mb:       peak resident memory of this process

Targets on the 2-core reference machine at 200,000 messages: first_page_ms < 800,
search_p95_ms < 100, ingest_msgs_per_s > 5,000.
"""

from __future__ import annotations

import os
import resource
import statistics
import sys
import tempfile
import time
from itertools import islice
from pathlib import Path

from console.demo.generator import (
    iter_demo_messages,
    load_corpus,
    seed_agents_and_markets,
)
from console.inbox.ingest import ingest
from console.inbox.queries import InboxFilter, conversation_ids
from console.store import Store, open_store, sqlite_url

BATCH = 5000
QUERIES = (
    "order", "refund", "tracking", "zoll", "pedido", "remboursement", "退款", "订单",
    "注文", "주문", "заказ", "طلبي", "size", "broken", "customs duty", "manager",
    "data", "#A1", "reembolso devolução", "nonexistentword",
)  # fmt: skip


def build(path: Path, count: int) -> float:
    store = open_store(sqlite_url(path))
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


def first_page_ms(path: Path) -> float:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from console.ui.app import application
    from console.ui.i18n import UiTranslations
    from console.ui.main_window import MainWindow
    from console.ui.store_executor import StoreExecutor

    app = application()
    started = time.perf_counter()
    store = open_store(sqlite_url(path), create=False)
    executor = StoreExecutor(store)
    translations = UiTranslations(app)
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


def search_p95_ms(path: Path) -> float:
    store: Store = open_store(sqlite_url(path), create=False)
    timings = []
    with store.session() as session:
        conversation_ids(session, InboxFilter(search="warm up"))
    for query in QUERIES:
        with store.session() as session:
            started = time.perf_counter()
            conversation_ids(session, InboxFilter(search=query))
            timings.append((time.perf_counter() - started) * 1000)
    store.close()
    return statistics.quantiles(timings, n=20, method="inclusive")[18]


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 200_000
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "bench.sqlite3"
        print(f"messages {count}")
        print(f"ingest_msgs_per_s {build(path, count):.0f}")
        print(f"first_page_ms {first_page_ms(path):.0f}")
        print(f"search_p95_ms {search_p95_ms(path):.1f}")
        print(f"peak_rss_mb {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f}")


if __name__ == "__main__":
    main()
