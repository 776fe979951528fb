"""File → Import: choose files or a folder, watch the count, read the result.

The import runs on the file lane (``console/ui/lanes/file_lane.py``): reading files
must neither freeze the window nor hold up the store lane that every other view
waits on. Its batches are stored in their own short transactions; once it ends,
the store lane's change bus hears that the inbox's listing changed.
A CSV or JSON export goes through the column mapping preview first.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
)

from console.channels.importer import ImportReport
from console.ui.app_state import AppState
from console.ui.channels.mapping_preview import MappingPreviewDialog
from console.ui.channels.operations import import_messages
from console.ui.common.follows_ui_language import FollowsUiLanguage
from console.ui.common.problem_texts import error_text, problem_text
from console.ui.lanes.store_executor import StoreExecutor

#: Exports whose columns are mapped in the preview before they are imported.
TABLE_SUFFIXES = (".csv", ".tsv", ".json", ".jsonl", ".ndjson")
PROGRESS_MS = 100
#: Between paths typed into the field.
SEPARATOR = ";"


class ImportDialog(FollowsUiLanguage, QDialog):
    #: The import ended (its report); the change bus has heard of it.
    imported = Signal(object)

    def __init__(
        self,
        executor: StoreExecutor,
        *,
        state: AppState | None = None,
        parent: Any = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("importDialog")
        self._executor = executor
        #: Who is working: the import is recorded for them.
        self.state = state or AppState(self)
        self._stop = threading.Event()
        self._running = False
        self._count = 0  # written by the file lane's thread, read by the timer
        self.report: ImportReport | None = None
        self.result_box: QMessageBox | None = None

        self.intro = QLabel(self)
        self.intro.setWordWrap(True)
        self.path_edit = QLineEdit(self)
        self.path_edit.setObjectName("importPath")
        self.path_edit.setClearButtonEnabled(True)
        self.files_button = QPushButton(self)
        self.files_button.setObjectName("chooseFilesButton")
        self.folder_button = QPushButton(self)
        self.folder_button.setObjectName("chooseFolderButton")
        self.progress = QProgressBar(self)
        self.progress.setObjectName("importProgress")
        self.progress.setRange(0, 0)  # how many items there are is not known beforehand
        self.progress.setTextVisible(False)
        self.progress.hide()
        self.status = QLabel(self)
        self.status.setObjectName("importStatus")
        self.status.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.import_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.ActionRole)
        self.import_button.setObjectName("startImportButton")
        self.import_button.setDefault(True)
        self.stop_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.ActionRole)
        self.stop_button.setObjectName("stopImportButton")
        self.stop_button.hide()

        choose = QHBoxLayout()
        choose.addWidget(self.path_edit, 1)
        choose.addWidget(self.files_button)
        choose.addWidget(self.folder_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(choose)
        layout.addWidget(self.progress)
        layout.addWidget(self.status)
        layout.addStretch(1)
        layout.addWidget(self.buttons)

        self._ticker = QTimer(self)
        self._ticker.setInterval(PROGRESS_MS)
        self._ticker.timeout.connect(self._show_count)
        self.files_button.clicked.connect(self.choose_files)
        self.folder_button.clicked.connect(self.choose_folder)
        self.import_button.clicked.connect(self.start)
        self.stop_button.clicked.connect(self._stop.set)
        self.buttons.rejected.connect(self.reject)
        self.path_edit.textChanged.connect(self._update_buttons)
        self.path_edit.returnPressed.connect(self.start)
        self.resize(640, 220)
        self.ui_language_changed()

    def ui_language_changed(self) -> None:
        self.setWindowTitle(self.tr("Import messages"))
        self.intro.setText(
            self.tr(
                "Choose e-mail files (.eml), mailbox files (.mbox), a folder of them "
                "(sub-folders included) or a CSV or JSON export. Several files can be "
                "typed separated by “;”."
            )
        )
        self.path_edit.setPlaceholderText(self.tr("A file or folder to import"))
        self.files_button.setText(self.tr("Choose &files…"))
        self.folder_button.setText(self.tr("Choose f&older…"))
        self.import_button.setText(self.tr("&Import"))
        self.stop_button.setText(self.tr("&Stop"))
        if self.running:
            self._show_count()
        self._update_buttons()

    @property
    def running(self) -> bool:
        return self._running

    def paths(self) -> list[Path]:
        parts = (part.strip() for part in self.path_edit.text().split(SEPARATOR))
        return [Path(part).expanduser() for part in parts if part]

    # -- choosing -----------------------------------------------------------

    def _file_dialog(self, title: str) -> QFileDialog:
        # Qt's own dialog: it speaks the UI language (a native one follows the system's).
        dialog = QFileDialog(self, title)
        dialog.setObjectName("importFileDialog")
        dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
        start = self.paths()
        if start:
            first = start[0]
            dialog.setDirectory(str(first if first.is_dir() else first.parent))
        return dialog

    def choose_files(self) -> None:
        dialog = self._file_dialog(self.tr("Choose files to import"))
        dialog.setFileMode(QFileDialog.FileMode.ExistingFiles)
        dialog.setNameFilters(
            [
                self.tr("Mail and exports (*.eml *.mbox *.mbx *.csv *.tsv *.json *.jsonl)"),
                self.tr("All files (*)"),
            ]
        )
        dialog.filesSelected.connect(
            lambda files: self.path_edit.setText(f"{SEPARATOR} ".join(files))
        )
        dialog.open()

    def choose_folder(self) -> None:
        dialog = self._file_dialog(self.tr("Choose a folder to import"))
        dialog.setFileMode(QFileDialog.FileMode.Directory)
        dialog.setOption(QFileDialog.Option.ShowDirsOnly, True)
        dialog.fileSelected.connect(self.path_edit.setText)
        dialog.open()

    # -- importing ----------------------------------------------------------

    def start(self) -> None:
        paths = self.paths()
        if not paths or self.running:
            return
        tables = [path for path in paths if path.suffix.lower() in TABLE_SUFFIXES]
        if tables and len(paths) == 1:
            preview = MappingPreviewDialog(self._executor, paths[0], state=self.state, parent=self)
            preview.setObjectName("importMappingPreview")
            preview.mapping_saved.connect(preview.accept)  # the mapping is what it was for
            preview.mapping_saved.connect(lambda _mapping: self._run(paths))
            preview.finished.connect(preview.deleteLater)
            preview.open()
            return
        if tables:
            self.status.setText(
                self.tr("Import a CSV or JSON export on its own, so its columns can be checked.")
            )
            return
        self._run(paths)

    def _run(self, paths: list[Path]) -> None:
        self._stop.clear()
        self._count = 0
        self.report = None

        def count(items: int) -> None:  # on the file lane's thread
            self._count = items

        self._running = True
        self.progress.show()
        self.stop_button.show()
        self._show_count()
        self._update_buttons()
        self._ticker.start()
        import_messages(
            parent=self,
            paths=paths,
            actor=self.state.actor,
            progress=count,
            stop=self._stop,
            finished=self._finished,
        ).run(self._executor)

    def _show_count(self) -> None:
        self.status.setText(self.tr("%n item(s) read so far…", "", self._count))

    def _finished(self, outcome: ImportReport | BaseException) -> None:
        self._running = False
        self._ticker.stop()
        self.progress.hide()
        self.stop_button.hide()
        self._update_buttons()
        box = QMessageBox(self)
        box.setObjectName("importResult")
        box.setWindowTitle(self.tr("Import finished"))
        if isinstance(outcome, BaseException):
            self.status.setText(error_text(outcome))
            box.setIcon(QMessageBox.Icon.Warning)
            box.setText(self.tr("Nothing could be imported."))
            box.setInformativeText(error_text(outcome))
        else:
            self.report = outcome
            self.status.setText(self.result_text(outcome))
            box.setIcon(
                QMessageBox.Icon.Warning
                if outcome.quarantined or outcome.notices
                else QMessageBox.Icon.Information
            )
            box.setText(self.result_text(outcome))
            notices = [problem_text(notice) for notice in outcome.notices]
            if notices:
                box.setInformativeText("\n".join(notices))
            self.imported.emit(outcome)
        box.setStandardButtons(QMessageBox.StandardButton.Ok)
        box.finished.connect(box.deleteLater)
        if not isinstance(outcome, BaseException):
            box.finished.connect(self.accept)  # read: the import is done with
        self.result_box = box
        box.open()

    def result_text(self, report: ImportReport) -> str:
        """The counts, worded in the UI language."""
        lines = [
            self.tr("%n message(s) imported.", "", report.imported),
            self.tr("%n duplicate(s) skipped (already in the inbox).", "", report.duplicates),
        ]
        if report.quarantined:
            lines.append(
                self.tr(
                    "%n item(s) could not be read and wait in View → Quarantine.",
                    "",
                    report.quarantined,
                )
            )
        return "\n".join(lines)

    def _update_buttons(self) -> None:
        self.import_button.setEnabled(bool(self.paths()) and not self.running)
        self.files_button.setEnabled(not self.running)
        self.folder_button.setEnabled(not self.running)
        self.path_edit.setReadOnly(self.running)

    def reject(self) -> None:
        if self.running:  # closing stops the import; the result still shows
            self._stop.set()
            return
        super().reject()
