"""In the Chinese UI the keyring's failure, the mapping preview's missing columns and the
customer's address reach the window worded by the UI, not as the core's English."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import keyring
import pytest
from keyring.backend import KeyringBackend
from keyring.errors import KeyringError
from PySide6.QtCore import QCoreApplication, Qt, QTranslator
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from console.channels.credentials import KEYRING_STORE_FAILED
from console.channels.importer import import_path
from console.inbox.queries import conversation_detail
from console.problems import TEMPLATES
from console.store.models import Conversation, Customer
from console.ui.app_state import AppState
from console.ui.channels.channel_models import field_title
from console.ui.channels.channel_settings import ChannelSettingsDialog
from console.ui.channels.mapping_preview import MappingPreviewDialog
from console.ui.common.problem_texts import CONTEXT
from console.ui.customers.customer_panel import CustomerPanel
from console.ui.lanes.store_executor import StoreExecutor
from console.ui.settings.ui_language import UiLanguage

SECRET = "hunter2-very-secret"
#: Chinese wordings of this task's codes, as a translator words them in the catalog.
CHINESE = {
    KEYRING_STORE_FAILED: "系统钥匙串无法保存该密码（{reason}），未保存任何内容。",
    "import.preview_unchosen": "以下字段尚未选择列：{fields}。",
}


class CatalogEntries(QTranslator):
    """Answers the ``Problem`` context for the codes above; everything else falls through."""

    def translate(
        self, context: str, source: str, disambiguation: str | None = None, n: int = -1
    ) -> str | None:
        if context == CONTEXT:
            for code, wording in CHINESE.items():
                if TEMPLATES[code] == source:
                    return wording
        return None  # a null string: the next translator (the real catalog) answers

    def isEmpty(self) -> bool:
        return False


class RefusingKeyring(KeyringBackend):
    priority = 1

    def get_password(self, service: str, username: str) -> str | None:
        raise KeyringError("the collection is locked")

    def set_password(self, service: str, username: str, password: str) -> None:
        raise KeyringError(f"org.freedesktop.Secret.Error.IsLocked: {password} not stored")

    def delete_password(self, service: str, username: str) -> None:
        raise KeyringError("the collection is locked")


@pytest.fixture
def chinese(translations: UiLanguage) -> Iterator[None]:
    translations.apply("zh_CN")
    entries = CatalogEntries()
    QCoreApplication.installTranslator(entries)
    yield
    QCoreApplication.removeTranslator(entries)


@pytest.fixture
def refusing_keyring() -> Iterator[None]:
    previous = keyring.get_keyring()
    keyring.set_keyring(RefusingKeyring())
    yield
    keyring.set_keyring(previous)


def test_a_keyring_that_refuses_is_worded_in_chinese_without_the_secret(
    qtbot: QtBot, executor: StoreExecutor, chinese: None, refusing_keyring: None, seat: AppState
) -> None:
    host = _host(qtbot)
    dialog = ChannelSettingsDialog(executor, state=seat, parent=host)
    host.show()
    qtbot.keyClicks(dialog.name, "Shop mailbox")
    qtbot.keyClicks(dialog.host, "imap.shop.example")
    qtbot.keyClicks(dialog.username, "support@shop.example")
    qtbot.keyClicks(dialog.secret, SECRET)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "系统钥匙串" in dialog.status.text(), timeout=5000)
    shown = dialog.status.text()
    assert shown.startswith("系统钥匙串无法保存该密码（org.freedesktop.Secret.Error.IsLocked")
    assert SECRET not in shown and "cannot" not in shown


def test_the_preview_names_missing_columns_in_chinese(
    qtbot: QtBot, executor: StoreExecutor, chinese: None, tmp_path: Path
) -> None:
    path = tmp_path / "export.csv"
    path.write_bytes(b"Kunde;Zeit;Nachricht\nanna_k;2026-11-01 10:00;Wo?\n")
    dialog = MappingPreviewDialog(executor, path, parent=_host(qtbot))
    qtbot.waitUntil(lambda: dialog.mapping is not None, timeout=5000)
    titles = [field_title(name) for name in ("text", "timestamp", "handle")]
    assert all(not title.isascii() for title in titles)  # the catalog words the fields
    assert dialog.status.text() == f"以下字段尚未选择列：{', '.join(titles)}。"
    assert not dialog.save_button.isEnabled()


def test_the_customer_panel_shows_the_imported_address(
    qtbot: QtBot, executor: StoreExecutor, translations: UiLanguage, tmp_path: Path
) -> None:
    path = tmp_path / "orders.csv"
    address = "上海市浦东新区世纪大道100号 <b>20楼</b>"
    path.write_bytes(
        f"买家昵称,买家留言,发送时间,收货地址\nxiao_ming,到哪了？,2026-11-01 10:00,{address}\n".encode()
    )
    assert import_path(executor.store, path).imported == 1
    with executor.store.session() as session:
        customer_id = session.scalars(select(Customer.id).where(Customer.name == "xiao_ming")).one()
        conversation_id = session.scalars(
            select(Conversation.id).where(Conversation.customer_id == customer_id)
        ).one()
        detail = conversation_detail(session, conversation_id)
    assert detail is not None
    panel = CustomerPanel(_host(qtbot))
    panel.show_customer(detail.customer)
    assert panel.address.text() == address
    assert panel.address.textFormat() == Qt.TextFormat.PlainText
    panel.show_customer(None)
    assert panel.address.text() == ""


def _host(qtbot: QtBot) -> QWidget:
    """A parent the test keeps, so no view is destroyed on the store thread."""
    host = QWidget()
    qtbot.addWidget(host)
    _HOSTS.append(host)
    return host


_HOSTS: list[QWidget] = []
