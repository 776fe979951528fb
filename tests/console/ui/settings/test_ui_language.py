"""English and Simplified Chinese are complete; switching applies at once.

Two checks keep the Chinese UI complete as code changes:
- every string the window asks Qt to translate has a zh_CN translation;
- no visible piece of window chrome is left in English (which would catch
  strings that never went through tr() at all).
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, Qt, QTranslator
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QWidget,
)
from pytestqt.qtbot import QtBot

import locales
from console.ui.common.data_label import DATA_PROPERTY
from console.ui.lanes.store_executor import StoreExecutor
from console.ui.main_window import MainWindow
from console.ui.settings.settings_dialog import LANGUAGE_NATIVE_NAMES, SettingsDialog
from console.ui.settings.ui_language import UiLanguage, resolve_language

UI_SOURCES = Path(__file__).resolve().parents[4] / "console" / "ui"
CJK = re.compile(r"[\u4e00-\u9fff]")
LATIN_WORD = re.compile(r"[A-Za-z]{2,}")
#: Chrome that is the same in every language.
LANGUAGE_NEUTRAL = {name for _, name in LANGUAGE_NATIVE_NAMES}


class RecordingTranslator(QTranslator):
    """Installed last so Qt asks it first; it only records and lets the next one answer."""

    def __init__(self) -> None:
        super().__init__()
        self.requests: set[tuple[str, str, str | None, int]] = set()

    def translate(  # type: ignore[override]
        self, context: str, source: str, disambiguation: str | None = None, n: int = -1
    ) -> str:
        self.requests.add((context, source, disambiguation, n))
        return ""

    def isEmpty(self) -> bool:
        return False


@pytest.fixture
def recorder(qapp: object) -> Iterator[RecordingTranslator]:
    translator = RecordingTranslator()
    QCoreApplication.installTranslator(translator)
    yield translator
    QCoreApplication.removeTranslator(translator)


def _our_contexts() -> set[str]:
    """Translation contexts of the console's own code (Qt's are Qt's business)."""
    contexts: set[str] = set()
    for path in UI_SOURCES.rglob("*.py"):
        source = path.read_text(encoding="utf-8")
        contexts.update(re.findall(r"^class (\w+)\(", source, flags=re.MULTILINE))
        contexts.update(re.findall(r'translate\(\s*"(\w+)"', source))
    return contexts


def test_catalog_sources_have_every_translation() -> None:
    tree = ET.parse(locales.source_path("zh_CN"))
    problems = []
    for message in tree.iter("message"):
        source = message.findtext("source")
        translation = message.find("translation")
        assert translation is not None
        forms = [f.text for f in translation.findall("numerusform")] or [translation.text]
        if translation.get("type") in ("unfinished", "vanished", "obsolete") or not all(forms):
            problems.append(source)
    assert problems == []


def _chrome_texts(window: QWidget) -> list[tuple[str, str]]:
    """(where, text) of every visible piece of window chrome."""
    texts: list[tuple[str, str]] = [("title", window.windowTitle())]
    for widget in window.findChildren(QWidget):
        if not widget.isVisibleTo(window) or widget.property(DATA_PROPERTY):
            continue
        name = f"{type(widget).__name__}#{widget.objectName()}"
        if isinstance(widget, QLabel):
            texts.append((name, widget.text()))
        if isinstance(widget, QAbstractButton):
            texts.append((name, widget.text()))
        if isinstance(widget, QGroupBox):
            texts.append((name, widget.title()))
        if isinstance(widget, QLineEdit | QPlainTextEdit):
            texts.append((name, widget.placeholderText()))
        if isinstance(widget, QComboBox) and widget.count():
            texts.append((name, widget.itemText(0)))
        if widget.toolTip():
            texts.append((f"{name} tooltip", widget.toolTip()))
    for menu in window.findChildren(QMenu):
        texts.append(("menu", menu.title()))
        texts.extend(("action", action.text()) for action in menu.actions() if action.text())
    if isinstance(window, MainWindow):
        model = window.inbox_model
        for column in range(model.columnCount()):
            header = model.headerData(column, Qt.Orientation.Horizontal)
            texts.append(("inbox header", header or ""))
    return texts


