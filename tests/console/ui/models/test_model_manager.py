"""The model manager installs, lists and removes real (tiny) Argos packages."""

from __future__ import annotations

import http.server
import json
import threading
from collections.abc import Iterator
from functools import partial
from pathlib import Path

import pytest
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from console.ui.models.model_manager import ModelManagerDialog
from translation.argos_builder import build_package, zip_package


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("argos")
    folder = build_package(root / "translate-de_en", "de", "en", seed=7)
    return zip_package(folder, root / "translate-de_en-1_0.argosmodel")


@pytest.fixture
def dialog(qtbot: QtBot, tmp_path: Path) -> Iterator[ModelManagerDialog]:
    manager = ModelManagerDialog(tmp_path / "packages")
    qtbot.addWidget(manager)
    qtbot.waitUntil(lambda: manager.installed.rowCount() >= 0, timeout=5000)
    yield manager
    manager.reject()


def _argos_pairs(dialog: ModelManagerDialog) -> list[tuple[str, str]]:
    return [(r.source, r.target) for r in dialog.installed.routes if r.engine == "argos"]


def _wait_op(qtbot: QtBot, dialog: ModelManagerDialog, action: object) -> tuple[bool, str]:
    with qtbot.waitSignal(dialog.finished_operation, timeout=60_000) as blocker:
        action()  # type: ignore[operator]
    ok, message = blocker.args
    qtbot.wait(200)  # the list refresh that follows
    return ok, message


def test_install_then_remove(
    qtbot: QtBot, qtmodeltester: ModelTester, dialog: ModelManagerDialog, archive: Path
) -> None:
    changes: list[bool] = []
    dialog.models_changed.connect(lambda: changes.append(True))
    ok, message = _wait_op(qtbot, dialog, partial(dialog.install_from_path, archive))
    assert ok, message
    qtbot.waitUntil(lambda: _argos_pairs(dialog) == [("de", "en")], timeout=5000)
    qtmodeltester.check(dialog.installed)
    row = next(i for i, r in enumerate(dialog.installed.routes) if r.engine == "argos")
    dialog.installed_view.selectRow(row)
    ok, message = _wait_op(qtbot, dialog, dialog.remove_selected)
    assert ok, message
    qtbot.waitUntil(lambda: _argos_pairs(dialog) == [], timeout=5000)
    assert changes == [True, True]


def test_corrupt_package_is_refused_and_installed_ones_stay(
    qtbot: QtBot, dialog: ModelManagerDialog, archive: Path, tmp_path: Path
) -> None:
    assert _wait_op(qtbot, dialog, partial(dialog.install_from_path, archive))[0]
    broken = tmp_path / "translate-de_en-2_0.argosmodel"
    broken.write_bytes(archive.read_bytes()[: len(archive.read_bytes()) // 2])
    ok, message = _wait_op(qtbot, dialog, partial(dialog.install_from_path, broken))
    assert not ok and message
    qtbot.waitUntil(lambda: _argos_pairs(dialog) == [("de", "en")], timeout=5000)


class _Files(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def test_index_on_loopback_lists_and_installs(
    qtbot: QtBot, qtmodeltester: ModelTester, dialog: ModelManagerDialog, archive: Path
) -> None:
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), partial(_Files, directory=str(archive.parent))
    )
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    index = [
        {
            "type": "translate",
            "from_code": "de",
            "to_code": "en",
            "package_version": "1.0",
            "links": [f"{base}/{archive.name}"],
        }
    ]
    (archive.parent / "index.json").write_text(json.dumps(index))
    try:
        assert _wait_op(qtbot, dialog, partial(dialog.fetch_index, f"{base}/index.json"))[0]
        assert dialog.available.rowCount() == 1
        qtmodeltester.check(dialog.available)
        ok, message = _wait_op(qtbot, dialog, partial(dialog.install_index_entry, 0))
        assert ok, message
        qtbot.waitUntil(lambda: _argos_pairs(dialog) == [("de", "en")], timeout=5000)
    finally:
        server.shutdown()
