"""Install, list and remove translation models; downloads show progress and can be cancelled.

Package work (unpacking, validating, downloading) runs on a thread of its
own; the dialog only shows results. A corrupt or incomplete package is
refused with the library's reason and installed models stay as they were.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSettings,
    Qt,
    Signal,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QTableView,
    QVBoxLayout,
)

from console.translations.models_catalog import InstalledRoute, installed_routes
from console.ui.common.display_names import language_name
from console.ui.common.palette import set_role
from console.ui.common.problem_texts import error_text
from console.ui.common.rows_model import RowsTableModel
from console.ui.lanes.result_relay import ResultRelay
from translation.packages import (
    DEFAULT_INDEX_URL,
    PackageError,
    PackageInfo,
    fetch_index,
    install_from_index,
    install_package,
    remove_package,
)

Index = QModelIndex | QPersistentModelIndex
INDEX_URL_KEY = "translation/index_url"
PROGRESS_INTERVAL_S = 0.1


class RoutesModel(RowsTableModel[InstalledRoute]):
    """Installed routes (engine, from, to, version)."""

    COLUMNS = 4

    @property
    def routes(self) -> tuple[InstalledRoute, ...]:
        return self.rows

    def set_routes(self, routes: Sequence[InstalledRoute]) -> None:
        self.set_rows(routes)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or role != Qt.ItemDataRole.DisplayRole:
            return None
        route = self.routes[index.row()]
        values = (
            "Argos" if route.engine == "argos" else "Apertium",
            language_name(route.source),
            language_name(route.target),
            route.version,
        )
        return values[index.column()]

    def column_titles(self) -> tuple[str, ...]:
        return (self.tr("Engine"), self.tr("From"), self.tr("To"), self.tr("Version"))


class AvailableModel(RowsTableModel[PackageInfo]):
    """Packages offered by the index (from, to, version)."""

    COLUMNS = 3

    @property
    def packages(self) -> tuple[PackageInfo, ...]:
        return self.rows

    def set_packages(self, packages: Sequence[PackageInfo]) -> None:
        self.set_rows(sorted(packages, key=lambda p: (p.from_code, p.to_code)))

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or role != Qt.ItemDataRole.DisplayRole:
            return None
        package = self.packages[index.row()]
        values = (
            language_name(package.from_code),
            language_name(package.to_code),
            package.package_version,
        )
        return values[index.column()]

    def column_titles(self) -> tuple[str, ...]:
        return (self.tr("From"), self.tr("To"), self.tr("Version"))


def _table(parent: QDialog, model: QAbstractTableModel, name: str) -> QTableView:
    view = QTableView(parent)
    view.setObjectName(name)
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.verticalHeader().hide()
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
    return view


class ModelManagerDialog(QDialog):
    #: Models were installed or removed: engines must be reloaded.
    models_changed = Signal()
    #: An operation finished (success or not): for tests and the status line.
    finished_operation = Signal(bool, str)

    def __init__(self, package_dir: Path, parent: Any = None) -> None:
        super().__init__(parent)
        self.setObjectName("modelManager")
        self.resize(720, 560)
        self._package_dir = package_dir
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="packages")
        self._relay = ResultRelay(self)
        self._cancel: threading.Event | None = None

        self.installed = RoutesModel(self)
        self.available = AvailableModel(self)
        self.installed_view = _table(self, self.installed, "installedModels")
        self.available_view = _table(self, self.available, "availableModels")
        self.installed_title = QLabel(self)
        self.available_title = QLabel(self)
        self.install_file = QPushButton(self)
        self.install_folder = QPushButton(self)
        self.remove = QPushButton(self)
        self.index_url = QLineEdit(self)
        self.index_url.setText(str(QSettings().value(INDEX_URL_KEY, DEFAULT_INDEX_URL)))
        self.fetch = QPushButton(self)
        self.install_selected = QPushButton(self)
        self.progress = QProgressBar(self)
        self.progress.hide()
        self.cancel = QPushButton(self)
        self.cancel.hide()
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.status.setProperty("showsData", True)

        local = QHBoxLayout()
        for button in (self.install_file, self.install_folder, self.remove):
            local.addWidget(button)
        local.addStretch(1)
        index_row = QHBoxLayout()
        index_row.addWidget(self.index_url, 1)
        index_row.addWidget(self.fetch)
        running = QHBoxLayout()
        running.addWidget(self.progress, 1)
        running.addWidget(self.cancel)
        layout = QVBoxLayout(self)
        layout.addWidget(self.installed_title)
        layout.addWidget(self.installed_view, 1)
        layout.addLayout(local)
        layout.addWidget(self.available_title)
        layout.addLayout(index_row)
        layout.addWidget(self.available_view, 1)
        layout.addWidget(self.install_selected)
        layout.addLayout(running)
        layout.addWidget(self.status)

        self.install_file.clicked.connect(self._choose_file)
        self.install_folder.clicked.connect(self._choose_folder)
        self.remove.clicked.connect(self.remove_selected)
        self.fetch.clicked.connect(lambda: self.fetch_index(self.index_url.text().strip()))
        self.install_selected.clicked.connect(self._install_selected_entry)
        self.cancel.clicked.connect(self.cancel_download)
        self.ui_language_changed()
        self.refresh()

    def ui_language_changed(self) -> None:
        self.setWindowTitle(self.tr("Translation models"))
        self.installed_title.setText(self.tr("Installed on this computer"))
        self.available_title.setText(self.tr("Available from a package index"))
        self.install_file.setText(self.tr("Install from file…"))
        self.install_folder.setText(self.tr("Install from folder…"))
        self.remove.setText(self.tr("Remove"))
        self.fetch.setText(self.tr("Show packages"))
        self.install_selected.setText(self.tr("Download and install"))
        self.cancel.setText(self.tr("Cancel"))
        self.index_url.setToolTip(
            self.tr("Offline sites can point this at a file server of their own")
        )

    # -- operations (each on the package thread) ------------------------------

    def refresh(self) -> None:
        self._run(lambda: installed_routes(self._package_dir), self.installed.set_routes)

    def install_from_path(self, path: Path) -> None:
        self._operation(
            lambda: install_package(path, self._package_dir),
            self.tr("Installed %1."),
            changed=True,
        )

    def remove_selected(self) -> None:
        row = self.installed_view.currentIndex().row()
        if not 0 <= row < len(self.installed.routes):
            return
        route = self.installed.routes[row]
        if not route.removable:
            self._finish(
                False, self.tr("Apertium pairs are system packages; remove them with apt.")
            )
            return
        pair = (route.source, route.target)
        self._operation(
            lambda: remove_package(pair, self._package_dir),
            self.tr("Removed %1.").replace("%1", f"{route.source} → {route.target}"),
            changed=True,
        )

    def fetch_index(self, url: str) -> None:
        QSettings().setValue(INDEX_URL_KEY, url)
        self.status.setText(self.tr("Reading the package index…"))
        self._run(
            lambda: fetch_index(url, timeout=30),
            self._index_arrived,
            error=lambda exc: self._finish(False, error_text(exc)),
        )

    def install_index_entry(self, row: int) -> None:
        if not 0 <= row < len(self.available.packages):
            return
        package = self.available.packages[row]
        cancel = threading.Event()
        self._cancel = cancel
        self.progress.setRange(0, 0)
        self.progress.show()
        self.cancel.show()
        last = [0.0]

        def progress(received: int, total: int | None) -> None:  # on the package thread
            now = time.monotonic()
            if now - last[0] >= PROGRESS_INTERVAL_S or (total and received >= total):
                last[0] = now
                self._relay.post(self, self._show_progress, (received, total))

        self._operation(
            lambda: install_from_index(
                package, self._package_dir, progress=progress, cancel=cancel
            ),
            self.tr("Installed %1."),
            changed=True,
        )

    def cancel_download(self) -> None:
        if self._cancel is not None:
            self._cancel.set()

    # -- plumbing --------------------------------------------------------------

    def _run(
        self,
        work: Callable[[], Any],
        done: Callable[[Any], None],
        *,
        error: Callable[[Exception], None] | None = None,
    ) -> None:
        def job() -> None:
            try:
                result = work()
            except Exception as exc:  # shown in the dialog, never lost
                self._relay.post(self, error or (lambda e: self._finish(False, str(e))), exc)
            else:
                self._relay.post(self, done, result)

        self._pool.submit(job)

    def _operation(self, work: Callable[[], Any], success: str, *, changed: bool) -> None:
        self._set_busy(True)

        def done(result: Any) -> None:
            name = (
                f"{result.from_code} → {result.to_code}" if isinstance(result, PackageInfo) else ""
            )
            self._finish(True, success.replace("%1", name))
            if changed:
                self.models_changed.emit()
            self.refresh()

        def failed(exc: Exception) -> None:
            reason = error_text(exc) if isinstance(exc, PackageError | OSError) else repr(exc)
            self._finish(False, reason)
            self.refresh()

        self._run(work, done, error=failed)

    def _finish(self, ok: bool, message: str) -> None:
        self._set_busy(False)
        set_role(self.status, None if ok else "error")
        self.status.setText(message)
        self.finished_operation.emit(ok, message)

    def _set_busy(self, busy: bool) -> None:
        for button in (self.install_file, self.install_folder, self.remove, self.fetch):
            button.setEnabled(not busy)
        self.install_selected.setEnabled(not busy)
        if not busy:
            self.progress.hide()
            self.cancel.hide()
            self._cancel = None

    def _show_progress(self, state: tuple[int, int | None]) -> None:
        received, total = state
        if total:
            self.progress.setRange(0, 1000)
            self.progress.setValue(int(1000 * received / total))
        self.progress.setFormat(f"{received / 1e6:.1f} MB")

    def _index_arrived(self, packages: list[PackageInfo]) -> None:
        self.available.set_packages(packages)
        self._finish(True, self.tr("%n package(s) available.", "", len(packages)))

    def _install_selected_entry(self) -> None:
        self.install_index_entry(self.available_view.currentIndex().row())

    def _choose_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Install a translation model"), "", self.tr("Argos models (*.argosmodel)")
        )
        if path:
            self.install_from_path(Path(path))

    def _choose_folder(self) -> None:
        path = QFileDialog.getExistingDirectory(self, self.tr("Install an unpacked model"))
        if path:
            self.install_from_path(Path(path))

    def done(self, result: int) -> None:
        self.cancel_download()
        self._pool.shutdown(wait=False, cancel_futures=True)
        super().done(result)
