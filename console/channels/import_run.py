"""Import the files and folders a person chose, counting as it goes, with a way to stop.

Each path is imported as :func:`console.channels.importer.import_path` does
(a folder of ``.eml`` and mbox files like a Maildir; CSV/JSON with the mapping
saved in the preview). A path that cannot be read does not stop the others: it
becomes a notice in the one report returned.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path

from console.channels.importer import ImportReport, import_items
from console.channels.sources import (
    FOLDER_EMPTY,
    FORMAT_UNKNOWN,
    PATH_MISSING,
    PATH_UNREADABLE,
    SOURCE_UNREADABLE,
    SourceError,
    SourceItem,
    detect_format,
    read_source,
    source_key,
)
from console.problems import Problem, ProblemError, define, problem
from console.store import Store

STOPPED = define(
    "import.stopped",
    "The import was stopped after {count} items; everything read until then was imported.",
)


def import_paths(
    store: Store,
    paths: Sequence[Path],
    *,
    actor: str | None = None,
    progress: Callable[[int], None] | None = None,
    stop: threading.Event | None = None,
) -> ImportReport:
    """Import every path; ``progress`` hears the number of items read so far.

    Setting ``stop`` ends the import after the item being read (batches already
    stored stay; a re-run skips them as duplicates).
    """
    total = ImportReport()
    counter = _Counter(progress, stop)
    for path in paths:
        if counter.stopped:
            break
        report = _import_one(store, path, actor=actor, counter=counter)
        total.imported += report.imported
        total.duplicates += report.duplicates
        total.quarantined += report.quarantined
        total.notices.extend(report.notices)
    if counter.stopped:
        total.notices.append(problem(STOPPED, count=counter.count))
    return total


class _Counter:
    def __init__(
        self, progress: Callable[[int], None] | None, stop: threading.Event | None
    ) -> None:
        self.count = 0
        self.stopped = False
        self._progress = progress
        self._stop = stop

    def items(self, items: Iterable[SourceItem]) -> Iterator[SourceItem]:
        for item in items:
            if self._stop is not None and self._stop.is_set():
                self.stopped = True
                return
            self.count += 1
            if self._progress is not None:
                self._progress(self.count)
            yield item


def _import_one(store: Store, path: Path, *, actor: str | None, counter: _Counter) -> ImportReport:
    from console.channels.admin import saved_mapping

    name = str(path)
    if not path.exists():
        return _notice(problem(PATH_MISSING, name=name))
    if not os.access(path, os.R_OK):
        return _notice(problem(PATH_UNREADABLE, name=name))
    try:
        fmt = detect_format(path)
    except (SourceError, OSError):
        return _notice(problem(FORMAT_UNKNOWN, name=name))
    mapping = None
    if fmt in ("csv", "json"):
        with store.session() as session:
            mapping = saved_mapping(session, path)  # saved in the import preview
    notes: list[Problem] = []
    try:
        items = read_source(path, fmt, mapping, notes=notes)
        report = import_items(
            store, counter.items(items), source=source_key(path, fmt), actor=actor
        )
    except ProblemError as exc:
        return _notice(exc.problem, *notes)
    except (SourceError, OSError):
        found = FOLDER_EMPTY if path.is_dir() else SOURCE_UNREADABLE
        return _notice(problem(found, name=name), *notes)
    report.notices.extend(notes)
    return report


def _notice(*notices: Problem) -> ImportReport:
    return ImportReport(notices=list(notices))
