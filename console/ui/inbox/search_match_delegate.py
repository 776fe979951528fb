"""Paints the inbox's subject cell under a search: where it matched, then the words, marked.

A match in a stored translation starts with a chip saying which ("⇄ Chinese"),
then "…quiero un reembolso…" with the matched words on a highlight, so an agent
sees at a glance why a conversation is in the results and in which language it
matched. The tooltip says it in full.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPalette, QTextCharFormat, QTextLayout
from PySide6.QtWidgets import QApplication, QStyle, QStyledItemDelegate, QStyleOptionViewItem

from console.ui.common import palette
from console.ui.inbox.inbox_model import SearchMatch, SearchMatchRole

_GAP = 6
_CHIP_PADDING = 6


class SearchMatchDelegate(QStyledItemDelegate):
    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        found = index.data(SearchMatchRole)
        if not isinstance(found, tuple):
            super().paint(painter, option, index)
            return
        label_text, match = found
        assert isinstance(match, SearchMatch)
        self.initStyleOption(option, index)
        option.text = ""
        style = option.widget.style() if option.widget is not None else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, option, painter, option.widget)
        rect = QRectF(option.rect).adjusted(4, 0, -4, 0)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        painter.save()
        painter.setClipRect(option.rect)
        # A match in a stored translation gets a small chip saying which ("⇄ Chinese"); a
        # match in the message as written needs none: the Language column says its language.
        label_width: float = -_GAP
        if match.place.in_translation:
            label_font = QFont(option.font)
            label_font.setPointSizeF(option.font.pointSizeF() * 0.85)
            label = _line(label_text, label_font, [])
            label_width = label.boundingRect().width() + 2 * _CHIP_PADDING
            chip = QRectF(rect.left(), rect.center().y() - 9, label_width, 18)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(palette.ACCENT_SOFT)
            painter.drawRoundedRect(chip, 8, 8)
            self._draw(painter, label, chip.adjusted(_CHIP_PADDING, 0, 0, 0), palette.ACCENT)
        formats = []
        for start, end in match.excerpt.spans:
            marked = QTextLayout.FormatRange()
            marked.start, marked.length = start, end - start
            char_format = QTextCharFormat()
            char_format.setBackground(palette.HIGHLIGHT)
            char_format.setForeground(palette.TEXT)
            marked.format = char_format
            formats.append(marked)
        words = _line(match.excerpt.text, option.font, formats)
        self._draw(painter, words, rect.adjusted(label_width + _GAP, 0, 0, 0),
                   option.palette.color(role))  # fmt: skip
        painter.restore()

    @staticmethod
    def _draw(painter: QPainter, layout: QTextLayout, rect: QRectF, color: QColor) -> None:
        painter.setPen(color)
        height = layout.boundingRect().height()
        layout.draw(painter, QPointF(rect.left(), rect.top() + (rect.height() - height) / 2))


def _line(text: str, font: QFont, formats: list[Any]) -> QTextLayout:
    layout = QTextLayout(text, font)
    layout.setFormats(formats)
    layout.beginLayout()
    line = layout.createLine()
    line.setLineWidth(100_000)
    layout.endLayout()
    return layout
