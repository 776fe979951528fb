"""The inbox model: lazy paging of rows, filters and sorting done by the store."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from console.inbox.queries import InboxFilter
from console.store.models import ConversationStatus, Customer
from console.ui.inbox.inbox_model import CUSTOMER, STATUS, ConversationIdRole, InboxModel
from console.ui.lanes.store_executor import StoreExecutor


def _loaded_model(qtbot: QtBot, executor: StoreExecutor, page_size: int = 80) -> InboxModel:
    model = InboxModel(executor)
    model.PAGE_SIZE = page_size
    with qtbot.waitSignal(model.ids_loaded, timeout=5000):
        model.reload()
    return model


def _fetch_all(qtbot: QtBot, model: InboxModel) -> None:
    for row in range(model.rowCount()):
        model.index(row, CUSTOMER).data()
    qtbot.waitUntil(
        lambda: all(
            model.cached_row(model.conversation_id(r) or -1) for r in range(model.rowCount())
        ),
        timeout=5000,
    )


def test_model_passes_qt_model_tester(
    qtbot: QtBot, qtmodeltester: ModelTester, executor: StoreExecutor
) -> None:
    model = _loaded_model(qtbot, executor)
    qtmodeltester.check(model)
    _fetch_all(qtbot, model)
    qtmodeltester.check(model)


def test_rows_are_fetched_a_page_at_a_time(qtbot: QtBot, executor: StoreExecutor) -> None:
    model = _loaded_model(qtbot, executor, page_size=10)
    assert model.rowCount() == 60
    first_id, middle_id, last_id = (model.conversation_id(row) for row in (0, 25, 59))
    assert first_id is not None and middle_id is not None and last_id is not None
    assert model.cached_row(first_id) is not None  # the first page comes with the ids
    assert model.index(9, CUSTOMER).data() != "…"
    assert model.cached_row(middle_id) is None  # ids only until a view asks
    assert model.index(25, CUSTOMER).data() == "…"
    with qtbot.waitSignal(model.page_loaded, timeout=5000):
        pass
    assert model.cached_row(middle_id) is not None
    assert model.cached_row(last_id) is None  # other pages were never asked for
    assert model.index(25, CUSTOMER).data() != "…"


def test_filter_by_status_and_search(qtbot: QtBot, executor: StoreExecutor) -> None:
    model = _loaded_model(qtbot, executor)
    with qtbot.waitSignal(model.ids_loaded, timeout=5000):
        model.apply_filter(InboxFilter(status=ConversationStatus.OPEN))
    assert 0 < model.rowCount() < 60
    _fetch_all(qtbot, model)
    # High and urgent conversations show their priority beside the status.
    statuses = {model.index(r, STATUS).data().split(" · ")[0] for r in range(model.rowCount())}
    assert statuses == {"Open"}

    with qtbot.waitSignal(model.ids_loaded, timeout=5000):
        model.apply_filter(InboxFilter(search="zzzz-no-such-word"))
    assert model.rowCount() == 0


def test_sorting_by_customer_is_done_by_the_store(qtbot: QtBot, executor: StoreExecutor) -> None:
    model = _loaded_model(qtbot, executor)
    with qtbot.waitSignal(model.ids_loaded, timeout=5000):
        model.sort(CUSTOMER, Qt.SortOrder.AscendingOrder)
    ids = [model.index(r, 0).data(ConversationIdRole) for r in range(model.rowCount())]
    with executor.store.session() as session:
        names = dict(session.execute(select(Customer.id, Customer.name)).all())
    _fetch_all(qtbot, model)
    shown = [model.index(r, CUSTOMER).data() for r in range(model.rowCount())]
    assert len(ids) == 60
    assert shown == sorted(shown)
    assert set(shown) <= set(names.values())