def _untranslated(texts: list[tuple[str, str]]) -> list[tuple[str, str]]:
    return [
        (where, text)
        for where, text in texts
        if text
        and LATIN_WORD.search(re.sub(r"Ctrl\+\w+|&", "", text))
        and not CJK.search(text)
        and text not in LANGUAGE_NEUTRAL
    ]


def test_every_visible_string_in_the_main_window_has_a_zh_cn_translation(
    qtbot: QtBot,
    executor: StoreExecutor,
    translations: UiLanguage,
    recorder: RecordingTranslator,
) -> None:
    translations.apply("zh_CN")
    window = MainWindow(executor, translations)
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.ready, timeout=15_000):
        window.show()
    window.inbox_view.viewport().repaint()
    window.conversation.thread_view.viewport().repaint()
    dialog = SettingsDialog(language="system", agents=[(1, "Li Wei")], agent_id=1, parent=window)
    qtbot.addWidget(dialog)

    assert _untranslated(_chrome_texts(window)) == []
    assert _untranslated(_chrome_texts(dialog)) == []
    catalog = QTranslator()
    assert catalog.load(str(locales.catalog_path("zh_CN")))
    ours = _our_contexts()
    assert {"MainWindow", "DisplayNames", "InboxModel"} <= ours
    missing = sorted(
        (context, source)
        for context, source, disambiguation, n in recorder.requests
        if context in ours and not catalog.translate(context, source, disambiguation, n)
    )
    assert missing == []
    assert window.count_label.text() == "60 个会话"
    qtbot.waitUntil(lambda: executor.pending == 0, timeout=5000)


def test_switching_language_retranslates_the_open_window(
    qtbot: QtBot, window: MainWindow, translations: UiLanguage
) -> None:
    assert window.filter_bar.search.placeholderText().startswith("Search")
    window.apply_settings("zh_CN", window.controller.agent_id)
    qtbot.waitUntil(lambda: window.filter_bar.search.placeholderText().startswith("搜索"))
    assert window.conversation.composer.send_button.text() == "发送"
    assert window.inbox_model.headerData(1, Qt.Orientation.Horizontal) == "客户"
    assert window.windowTitle() == "客服工作台"
    # The conversation's actions (header buttons, menus) follow too: they are QActions.
    assert window.conversation_actions.resolve_action.text().replace("&", "").startswith("解决")
    qtbot.waitUntil(lambda: window.controller.translation_language == "zh")
    window.apply_settings("en", window.controller.agent_id)
    qtbot.waitUntil(lambda: window.conversation.composer.send_button.text() == "Send")


def test_system_locale_decides_when_set_to_system(monkeypatch: pytest.MonkeyPatch) -> None:
    from PySide6.QtCore import QLocale

    monkeypatch.setattr(QLocale, "system", staticmethod(lambda: QLocale("zh_CN")))
    assert resolve_language("system") == "zh_CN"
    monkeypatch.setattr(QLocale, "system", staticmethod(lambda: QLocale("de_DE")))
    assert resolve_language("system") == "en"
    assert resolve_language("zh_CN") == "zh_CN"


def test_settings_dialog_offers_languages_and_agents(qtbot: QtBot) -> None:
    dialog = SettingsDialog(language="zh_CN", agents=[(1, "Li Wei"), (2, "Chen Jing")], agent_id=2)
    qtbot.addWidget(dialog)
    assert dialog.chosen_language() == "zh_CN"
    assert dialog.chosen_agent() == 2
    dialog.language.setCurrentIndex(dialog.language.findData("system"))
    dialog.agent.setCurrentIndex(0)
    assert (dialog.chosen_language(), dialog.chosen_agent()) == ("system", 1)
