"""Paints a message as a bubble: who/language/channel/time, the text, its translation."""

from __future__ import annotations

import html
from collections import OrderedDict
from typing import Any

from PySide6.QtCore import (
    QCoreApplication,
    QDateTime,
    QLocale,
    QModelIndex,
    QPersistentModelIndex,
    QRectF,
    QSize,
    Qt,
)
from PySide6.QtGui import QAbstractTextDocumentLayout, QColor, QPainter, QPalette, QTextDocument
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from console.inbox.queries import MessageView
from console.store.models import Direction
from console.translations.service import LOW_CONFIDENCE
from console.ui.display_names import channel_name, direction_name, language_name
from console.ui.thread_model import MessageRole

Index = QModelIndex | QPersistentModelIndex

MARGIN = 8
PADDING = 10
BUBBLE_SHARE = 0.82
_INBOUND_FILL = QColor("#f1f3f4")
_OUTBOUND_FILL = QColor("#e3effd")
_SELECTED_BORDER = QColor("#1a73e8")


def message_html(message: MessageView) -> str:
    """The bubble's rich text. Message text is escaped: it never becomes markup."""
    who = message.author_name if message.direction is Direction.OUTBOUND else None
    meta = [direction_name(message.direction) + (f" ({html.escape(who)})" if who else "")]
    if message.language:
        language = f"{html.escape(language_name(message.language))} [{message.language}]"
        if message.language_confidence is not None and message.language_confidence < LOW_CONFIDENCE:
            uncertain = QCoreApplication.translate("MessageDelegate", "uncertain")
            language += f' <span style="color:#b06000">({html.escape(uncertain)})</span>'
        meta.append(language)
    meta.append(html.escape(channel_name(message.channel)))
    sent = QDateTime.fromSecsSinceEpoch(int(message.sent_at.timestamp())).toLocalTime()
    local = QLocale().toString(sent, QLocale.FormatType.ShortFormat)
    meta.append(html.escape(local))
    parts = [
        f'<div style="color:#5f6368; font-size:small">{" · ".join(meta)}</div>',
        f'<div style="margin-top:4px">{_paragraphs(message.text)}</div>',
    ]
    if message.translation is not None:
        label = QCoreApplication.translate("MessageDelegate", "Translation")
        parts.append(
            '<div style="margin-top:6px; color:#1e4620">'
            f"<b>{html.escape(label)}</b> "
            f'<span style="color:#5f6368">({html.escape(message.translation.engine)})</span><br>'
            f"{_paragraphs(message.translation.text)}</div>"
        )
    return "".join(parts)


def _paragraphs(text: str) -> str:
    return html.escape(text).replace("\n", "<br>")


class MessageDelegate(QStyledItemDelegate):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._documents: OrderedDict[tuple[MessageView, int, str], QTextDocument] = OrderedDict()

    def clear_cache(self) -> None:
        self._documents.clear()

    def _document(self, message: MessageView, width: int) -> QTextDocument:
        key = (message, width, QLocale().name())
        document = self._documents.get(key)
        if document is None:
            document = QTextDocument()
            document.setDocumentMargin(0)
            document.setHtml(message_html(message))
            document.setTextWidth(width)
            self._documents[key] = document
            if len(self._documents) > 400:
                self._documents.popitem(last=False)
        return document

    @staticmethod
    def _bubble_width(option: QStyleOptionViewItem) -> int:
        return max(160, int(option.rect.width() * BUBBLE_SHARE))

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        message: MessageView | None = index.data(MessageRole)
        if message is None:
            return super().sizeHint(option, index)
        width = self._bubble_width(option)
        document = self._document(message, width - 2 * PADDING)
        height = int(document.size().height()) + 2 * PADDING + 2 * MARGIN
        return QSize(option.rect.width(), height)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        message: MessageView | None = index.data(MessageRole)
        if message is None:
            super().paint(painter, option, index)
            return
        width = self._bubble_width(option)
        document = self._document(message, width - 2 * PADDING)
        height = document.size().height() + 2 * PADDING
        inbound = message.direction is Direction.INBOUND
        left = option.rect.left() + MARGIN if inbound else option.rect.right() - MARGIN - width
        bubble = QRectF(left, option.rect.top() + MARGIN, width, height)

        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        painter.setPen(_SELECTED_BORDER if selected else Qt.PenStyle.NoPen)
        painter.setBrush(_INBOUND_FILL if inbound else _OUTBOUND_FILL)
        painter.drawRoundedRect(bubble, 10, 10)
        painter.translate(bubble.left() + PADDING, bubble.top() + PADDING)
        context = QAbstractTextDocumentLayout.PaintContext()
        context.palette.setColor(
            QPalette.ColorRole.Text, option.palette.color(QPalette.ColorRole.Text)
        )
        document.documentLayout().draw(painter, context)
        painter.restore()
