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
from console.team.connection import from_url, is_team_url
from console.team.people import PersonView
from console.ui.common.problem_texts import error_text
from console.ui.lanes.store_executor import StoreExecutor
from console.ui.main_window import AGENT_KEY, MainWindow
from console.ui.settings.ui_language import UiLanguage, saved_choice
from console.ui.team.local_profile import (
    LocalProfileDialog,
    needs_local_profile,
    remember_local_profile,
)
from console.ui.team.saved_connection import saved_connection, saved_password
from console.ui.team.sign_in_dialog import SignInDialog

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


def run(
    store: Store,
    *,
    screenshot: Path | None = None,
    language: str | None = None,
    person: PersonView | None = None,
) -> int:
    """The window on ``store``: ``person`` signed in (team mode), else the local profile."""
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
    if screenshot is None and person is None and store.is_sqlite:
        _choose_local_profile(store, executor)
    seats = _Seats(ui_language)
    window = seats.open(store, person, executor)
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
    seats.finish()
    return code


class _Seats:
    """The window of this run, and the next one when *Connect to team store…* reopens it."""

    def __init__(self, ui_language: UiLanguage) -> None:
        self._ui_language = ui_language
        self.window: MainWindow | None = None
        self.executor: StoreExecutor | None = None
        self._opened: list[Store] = []  # stores this run opened (the first is the caller's)

    def open(self, store: Store, person: PersonView | None, executor: StoreExecutor) -> MainWindow:
        window = MainWindow(executor, self._ui_language, person=person)
        window.seat.team_store_opened.connect(self.switch)
        self.window, self.executor = window, executor
        return window

    def switch(self, store: Store, person: PersonView) -> None:
        old_window, old_executor = self.window, self.executor
        self._opened.append(store)
        window = self.open(store, person, StoreExecutor(store))
        window.fit_to_screen()
        window.show()
        if old_window is not None and old_executor is not None:
            old_window.close()  # saves its layout
            old_window.shutdown()
            old_executor.shutdown()
            old_window.deleteLater()
            if old_executor.store in self._opened[:-1]:
                old_executor.store.close()

    def finish(self) -> None:
        if self.window is not None and self.executor is not None:
            if self.window.persist_layout:
                self.window.save_layout()
            self.window.shutdown()
            self.executor.shutdown()
            if self.executor.store in self._opened:
                self.executor.store.close()


def _choose_local_profile(store: Store, executor: StoreExecutor) -> None:
    """A single seat's first start on a store: who works here (remembered for the store)."""
    if not needs_local_profile(store.name):
        return
    dialog = LocalProfileDialog(executor)
    dialog.exec()
    if dialog.chosen is not None:
        remember_local_profile(store.name, dialog.chosen.id, agent_key=AGENT_KEY)


def _settings_identity() -> None:
    QCoreApplication.setOrganizationName(ORGANIZATION)
    QCoreApplication.setApplicationName(APP_NAME)
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)


def run_team_seat(url: str | None, *, language: str | None = None) -> int | None:
    """Team mode's start: the sign-in, then the window as that person.

    ``url``: a PostgreSQL store URL (its user and password fill the sign-in), or None
    for the connection saved by *File → Connect to team store…*. Returns None when
    this is not a team start (an SQLite URL, or no URL and nothing saved).
    """
    if url is not None and not is_team_url(url):
        return None
    _settings_identity()
    if url is None:
        saved = saved_connection()
        if saved is None:
            return None
        connection, password = saved, saved_password(saved)
    else:
        connection, password = from_url(url)
    if not _has_display():
        print(
            "support-console: no display found. Team mode signs in in a desktop session.",
            file=sys.stderr,
        )
        return 1
    app = application()
    UiLanguage(app).apply(language or saved_choice())
    dialog = SignInDialog(connection, password)
    if dialog.exec() != SignInDialog.DialogCode.Accepted or dialog.store is None:
        return 1
    store = dialog.store
    try:
        return run(store, language=language, person=dialog.person)
    finally:
        store.close()


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
