"""UI test fixtures: a demo-like store, the executor and a main window."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import keyring
import pytest
from factories import MemoryKeyring
from pytestqt.qtbot import QtBot

from console.demo.generator import build_demo_store
from console.store import Store, open_store, sqlite_url
from console.ui.app import application
from console.ui.lanes.store_executor import StoreExecutor
from console.ui.main_window import MainWindow
from console.ui.settings.ui_language import UiLanguage

UI_DEMO_CONVERSATIONS = 60


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("demo-template") / "demo.sqlite3"
    build_demo_store(path, conversations=UI_DEMO_CONVERSATIONS)
    return path


@pytest.fixture
def demo_store(demo_template: Path, tmp_path: Path) -> Iterator[Store]:
    copy = tmp_path / "demo.sqlite3"
    copy.write_bytes(demo_template.read_bytes())
    store = open_store(sqlite_url(copy), create=False)
    yield store
    store.close()


@pytest.fixture
def executor(qapp: object, demo_store: Store) -> Iterator[StoreExecutor]:
    application()
    runner = StoreExecutor(demo_store)
    yield runner
    runner.shutdown()


@pytest.fixture
def translations(qapp: object) -> Iterator[UiLanguage]:
    ui = UiLanguage(application())
    ui.apply("en")
    yield ui
    ui.apply("en")


@pytest.fixture
def window(qtbot: QtBot, executor: StoreExecutor, translations: UiLanguage) -> Iterator[MainWindow]:
    main = MainWindow(executor, translations)
    qtbot.addWidget(main)
    with qtbot.waitSignal(main.ready, timeout=15_000):
        main.show()
    yield main
    main.shutdown()
    qtbot.waitUntil(lambda: executor.pending == 0, timeout=10_000)


@pytest.fixture
def memory_keyring() -> Iterator[MemoryKeyring]:
    """Secrets go to an in-memory keyring for the test, then the previous one is back."""
    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)
