"""The UI language: which catalogs are installed, following system or settings."""

from __future__ import annotations

import logging
from pathlib import Path

import PySide6
from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QSettings, Qt, QTranslator

import locales

LANGUAGE_KEY = "ui/language"
SYSTEM = "system"
log = logging.getLogger(__name__)


def resolve_language(choice: str | None) -> str:
    """A concrete UI language ("en" or "zh_CN") for a setting value."""
    if choice in locales.UI_LANGUAGES:
        return choice
    system = QLocale.system()
    if system.language() == QLocale.Language.Chinese:
        return "zh_CN"
    return "en"


def qt_catalog_dirs() -> list[str]:
    """Where Qt's own catalogs (qtbase_zh_CN.qm ...) may be: Qt's configured path first,
    then where PySide6 wheels put them (Qt/translations on Linux and macOS, translations
    on Windows), for a Qt whose configured path is wrong (relocated or frozen builds)."""
    package = Path(PySide6.__file__).resolve().parent
    candidates = [
        QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath),
        str(package / "Qt" / "translations"),
        str(package / "translations"),
    ]
    return [path for i, path in enumerate(candidates) if path and path not in candidates[:i]]


def saved_choice() -> str:
    value = QSettings().value(LANGUAGE_KEY, SYSTEM)
    return str(value) if value else SYSTEM


def save_choice(choice: str) -> None:
    QSettings().setValue(LANGUAGE_KEY, choice)


class UiLanguage:
    """Installs the console's and Qt's own catalogs for one language at a time."""

    def __init__(self, app: QCoreApplication) -> None:
        self._app = app
        self._installed: list[QTranslator] = []
        self.language = "en"

    def apply(self, choice: str | None) -> str:
        language = resolve_language(choice)
        for translator in self._installed:
            self._app.removeTranslator(translator)
        self._installed.clear()
        self._install(str(locales.catalog_path(language)))
        if language != "en" and not self._install_qt(language):
            log.warning("Qt's own catalog for %s is missing: Qt's dialogs stay English", language)
        # A native file dialog speaks the system's language, not the one chosen here.
        QCoreApplication.setAttribute(
            Qt.ApplicationAttribute.AA_DontUseNativeDialogs,
            language != resolve_language(SYSTEM),
        )
        QLocale.setDefault(QLocale(language))
        self.language = language
        return language

    def _install_qt(self, language: str) -> bool:
        """Qt's catalog: standard buttons, file and message dialogs, context menus."""
        for directory in qt_catalog_dirs():
            translator = QTranslator(self._app)
            if translator.load(f"qtbase_{language}", directory):
                self._app.installTranslator(translator)
                self._installed.append(translator)
                return True
        return False

    def _install(self, path: str, *, required: bool = True) -> None:
        translator = QTranslator(self._app)
        if translator.load(path):
            self._app.installTranslator(translator)
            self._installed.append(translator)
        elif required:
            log.warning("UI catalog %s is missing; run `python -m locales build`", path)
