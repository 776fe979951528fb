"""Quality review from clicks: the lead opens the queue and a review, scores by clicking,
types a comment and submits; the agent reviewed then reads it in "My reviews"."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QRadioButton, QTableView
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from console.demo.generator import DEMO_NOW
from console.quality import (
    MET,
    PASSED,
    ensure_default_rubric,
    reviewer_queue,
    sample_weeks,
    submit_review,
)
from console.store.models import Agent
from console.store.quality_tables import QualityComment, QualityReview
from console.ui.main_window import MainWindow
from console.ui.quality.quality_scores import QualityScores
from console.ui.quality.quality_window import QualityWindow
from console.ui.quality.review_screen import ReviewScreen


def _click_choice(qtbot: QtBot, button: QRadioButton) -> None:
    """Click the round indicator (a radio button's text ends before its widget does)."""
    qtbot.waitUntil(button.isVisible, timeout=3000)  # shown once the card is laid out
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton, pos=QPoint(7, button.height() // 2))


def _click_row(qtbot: QtBot, table: QTableView, row: int) -> None:
    rect = table.visualRect(table.model().index(row, 1))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def _open(qtbot: QtBot, window: MainWindow, agent_name: str) -> QualityWindow:
    agent_id = next(a.id for a in window._agents if a.name == agent_name)
    window.apply_settings("en", agent_id)
    quality = window.open_quality_review()
    qtbot.waitUntil(lambda: quality.access.agent_id == agent_id, timeout=10_000)
    return quality


def test_a_lead_scores_a_sampled_conversation_and_the_agent_reads_it(
    qtbot: QtBot, window: MainWindow
) -> None:
    store = window._executor.store
    with store.session() as session:
        rubric = ensure_default_rubric(session)
        # The demo's weeks are drawn (the demo generator does so too; each week once).
        sample_weeks(session, (DEMO_NOW - timedelta(days=60)).date(), DEMO_NOW.date())
    quality = _open(qtbot, window, "Li Wei")
    qtbot.waitUntil(lambda: quality.queue_model.rowCount() > 0, timeout=10_000)
    waiting = quality.queue_model.rowCount()
    entry = quality.queue_model.row_at(0)
    assert entry is not None and "conversations to review" in quality.queue_note.text()

    _click_row(qtbot, quality.queue, 0)
    assert quality.open_button.isEnabled()
    qtbot.mouseClick(quality.open_button, Qt.MouseButton.LeftButton)
    screen = quality.review
    assert isinstance(screen, ReviewScreen)
    qtbot.waitUntil(lambda: screen.material is not None, timeout=10_000)
    assert quality.tabs.currentWidget() is screen
    assert screen.messages.rowCount() > 0 and not screen.submit_button.isEnabled()
    assert "choose an answer" in screen.total_label.text()

    for item in rubric.items:
        if item.auto_fail:
            continue
        choice = "partly" if item.key == "policy_correct" else "met"
        button = screen.findChild(QRadioButton, f"score_{item.key}_{choice}")
        assert button is not None
        screen.card_scroll.ensureWidgetVisible(button)  # scrolled to, as a person would
        _click_choice(qtbot, button)
    assert screen.total_label.text() == "Score: 87.5"  # 10.5 of 12
    failed = screen.findChild(QRadioButton, "score_wrong_language_failed")
    passed = screen.findChild(QRadioButton, "score_wrong_language_passed")
    assert failed is not None and passed is not None
    screen.card_scroll.ensureWidgetVisible(failed)
    _click_choice(qtbot, failed)
    assert screen.total_label.text() == "Score: 0 (auto-fail)"
    _click_choice(qtbot, passed)
    assert screen.total_label.text() == "Score: 87.5"
    qtbot.mouseClick(screen.comment, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(screen.comment, "Name the return deadline as the law says.")
    assert screen.submit_button.isEnabled()
    with qtbot.waitSignal(quality.review_submitted, timeout=10_000):
        qtbot.mouseClick(screen.submit_button, Qt.MouseButton.LeftButton)
    assert quality.review is None and quality.tabs.currentWidget() is quality.queue_page
    assert quality.status.text() == f"Review of {entry.agent} submitted: 87.5."
    qtbot.waitUntil(lambda: quality.queue_model.rowCount() == waiting - 1, timeout=10_000)
    with store.session() as session:
        review = session.scalars(select(QualityReview)).one()
        comment = session.scalars(select(QualityComment)).one()
        reviewer = session.get(Agent, review.reviewer_id)
    assert (review.total, review.conversation_id) == (87.5, entry.conversation_id)
    assert comment.text == "Name the return deadline as the law says."
    assert reviewer is not None and reviewer.name == "Li Wei"
    quality.close()

    mine = _open(qtbot, window, entry.agent)
    qtbot.waitUntil(lambda: mine.mine_model.rowCount() == 1, timeout=10_000)
    assert "Only quality reviewers" in mine.queue_note.text()
    qtbot.mouseClick(mine.tabs.tabBar(), Qt.MouseButton.LeftButton,
                     pos=mine.tabs.tabBar().tabRect(1).center())  # fmt: skip
    assert mine.tabs.currentWidget() is mine.mine_page
    with qtbot.waitSignal(mine.detail_shown, timeout=10_000):
        _click_row(qtbot, mine.mine, 0)
    text = mine.detail.text()
    assert text.startswith("Li Wei reviewed this conversation on ") and ": 87.5." in text
    assert "Stated the return, refund and warranty rules correctly: partly" in text
    assert "Replied in a language the customer did not write: did not happen" in text
    assert "Li Wei: Name the return deadline as the law says." in text
    mine.close()


def test_the_team_dashboard_hosts_the_quality_scores(qtbot: QtBot, window: MainWindow) -> None:
    store = window._executor.store
    with store.session() as session:
        rubric = ensure_default_rubric(session)
        sample_weeks(session, (DEMO_NOW - timedelta(days=60)).date(), DEMO_NOW.date())
        lead = session.scalars(select(Agent.id).where(Agent.name == "Li Wei")).one()
        entry = reviewer_queue(session, lead)[0]
        scores = {i.id: (PASSED if i.auto_fail else MET) for i in rubric.items}
        submit_review(
            session, entry.assignment_id, reviewer_id=lead,
            rubric_version_id=rubric.version_id, scores=scores,
        )  # fmt: skip
    dashboard = window.open_team_dashboard()
    quality = dashboard.findChild(QualityScores)
    assert quality is not None
    bar = dashboard.tabs.tabBar()
    index = dashboard.tabs.indexOf(quality)
    assert dashboard.tabs.tabText(index) == "Quality"
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(index).center())
    assert dashboard.tabs.currentWidget() is quality
    qtbot.waitUntil(lambda: quality.model.rowCount() == 1, timeout=10_000)
    row = quality.model.row_at(0)
    assert row is not None and (row.group, row.reviews, row.average) == (entry.agent, 1, 100.0)
    dashboard.close()


def test_a_submitted_review_reaches_the_scores_on_the_team_dashboard(
    qtbot: QtBot, window: MainWindow
) -> None:
    """The review window and the dashboard share nothing but the change bus."""
    store = window._executor.store
    with store.session() as session:
        rubric = ensure_default_rubric(session)
        sample_weeks(session, (DEMO_NOW - timedelta(days=60)).date(), DEMO_NOW.date())
    dashboard = window.open_team_dashboard()
    scores = dashboard.findChild(QualityScores)
    assert scores is not None
    qtbot.waitUntil(lambda: scores.model.rowCount() == 0 and not scores._due, timeout=10_000)
    quality = _open(qtbot, window, "Li Wei")
    qtbot.waitUntil(lambda: quality.queue_model.rowCount() > 0, timeout=10_000)
    entry = quality.queue_model.row_at(0)
    assert entry is not None
    _click_row(qtbot, quality.queue, 0)
    qtbot.mouseClick(quality.open_button, Qt.MouseButton.LeftButton)
    screen = quality.review
    assert isinstance(screen, ReviewScreen)
    qtbot.waitUntil(lambda: screen.material is not None, timeout=10_000)
    for item in rubric.items:
        key = f"score_{item.key}_{'passed' if item.auto_fail else 'met'}"
        button = screen.findChild(QRadioButton, key)
        assert button is not None
        screen.card_scroll.ensureWidgetVisible(button)
        _click_choice(qtbot, button)
    assert screen.submit_button.isEnabled()
    with qtbot.waitSignal(scores.loaded, timeout=10_000, check_params_cb=lambda n: n == 1):
        qtbot.mouseClick(screen.submit_button, Qt.MouseButton.LeftButton)
    row = scores.model.row_at(0)
    assert row is not None and (row.group, row.reviews, row.average) == (entry.agent, 1, 100.0)
    quality.close()
    dashboard.close()
