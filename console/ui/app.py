"""Start the Qt application on an open store."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QSettings, QTimer
from PySide6.QtGui import QGuiApplication, QIcon
from PySide6.QtWidgets import QApplication, QMessageBox

from console.paths import APP_NAME, RESOURCES_DIR
from console.store import Store
from console.ui.common.problem_texts import error_text
from console.ui.lanes.store_executor import StoreExecutor
from console.ui.main_window import MainWindow
from console.ui.settings.ui_language import UiLanguage, saved_choice

ORGANIZATION = "SupportConsole"
SCREENSHOT_TIMEOUT_MS = 60_000
SCREENSHOT_SIZE = (1280, 720)  # what a support laptop shows
SCREENSHOT_PANES = (500, 480, 300)


def _has_display() -> bool:
    return bool(
        os.environ.get("QT_QPA_PLATFORM")
        or os.environ.get("DISPLAY")
        or os.environ.get("WAYLAND_DISPLAY")
    )


def application() -> QApplication:
    """The QApplication, created once with the console's identity and style."""
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv[:1])
    QCoreApplication.setOrganizationName(ORGANIZATION)
    QCoreApplication.setApplicationName(APP_NAME)
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    app.setStyle("Fusion")
    app.setWindowIcon(QIcon(str(RESOURCES_DIR / "icons" / "app.svg")))
    app.setStyleSheet((RESOURCES_DIR / "styles" / "console.qss").read_text(encoding="utf-8"))
    return app


def run(store: Store, *, screenshot: Path | None = None, language: str | None = None) -> int:
    if screenshot is not None and not _has_display():
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    if not _has_display():
        print(
            "support-console: no display found. Run it in a desktop session, or use "
            "--screenshot PATH to render the window off screen.",
            file=sys.stderr,
        )
        return 1
    app = application()
    ui_language = UiLanguage(app)
    ui_language.apply(language or saved_choice())
    executor = StoreExecutor(store)
    window = MainWindow(executor, ui_language)
    if screenshot is not None:
        # A picture for docs and checks: a fixed size, and the user's saved
        # layout is neither used nor overwritten.
        window.persist_layout = False
        window.start_channels = False
        window.resize(*SCREENSHOT_SIZE)
        window.splitter.setSizes(list(SCREENSHOT_PANES))
        _arrange_screenshot(app, window, screenshot)
    else:
        window.fit_to_screen()
    window.show()
    code = app.exec()
    if window.persist_layout:
        window.save_layout()
    window.shutdown()
    executor.shutdown()
    return code


def _arrange_screenshot(app: QApplication, window: MainWindow, path: Path) -> None:
    def save() -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        if window.grab().save(str(path)):
            print(f"screenshot saved to {path}")
            app.exit(0)
        else:
            print(f"support-console: could not write {path}", file=sys.stderr)
            app.exit(1)

    def give_up() -> None:
        print("support-console: the window did not finish loading in time", file=sys.stderr)
        app.exit(1)

    def when_settled() -> None:
        # The customer panel's sections (local time, rules) load after the thread:
        # wait until the store has nothing left to do, then let the rows paint.
        if window.store_idle():
            QTimer.singleShot(150, save)
        else:
            QTimer.singleShot(50, when_settled)

    window.ready.connect(when_settled)
    QTimer.singleShot(SCREENSHOT_TIMEOUT_MS, give_up)


def show_fatal_error(message: str | BaseException) -> None:
    """Tell the user why the console cannot start, in a dialog when a screen is there.

    An error carrying a problem (a StoreError) is worded in the UI language.
    """
    if not _has_display() or os.environ.get("QT_QPA_PLATFORM") == "offscreen":
        return
    app = application()
    if QGuiApplication.platformName() == "offscreen":
        return
    UiLanguage(app).apply(saved_choice())
    QMessageBox.critical(
        None,
        QCoreApplication.translate("Startup", "Support Console cannot open its store"),
        message if isinstance(message, str) else error_text(message),
    )
