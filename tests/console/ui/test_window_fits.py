"""The window never opens larger than the screen it is on, and fits 1,280×720."""

from __future__ import annotations

from console.ui.main_window import MainWindow


def test_the_window_can_be_as_small_as_a_1280_by_720_screen(window: MainWindow) -> None:
    smallest = window.minimumSizeHint().expandedTo(window.minimumSize())
    assert smallest.width() <= 1280 and smallest.height() <= 720 - 40  # a panel or title bar


def test_a_large_window_shrinks_to_the_screen_keeping_pane_proportions(window: MainWindow) -> None:
    room = window.screen().availableGeometry()
    window.resize(room.width() + 600, room.height() + 300)
    window.splitter.setSizes([600, 520, 360])
    before = window.splitter.sizes()
    window.fit_to_screen()
    smallest = window.minimumSizeHint().expandedTo(window.minimumSize())
    assert window.width() <= max(room.width(), smallest.width())
    assert window.height() <= max(room.height(), smallest.height())
    after = window.splitter.sizes()
    assert all(size > 0 for size in after)
    # The inbox stays the widest pane, the customer panel the narrowest.
    assert after.index(max(after)) == before.index(max(before))
    assert after.index(min(after)) == before.index(min(before))
