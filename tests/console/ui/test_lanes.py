"""The lanes of README "How it is built": file work beside store work, and who writes.

* An import on the file lane, halted inside its first batch's transaction, while
  the store lane pages the inbox and writes: the page is answered while the
  import is halfway, and everything finishes without "database is locked" (on
  SQLite and on PostgreSQL).
* The threads seen writing to the store while every lane and channel works are
  the ones the README lists.
"""

from __future__ import annotations

import json
import re
import sys
import threading
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import keyring
import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import event, func, select

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "channels"))

from corpus import mail
from factories import MemoryKeyring
from mailservers import Capture, free_port, smtp_server

from console.changes import Changes
from console.channels.admin import save_channel_config
from console.channels.credentials import KEYRING_SERVICE, keyring_account
from console.channels.import_run import import_paths
from console.channels.importer import ImportReport, import_path
from console.inbox.commands import send_reply
from console.store import Store
from console.store.models import Conversation, Message
from console.ui.channels.channel_service import ONLINE, ChannelService
from console.ui.inbox.inbox_model import InboxModel
from console.ui.lanes.store_executor import StoreExecutor
from console.ui.lanes.translation_worker import TranslationWorker
from translation.engines import ApertiumEngine
from translation.memory import SqlMemory
from translation.translator import Translator

README = Path(__file__).resolve().parents[3] / "README.md"
WAIT_MS = 20_000
WEBHOOK_TOKEN = "a-webhook-token-long-enough"


def _mbox(path: Path, first: int, count: int) -> Path:
    """An mbox of ``count`` mails from new senders (each its own conversation)."""
    chunks = []
    for number in range(first, first + count):
        body = mail(number, sender=f"buyer{number}@example.com", name=f"Buyer {number}")
        chunks.append(b"From MAILER-DAEMON Thu Jan  1 00:00:00 2026\n" + body + b"\n")
    path.write_bytes(b"".join(chunks))
    return path


def _count(store: Store, model: type[Conversation] | type[Message]) -> int:
    with store.session() as session:
        return int(session.scalar(select(func.count()).select_from(model)) or 0)


@pytest.fixture
def executor(qapp: object, any_store: Store) -> Iterator[StoreExecutor]:
    lanes = StoreExecutor(any_store)
    lanes.show_store_errors = False
    yield lanes
    lanes.shutdown()


