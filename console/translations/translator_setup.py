"""The console's translator: installed engines plus a translation memory in the store."""

from __future__ import annotations

import threading
from pathlib import Path

from console.paths import data_dir
from console.store import Store
from translation.memory import SqlMemory
from translation.translator import Translator


def argos_package_dir() -> Path:
    return data_dir() / "argos-packages"


class TranslatorHolder:
    """Builds the translator on first use (on a worker thread: engines probe the disk)."""

    def __init__(self, store: Store, package_dir: Path | None = None) -> None:
        self._store = store
        self._package_dir = package_dir or argos_package_dir()
        self._translator: Translator | None = None
        self._lock = threading.Lock()

    def get(self) -> Translator:
        with self._lock:
            if self._translator is None:
                from translation.argos import ArgosEngine
                from translation.engines import ApertiumEngine

                self._translator = Translator(
                    [ArgosEngine(self._package_dir), ApertiumEngine()],
                    SqlMemory(self._store.engine),
                )
            return self._translator

    def reset(self) -> None:
        """Forget the engines (after models were installed or removed)."""
        with self._lock:
            self._translator = None
