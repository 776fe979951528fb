"""Two seats importing the same mailbox into one PostgreSQL store at the same moment: every
message, customer and conversation is stored once (the unique keys hold under concurrency)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from corpus import mail, write_mbox
from sqlalchemy import func, select

from console.store import Store, open_store
from console.store.models import ChannelIdentity, Conversation, Customer, Message

ROOT = Path(__file__).resolve().parents[3]
CUSTOMERS = 12
PER_CUSTOMER = 15
#: One seat: the console's own import (console/channels/importer.py), started on a signal.
SEAT = """
import sys, time
from pathlib import Path
from console.channels.importer import import_path
from console.store import open_store
box, url, go = sys.argv[1:]
store = open_store(url, create=False)
print("ready", flush=True)
while not Path(go).exists():
    time.sleep(0.005)
print(import_path(store, Path(box), batch_size=7).summary(), flush=True)
store.close()
"""


@pytest.mark.slow
def test_two_processes_importing_the_same_mailbox_store_each_message_once(
    tmp_path: Path, pg_store: Store
) -> None:
    pg_store_url = pg_store.url.render_as_string(hide_password=False)
    messages = [
        mail(
            customer * PER_CUSTOMER + n,
            sender=f"buyer{customer}@example.com",
            name=f"Buyer {customer}",
            subject=f"Order {customer}",
            text=f"buyer {customer} writes for the {n}th time",
        )
        for n in range(PER_CUSTOMER)
        for customer in range(CUSTOMERS)
    ]
    box = write_mbox(tmp_path / "shared.mbox", messages)
    go = tmp_path / "go"
    seats = [
        subprocess.Popen(
            [sys.executable, "-c", SEAT, str(box), pg_store_url, str(go)],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(2)
    ]
    ready = [seat.stdout.readline() if seat.stdout else "" for seat in seats]
    assert ready == ["ready\n", "ready\n"], [seat.stderr.read() for seat in seats if seat.stderr]
    go.touch()  # both start importing at the same moment
    outputs = [seat.communicate(timeout=300) for seat in seats]
    for seat, (_out, err) in zip(seats, outputs, strict=True):
        assert seat.returncode == 0, err
    imported = [
        int(out.splitlines()[-1].split(",")[0].removeprefix("imported ")) for out, _ in outputs
    ]
    assert sum(imported) == len(messages)  # each message imported by exactly one seat

    store = open_store(pg_store_url, create=False)
    try:
        with store.session() as session:
            assert session.scalar(select(func.count()).select_from(Message)) == len(messages)
            assert session.scalar(select(func.count(func.distinct(Message.external_id)))) == len(
                messages
            )
            assert session.scalar(select(func.count()).select_from(Customer)) == CUSTOMERS
            assert session.scalar(select(func.count()).select_from(ChannelIdentity)) == CUSTOMERS
            assert session.scalar(select(func.count()).select_from(Conversation)) == CUSTOMERS
            counts = session.execute(
                select(Conversation.message_count, func.count(Message.id))
                .join(Message, Message.conversation_id == Conversation.id)
                .group_by(Conversation.id)
            ).all()
    finally:
        store.close()
    assert all(stored == PER_CUSTOMER for stored, _ in counts)  # no lost count either
    assert all(found == PER_CUSTOMER for _, found in counts)
