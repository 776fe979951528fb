"""Guard against the PySide6 6.12.0 bug that decrements True on every signal emission.

On Python 3.11 True is an ordinary object: once its count reaches zero the
interpreter aborts, so a console left open long enough would crash.
"""

from __future__ import annotations

import gc
import sys

from PySide6.QtCore import QObject, Signal


class _Emitter(QObject):
    number = Signal(int)
    anything = Signal(object)


def test_signal_emission_keeps_reference_counts(qapp: object) -> None:
    emitter = _Emitter()
    received: list[object] = []
    emitter.number.connect(received.append)
    emitter.anything.connect(received.append)
    gc.collect()
    before = sys.getrefcount(True)
    for value in range(500):
        emitter.number.emit(value)
        emitter.anything.emit((value, True))
    received.clear()
    gc.collect()
    assert sys.getrefcount(True) - before > -50
