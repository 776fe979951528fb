"""Background translation in the UI: on screen first, and never ahead of the live reply.

Real store, real executor and translation thread, real Apertium (es→en for the
inbox, en→es for the reply). Priority is measured by the order of events on the
translation thread, not by time.
"""

from __future__ import annotations

import shutil
import threading
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from factories import MessageFactory
from PySide6.QtWidgets import QPlainTextEdit
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from console.inbox.ingest import ingest
from console.store import Store
from console.store.models import Message, Translation
from console.translations.background import BackgroundReport
from console.ui.app import application
from console.ui.conversation.reply_translation import ReplyTranslationPanel
from console.ui.inbox.background_translation import BackgroundTranslation
from console.ui.lanes.store_executor import StoreExecutor
from console.ui.lanes.translation_worker import VISIBLE, TranslationWorker
from translation.engines import ApertiumEngine
from translation.translator import Translator

SPANISH = (
    "Hola, mi pedido número {n} todavía no ha llegado.",
    "El paquete {n} llegó roto y quiero un reembolso.",
    "Quiero devolver el artículo {n}, es demasiado pequeño.",
)


class RecordingWorker(TranslationWorker):
    """The real worker; each submission is written down (with its priority)."""

    def __init__(self, events: list[str]) -> None:
        super().__init__()
        self.events = events
        self.live_submitted = threading.Event()

    def submit(self, owner: Any, work: Callable[[], Any], *args: Any, **kwargs: Any) -> Any:
        self.events.append(f"submit:{kwargs.get('priority')}")
        handle = super().submit(owner, work, *args, **kwargs)
        if kwargs.get("priority") == VISIBLE:
            self.live_submitted.set()
        return handle


@pytest.fixture
def apertium() -> Translator:
    assert shutil.which("apertium"), "apertium is not installed: run .ci/setup"
    return Translator([ApertiumEngine()])


@pytest.fixture
def spanish_store(store: Store, message: MessageFactory) -> Store:
    ingest(
        store,
        [
            message(SPANISH[n % 3].format(n=n), address=f"c{n % 6}@x.es", country="ES",
                    language="es", minutes=n)
            for n in range(36)
        ],
    )  # fmt: skip
    return store


@pytest.fixture
def executor(qapp: object, spanish_store: Store) -> Iterator[StoreExecutor]:
    application()
    runner = StoreExecutor(spanish_store)
    yield runner
    runner.shutdown()


def _background(
    executor: StoreExecutor, worker: TranslationWorker, getter: Callable[[], Translator]
) -> BackgroundTranslation:
    background = BackgroundTranslation(executor, worker, getter)
    background.seat_language = "en"
    return background


def test_live_reply_is_translated_before_queued_background_slices(
    qtbot: QtBot, executor: StoreExecutor, apertium: Translator
) -> None:
    events: list[str] = []
    lock = threading.Lock()

    worker = RecordingWorker(events)

    def getter(name: str) -> Callable[[], Translator]:
        def get() -> Translator:  # called on the translation thread as a job starts
            with lock:
                events.append(f"start:{name}")
            if name == "slice":
                # The first slice is still running when the agent's request is queued
                # (whatever the machine's speed): the case to prove.
                worker.live_submitted.wait(30)
            return apertium

        return get

    background = _background(executor, worker, getter("slice"))
    background.slice_size = 2
    panel = ReplyTranslationPanel(worker, getter("live"))
    editor = QPlainTextEdit()  # wired as the composer is
    editor.textChanged.connect(lambda: panel.source_changed(editor.toPlainText()))
    qtbot.addWidget(panel)
    qtbot.addWidget(editor)
    panel.set_languages("en", "es")
    done: list[str] = []
    background.slice_done.connect(lambda _report: done.append("slice"))
    panel.draft_ready.connect(lambda _draft: done.append("live"))
    try:
        background.start()
        qtbot.waitUntil(lambda: "start:slice" in events, timeout=30_000)
        assert background.pending >= 10  # plenty still queued behind the running slice
        editor.show()
        qtbot.keyClicks(editor, "Your refund is on its way.")
        with qtbot.waitSignal(panel.draft_ready, timeout=30_000):
            pass
        # The live reply waited for the running slice at most: not for the queued ones.
        assert done in (["live"], ["slice", "live"])
        assert background.running and background.pending > 0
        submitted = events.index("submit:0")
        started = events.index("start:live")
        # Once the live request is queued, no background slice starts before it.
        assert "start:slice" not in events[submitted:started]
        assert "Your refund" not in panel.target.toPlainText()
        with qtbot.waitSignal(background.finished, timeout=120_000) as finished:
            pass
    finally:
        background.stop()
        worker.shutdown()
    report = finished.args[0]
    assert isinstance(report, BackgroundReport)
    assert report.targets["en"].translated == 36
    with executor.store.session() as session:
        assert session.scalar(select(func.count(Translation.id))) == 36


def test_visible_conversations_first_then_newest(
    qtbot: QtBot, executor: StoreExecutor, apertium: Translator
) -> None:
    with executor.store.session() as session:
        rows = session.execute(
            select(Message.id, Message.conversation_id).order_by(Message.sent_at.desc())
        ).all()
    on_screen = rows[-1].conversation_id  # the conversation with the oldest message
    of_screen = {mid for mid, cid in rows if cid == on_screen}
    worker = TranslationWorker()
    background = _background(executor, worker, lambda: apertium)
    background.slice_size = len(of_screen)
    background.visible_conversations = lambda: [on_screen]
    slices: list[set[int]] = []
    background.slice_done.connect(lambda report: slices.append(set(report.translated_messages)))
    try:
        background.start()
        qtbot.waitUntil(lambda: len(slices) >= 2, timeout=60_000)
    finally:
        background.stop()
        worker.shutdown()
    assert slices[0] == of_screen
    newest_others = [mid for mid, cid in rows if cid != on_screen][: len(of_screen)]
    assert slices[1] == set(newest_others)


@pytest.fixture
def quick_start(monkeypatch: pytest.MonkeyPatch) -> None:
    from console.ui import main_window

    monkeypatch.setattr(main_window, "BACKGROUND_TRANSLATION_DELAY_MS", 50)


def test_window_translates_the_inbox_ahead_and_stores_it(
    quick_start: None, window: Any, qtbot: QtBot, apertium: Translator
) -> None:
    """The window (here on the 36 Spanish messages) starts it once it is ready."""
    background = window.background_translation
    with qtbot.waitSignal(background.finished, timeout=180_000) as finished:
        pass
    assert background.seat_language == "en"  # the UI language
    report = finished.args[0]
    assert report.targets["en"].translated == 36
    with window._executor.store.session() as session:
        stored = session.scalar(
            select(func.count(Translation.id)).where(Translation.target_language == "en")
        )
    assert stored == 36
