"""The duty lock on a real PostgreSQL: one holder at a time, and a lost session stops the duties."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

from sqlalchemy import text

from console.store import Store
from console.team.duties import DutyHolder, DutyLock


class Duties:
    def __init__(self) -> None:
        self.running = threading.Event()
        self.starts = 0
        self.stops = 0

    def start(self) -> None:
        self.starts += 1
        self.running.set()

    def stop(self) -> None:
        self.stops += 1
        self.running.clear()


def _wait(found: Callable[[], bool], timeout: float) -> float:
    started = time.monotonic()
    while not found():
        assert time.monotonic() - started < timeout
        time.sleep(0.02)
    return time.monotonic() - started


def test_one_holder_at_a_time_and_a_lost_session_stops_the_duties_at_once(
    open_seat: Callable[[str], Store],
) -> None:
    first_store, second_store = open_seat("first"), open_seat("second")
    first, second = Duties(), Duties()
    holder = DutyHolder(first_store, first.start, first.stop, check_seconds=0.2)
    other = DutyHolder(second_store, second.start, second.stop, retry_seconds=0.2)
    holder.start()
    try:
        _wait(lambda: holder.holding and first.running.is_set(), 10)
        other.start()
        time.sleep(1.0)
        assert not other.holding and second.starts == 0
        # The server ends the holder's lock session (as a restart or a cut network would).
        with second_store.session() as session:
            session.execute(
                text(
                    "SELECT pg_terminate_backend(l.pid) FROM pg_locks l "
                    "JOIN pg_stat_activity a ON a.pid = l.pid "
                    "WHERE l.locktype = 'advisory' AND a.application_name = 'first'"
                )
            )
        _wait(lambda: not first.running.is_set(), 5)
        _wait(lambda: second.running.is_set(), 5)
        assert first.stops == 1 and second.starts == 1
        # The first tries again and waits: the second holds the duties now.
        time.sleep(0.6)
        assert not holder.holding and first.starts == 1
    finally:
        other.stop()
        holder.stop()
    # Stopping released the lock: anyone can take it now.
    lock = DutyLock(first_store)
    try:
        assert lock.try_acquire()
    finally:
        lock.release()
    assert second.stops == 1
