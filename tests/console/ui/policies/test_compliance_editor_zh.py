"""The rules editor in the Chinese UI: the role message and the history's field names."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QCoreApplication, Qt, QTranslator
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from console.policies.rules import NOT_COMPLIANCE
from console.problems import TEMPLATES
from console.store import Store
from console.store.models import Agent, AgentRole
from console.ui.lanes.store_executor import StoreExecutor
from console.ui.policies.compliance_editor import ComplianceEditor
from console.ui.settings.ui_language import UiLanguage

CJK = re.compile(r"[\u4e00-\u9fff]")
#: The Chinese wording proposed for the role message (the catalog gets it at the next build).
ROLE_ZH = "{name} 不属于合规团队；只有合规人员可以编辑规则。"


class RoleWording(QTranslator):
    """Words the role problem in Chinese, as the catalog will; asks nothing else."""

    def translate(
        self, context: str, source: str, disambiguation: str | None = None, n: int = -1
    ) -> str | None:
        if context == "Problem" and source == TEMPLATES[NOT_COMPLIANCE]:
            return ROLE_ZH
        return None  # not ours: the next translator (the catalog) answers

    def isEmpty(self) -> bool:
        return False


@pytest.fixture
def chinese(translations: UiLanguage) -> Iterator[None]:
    translations.apply("zh_CN")
    wording = RoleWording()
    QCoreApplication.installTranslator(wording)
    yield
    QCoreApplication.removeTranslator(wording)
    translations.apply("en")


def _agent(store: Store, role: AgentRole) -> tuple[int, str]:
    with store.session() as session:
        agent = session.scalars(select(Agent).where(Agent.role == role)).first()
        assert agent is not None
        return agent.id, agent.name


def _click_row(qtbot: QtBot, view: object, row: int) -> None:
    from PySide6.QtWidgets import QTableView

    assert isinstance(view, QTableView)
    rect = view.visualRect(view.model().index(row, 0))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def test_chinese_ui_words_the_role_message_and_names_history_fields_by_their_labels(
    qtbot: QtBot, executor: StoreExecutor, demo_store: Store, chinese: None
) -> None:
    agent_id, name = _agent(demo_store, AgentRole.AGENT)
    editor = ComplianceEditor(executor, agent_id)
    qtbot.addWidget(editor)
    editor.show()
    qtbot.waitUntil(lambda: editor.markets.rowCount() > 0 and not editor.access.can_edit)
    banner = editor.banner.text()
    assert ROLE_ZH.format(name=name) in banner, banner
    assert "compliance" not in banner and "role" not in banner

    row = editor.markets.row_of("DE")
    _click_row(qtbot, editor.markets_view, row)
    qtbot.waitUntil(
        lambda: (newest := editor.versions.version(0)) is not None and newest.market_code == "DE",
        timeout=10_000,
    )
    editor.tabs.setCurrentIndex(1)
    _click_row(qtbot, editor.versions_view, editor.versions.rowCount() - 1)  # the seed version
    qtbot.waitUntil(lambda: editor.diff.toPlainText() != "")
    diff = editor.diff.toPlainText()
    seed = editor.versions.index(editor.versions.rowCount() - 1, 0)
    tooltip = seed.data(Qt.ItemDataRole.ToolTipRole)
    assert tooltip is not None and tooltip.strip() == diff.strip()  # the same labels
    label = QCoreApplication.translate("ComplianceEditor", "Withdrawal period")
    assert CJK.search(label), "the catalog words the form's labels in Chinese"
    line = QCoreApplication.translate("ComplianceEditor", "{field}: {old} → {new}")
    assert line.split("{old}")[0].format(field=label) in diff, diff
    # No field is named by its key: every line starts with a label.
    assert not re.search(r"^[a-z_]+(\.[a-z_]+)*：", diff, re.M), diff
    # Raw choice values read as the form's choice labels.
    assert QCoreApplication.translate("ComplianceEditor", "Calendar days") in diff
    assert " days\n" not in diff + "\n"
