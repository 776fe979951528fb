"""Channel ingest benchmark: ``python bench/ingest.py [N]`` (default 20,000 of each).

Generates N e-mails in a Maildir (a few hundred senders, replies threaded by
In-Reply-To, some non-ASCII text, an attachment now and then) and an export of
N CSV rows, imports both through the real import path into a fresh SQLite
store, then imports the Maildir again (every message a duplicate). Prints one
figure per line:

- maildir_msgs_per_s: Maildir messages imported per second (parse, sanitize, detect the
                      language, link, thread)
- csv_rows_per_s:     CSV rows imported per second (buyer rows' language detected too)
- reimport_s:         seconds to re-import the Maildir (all duplicates)
- peak_rss_mb:        peak resident memory of this process (with the language models)
- detect_ms_per_msg:  milliseconds to detect the language of one text never seen before

Detection at ingest runs once per distinct text per batch (the store has no markets here,
so among all default languages); the generated texts repeat per order, so
``detect_ms_per_msg`` gives the cost for an inbox where every text is new.

Target on the 2-core reference machine: maildir_msgs_per_s > 1,000.
"""

from __future__ import annotations

import csv
import random
import resource
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from email.message import EmailMessage
from email.utils import format_datetime
from pathlib import Path

from console.channels.importer import import_path
from console.store import open_store, sqlite_url
from console.translations.arrival import Arrival, detect_arrivals

TEXTS = (
    "Hello, where is my order {order}? It has been two weeks.",
    "Guten Tag, meine Bestellung {order} ist noch nicht angekommen. Grüße",
    "您好，我的订单{order}什么时候发货？谢谢",
    "Bonjour, je voudrais un remboursement pour la commande {order}.",
    "مرحبا، أين طلبي رقم {order}؟",
)


def write_maildir(folder: Path, count: int, rng: random.Random) -> None:
    for sub in ("cur", "new", "tmp"):
        (folder / sub).mkdir(parents=True)
    start = datetime(2026, 1, 1, tzinfo=UTC)
    roots: dict[int, str] = {}
    for n in range(count):
        sender = rng.randrange(max(1, count // 40))
        msg = EmailMessage()
        msg["From"] = f"Customer {sender} <c{sender}@example.com>"
        msg["To"] = "support@shop.example"
        msg["Date"] = format_datetime(start + timedelta(minutes=n))
        msg["Message-ID"] = f"<bench-{n}@example.com>"
        order = f"A{sender:05d}"
        if sender in roots:
            msg["Subject"] = f"Re: Order {order}"
            msg["In-Reply-To"] = f"<{roots[sender]}>"
            msg["References"] = f"<{roots[sender]}>"
        else:
            msg["Subject"] = f"Order {order}"
            roots[sender] = f"bench-{n}@example.com"
        msg.set_content(rng.choice(TEXTS).format(order=order))
        if n % 50 == 0:
            data = b"%PDF-1.4 invoice " + bytes([n % 256]) * 2000
            msg.add_attachment(data, maintype="application", subtype="pdf", filename="invoice.pdf")
        (folder / "new" / f"{1_700_000_000 + n}.{n}.bench").write_bytes(msg.as_bytes())


def write_csv(path: Path, count: int, rng: random.Random) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["message_id", "order_id", "buyer", "buyer_name", "country", "created_at",
                         "direction", "message"])  # fmt: skip
        for n in range(count):
            buyer = rng.randrange(max(1, count // 30))
            writer.writerow([
                f"mp-{n}", f"B{buyer:05d}", f"buyer{buyer}", f"Buyer {buyer}", "DE",
                f"2026-02-01T{(n // 60) % 24:02d}:{n % 60:02d}:00+01:00",
                "seller" if n % 3 == 2 else "buyer",
                rng.choice(TEXTS).format(order=f"B{buyer:05d}"),
            ])  # fmt: skip


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 20_000
    rng = random.Random(7)
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        maildir, export = root / "Maildir", root / "export.csv"
        write_maildir(maildir, count, rng)
        write_csv(export, count, rng)
        store = open_store(sqlite_url(root / "bench.sqlite3"))
        try:
            started = time.perf_counter()
            first = import_path(store, maildir, batch_size=1000)
            maildir_s = time.perf_counter() - started
            started = time.perf_counter()
            rows = import_path(store, export, batch_size=2000)
            csv_s = time.perf_counter() - started
            started = time.perf_counter()
            again = import_path(store, maildir, batch_size=1000)
            reimport_s = time.perf_counter() - started
        finally:
            store.close()
    assert first.imported == count and rows.imported == count, (first, rows)
    fresh = [Arrival(TEXTS[n % len(TEXTS)].format(order=n)) for n in range(2000)]
    started = time.perf_counter()
    for arrival in fresh:  # one call each: nothing is shared between them
        detect_arrivals([arrival])
    detect_s = time.perf_counter() - started
    assert again.imported == 0 and again.duplicates == count, again
    print(f"maildir_msgs_per_s {count / maildir_s:.0f}")
    print(f"csv_rows_per_s {count / csv_s:.0f}")
    print(f"reimport_s {reimport_s:.2f}")
    print(f"peak_rss_mb {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f}")
    print(f"detect_ms_per_msg {detect_s * 1000 / len(fresh):.2f}")


if __name__ == "__main__":
    main()
