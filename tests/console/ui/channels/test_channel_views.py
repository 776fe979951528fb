"""Channel views: the settings dialog (keyring), the import preview, and their models."""

from __future__ import annotations

import json
from pathlib import Path

from factories import MemoryKeyring
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from console.channels.admin import channel_configs, preview_table, saved_mapping
from console.channels.credentials import KEYRING_SERVICE, keyring_account
from console.channels.importer import import_path
from console.channels.mapping import ColumnMapping
from console.store.channel_tables import ChannelConfig
from console.ui.app_state import AppState
from console.ui.channels.channel_models import ChannelConfigModel, MappingPreviewModel
from console.ui.channels.channel_settings import ChannelSettingsDialog
from console.ui.channels.mapping_preview import MappingPreviewDialog
from console.ui.lanes.store_executor import StoreExecutor


def test_settings_dialog_keeps_the_password_in_the_keyring_only(
    qtbot: QtBot,
    executor: StoreExecutor,
    memory_keyring: MemoryKeyring,
    translations: object,
    seat: AppState,
) -> None:
    dialog = ChannelSettingsDialog(executor, state=seat, parent=_host(qtbot))
    dialog.name.setText("Shop mailbox")
    dialog.kind.setCurrentIndex(dialog.kind.findData("imap"))
    dialog.host.setText("imap.shop.example")
    dialog.username.setText("support@shop.example")
    dialog.secret.setText("hunter2-very-secret")
    dialog.folders.setText("INBOX, Orders")
    with qtbot.waitSignal(dialog.saved, timeout=5000):
        dialog.save()
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 1, timeout=5000)
    assert memory_keyring.secrets == {
        (KEYRING_SERVICE, keyring_account("imap", "Shop mailbox")): "hunter2-very-secret"
    }
    assert dialog.secret.text() == ""
    with executor.store.session() as session:
        (config,) = channel_configs(session)
        raw = session.scalars(select(ChannelConfig)).one()
        assert "hunter2" not in json.dumps(raw.settings)
    assert config.settings["folders"] == ["INBOX", "Orders"]
    assert config.settings["port"] == 993 and config.settings["mark_seen"] is False
    dbfile = Path(str(executor.store.url.database))
    assert b"hunter2" not in dbfile.read_bytes()


def test_settings_dialog_shows_a_refusal(
    qtbot: QtBot, executor: StoreExecutor, memory_keyring: MemoryKeyring, translations: object
) -> None:
    dialog = ChannelSettingsDialog(executor, parent=_host(qtbot))
    dialog.name.setText("  ")
    dialog.save()
    qtbot.waitUntil(lambda: "needs a name" in dialog.status.text(), timeout=5000)
    assert memory_keyring.secrets == {}


def test_channel_config_model(qtmodeltester: object, executor: StoreExecutor) -> None:
    from console.channels.admin import save_channel_config

    with executor.store.session() as session:
        save_channel_config(session, name="hook", kind="webhook", settings={"port": 9}, actor="t")
        save_channel_config(session, name="out", kind="smtp", settings={"port": 587}, actor="t")
        configs = channel_configs(session)
    model = ChannelConfigModel()
    model.set_configs(configs)
    qtmodeltester.check(model)  # type: ignore[attr-defined]
    assert model.row_of("out") == 1


CSV = "Kunde;Zeit;Nachricht;Bestellung\nanna_k;2026-11-01 10:00;Wo ist mein Paket?;A-1\nanna_k;;ohne Zeit;A-1\n"


def test_mapping_preview_model(qtmodeltester: object, tmp_path: Path) -> None:
    path = tmp_path / "export.csv"
    path.write_text(CSV, encoding="utf-8")
    mapping = ColumnMapping(columns={"handle": "Kunde", "timestamp": "Zeit", "text": "Nachricht"})
    model = MappingPreviewModel()
    model.set_preview(preview_table(path, mapping=mapping))
    qtmodeltester.check(model)  # type: ignore[attr-defined]
    assert model.rowCount() == 2 and model.columnCount() == 4
    assert model.index(0, 3).data() == "OK"
    assert model.index(1, 3).data() == "Row 3 has no time sent."


def test_mapping_preview_dialog_maps_saves_and_the_import_uses_it(
    qtbot: QtBot, executor: StoreExecutor, tmp_path: Path, translations: object, seat: AppState
) -> None:
    path = tmp_path / "export.csv"
    path.write_text(CSV, encoding="utf-8")
    dialog = MappingPreviewDialog(executor, path, state=seat, parent=_host(qtbot))
    qtbot.waitUntil(lambda: dialog.mapping is not None, timeout=5000)
    assert "No column chosen for" in dialog.status.text()  # German headers are not guessed
    assert not dialog.save_button.isEnabled()
    for name, column in (("handle", "Kunde"), ("timestamp", "Zeit"), ("text", "Nachricht"),
                         ("order_number", "Bestellung")):  # fmt: skip
        combo = dialog.choices[name]
        with qtbot.waitSignal(dialog.previewed, timeout=5000):
            combo.setCurrentIndex(combo.findData(column))
    assert dialog.model.rowCount() == 2
    assert "1 of the first rows would be quarantined" in dialog.status.text()
    with qtbot.waitSignal(dialog.mapping_saved, timeout=5000):
        dialog.save_button.click()
    with executor.store.session() as session:
        saved = saved_mapping(session, path)
    assert saved is not None and saved.columns["order_number"] == "Bestellung"
    report = import_path(executor.store, path)
    assert (report.imported, report.quarantined) == (1, 1)


def _host(qtbot: QtBot) -> QWidget:
    """A parent owned by the test, as the main window owns views in the app.

    A view owned by Python alone could be destroyed on the store thread when a
    finished job drops the last reference to it.
    """
    host = QWidget()
    qtbot.addWidget(host)
    _HOSTS.append(host)
    return host


_HOSTS: list[QWidget] = []