def test_the_inbox_pages_and_writes_while_an_import_holds_its_transaction(
    qtbot: QtBot, executor: StoreExecutor, tmp_path: Path
) -> None:
    store = executor.store
    assert import_path(store, _mbox(tmp_path / "seed.mbox", 1, 3)).imported == 3
    with store.session() as session:
        first_conversation = session.scalars(select(Conversation.id)).first()
    assert first_conversation is not None
    model = InboxModel(executor)
    with qtbot.waitSignal(model.page_loaded, timeout=WAIT_MS):
        model.reload()
    assert model.rowCount() == 3
    big = _mbox(tmp_path / "big.mbox", 100, 40)

    events: list[str] = []
    halted, resume = threading.Event(), threading.Event()

    def halt_inside_the_import(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        """On the file thread: the first INSERT of the import waits, its transaction open."""
        on_file_lane = threading.current_thread().name.startswith("file")
        if on_file_lane and not halted.is_set() and statement.lstrip().startswith("INSERT"):
            halted.set()
            resume.wait(WAIT_MS / 1000)

    event.listen(store.engine, "after_cursor_execute", halt_inside_the_import)
    heard: list[Changes] = []
    executor.changes.changed.connect(heard.append)
    try:
        stop = threading.Event()
        executor.files.run(
            executor,
            lambda: import_paths(store, [big], actor="agent", stop=stop),
            lambda report: events.append(f"import finished: {report.imported}"),
            error=lambda exc: events.append(f"import failed: {exc}"),
            stop=stop,
        )
        qtbot.waitUntil(halted.is_set, timeout=WAIT_MS)
        events.append("import halfway")
        model.page_loaded.connect(lambda: events.append("page answered"))
        model.reload()  # the store lane pages while the import's transaction is open
        qtbot.waitUntil(lambda: "page answered" in events, timeout=WAIT_MS)

        def write(session: Any) -> int:
            return send_reply(session, first_conversation, "On its way.", agent_id=None)

        executor.run(
            executor,
            write,
            lambda _id: events.append("reply stored"),
            error=lambda exc: events.append(f"reply failed: {exc}"),
        )
        resume.set()  # on SQLite the reply waits for the import's write lock, then goes
        qtbot.waitUntil(
            lambda: (
                any(e.startswith("import ") and e != "import halfway" for e in events)
                and any(e.startswith("reply ") for e in events)
            ),
            timeout=WAIT_MS,
        )
    finally:
        resume.set()
        event.remove(store.engine, "after_cursor_execute", halt_inside_the_import)

    assert events.index("import halfway") < events.index("page answered")
    assert events.index("page answered") < events.index("import finished: 40"), events
    assert "reply stored" in events, events
    assert model.rowCount() == 3  # the page shows what was committed when it was read
    assert _count(store, Conversation) == 43
    with qtbot.waitSignal(model.page_loaded, timeout=WAIT_MS):
        executor.changes.publish(Changes(listing=True))  # what the import dialog says
    assert model.rowCount() == 43
    assert heard and heard[-1].listing


def test_an_import_from_the_dialog_tells_the_change_bus(
    qtbot: QtBot, executor: StoreExecutor, tmp_path: Path
) -> None:
    from console.ui.channels.import_dialog import ImportDialog

    dialog = ImportDialog(executor)
    qtbot.addWidget(dialog)
    dialog.path_edit.setText(str(_mbox(tmp_path / "mail.mbox", 1, 5)))
    with (
        qtbot.waitSignal(executor.changes.changed, timeout=WAIT_MS) as heard,
        qtbot.waitSignal(dialog.imported, timeout=WAIT_MS),
    ):
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert heard.args is not None and heard.args[0].listing
    assert dialog.report is not None and dialog.report.imported == 5
    assert executor.files.pending == 0 and executor.pending == 0
    assert dialog.result_box is not None
    dialog.result_box.close()


# -- who writes to the store ---------------------------------------------------------------


def _documented_writers() -> set[str]:
    text = " ".join(README.read_text(encoding="utf-8").split())
    found = re.search(r"Threads that write to the store: (.*?)\.", text)
    assert found, "README: the Lanes paragraph lists the threads that write to the store"
    return set(re.findall(r"`([^`]+)`", found.group(1)))


def _lane(thread_name: str) -> str:
    """``store_0`` -> ``store``; ``channel:Shop mailbox`` -> ``channel:<name>``."""
    if thread_name.startswith("channel:"):
        return "channel:<name>"
    return re.sub(r"_\d+$", "", thread_name)


@pytest.fixture
def smtp() -> Iterator[tuple[Capture, int]]:
    with smtp_server() as server:
        yield server


def test_the_threads_that_write_to_the_store_are_the_documented_ones(
    qtbot: QtBot,
    qapp: object,
    store: Store,
    tmp_path: Path,
    smtp: tuple[Capture, int],
    memory_keyring: MemoryKeyring,
) -> None:
    handler, smtp_port = smtp
    assert import_path(store, _mbox(tmp_path / "seed.mbox", 1, 2)).imported == 2
    webhook_port = free_port()
    with store.session() as session:
        conversation_id = session.scalars(select(Conversation.id)).first()
        save_channel_config(session, name="Shop SMTP", kind="smtp", settings={
            "host": "127.0.0.1", "port": smtp_port, "security": "none",
            "from_address": "support@shop.example",
        }, actor="test")  # fmt: skip
        save_channel_config(
            session, name="Chat widget", kind="webhook", settings={"port": webhook_port},
            actor="test",
        )  # fmt: skip
    assert conversation_id is not None
    keyring.set_password(KEYRING_SERVICE, keyring_account("webhook", "Chat widget"), WEBHOOK_TOKEN)

    writers: set[str] = set()

    def record(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        if statement.lstrip().split(None, 1)[0].upper() in ("INSERT", "UPDATE", "DELETE"):
            writers.add(threading.current_thread().name)

    executor = StoreExecutor(store)
    worker = TranslationWorker()
    service = ChannelService(store, outbox_interval=3600, retry_seconds=(0.2, 1))
    event.listen(store.engine, "before_cursor_execute", record)
    try:
        # The store lane: an agent's reply, queued in the outbox.
        with qtbot.waitCallback(timeout=WAIT_MS) as replied:
            executor.run(
                executor,
                lambda s: send_reply(s, conversation_id, "On its way.", agent_id=None),
                replied,
            )
        # The file lane: an import.
        with qtbot.waitCallback(timeout=WAIT_MS) as imported:
            executor.files.run(
                executor, lambda: import_paths(store, [_mbox(tmp_path / "m.mbox", 50, 2)]), imported
            )
        assert isinstance(imported.args[0], ImportReport) and imported.args[0].imported == 2
        # The channels: the outbox sender sends the reply; a webhook call stores a message.
        with qtbot.waitSignal(service.outbox_changed, timeout=WAIT_MS):
            service.start()
        assert len(handler.received) == 1
        qtbot.waitUntil(
            lambda: any(s.name == "Chat widget" and s.state == ONLINE for s in service.statuses()),
            timeout=WAIT_MS,
        )
        body = json.dumps(
            {
                "id": "c-1",
                "handle": "visitor-9",
                "text": "ciao",
                "timestamp": "2026-11-01T10:00:00Z",
            }
        ).encode()
        request = urllib.request.Request(
            f"http://127.0.0.1:{webhook_port}/messages",
            data=body,
            headers={
                "Authorization": f"Bearer {WEBHOOK_TOKEN}",
                "Content-Type": "application/json",
            },
        )
        with urllib.request.urlopen(request, timeout=10) as answer:
            assert json.loads(answer.read())["imported"] == 1
        # The translation lane: a translation that misses the memory stores it there.
        translator = Translator([ApertiumEngine()], SqlMemory(store.engine))
        with qtbot.waitCallback(timeout=WAIT_MS) as translated:
            worker.submit(
                worker, lambda: translator.translate("Hello friend", "en", "es").text, translated
            )
        assert translated.args[0]
    finally:
        service.stop(timeout=10)
        worker.shutdown()
        executor.shutdown()
        event.remove(store.engine, "before_cursor_execute", record)

    assert {_lane(name) for name in writers} == _documented_writers(), sorted(writers)
