"""Paints a message as a bubble: who/language/channel/time, the text, its translation.

A reply on its way out also shows its delivery state (held for undo, queued,
scheduled in both clocks, sending, sent, failed with the reason, or that no
channel can deliver it). Its links ("Undo", "Retry") are clicked in the thread:
the delegate emits :attr:`MessageDelegate.undo_requested` or
:attr:`MessageDelegate.retry_requested`.
"""

from __future__ import annotations

import html
from collections import OrderedDict
from datetime import datetime
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QCoreApplication,
    QDateTime,
    QEvent,
    QLocale,
    QModelIndex,
    QPersistentModelIndex,
    QPoint,
    QPointF,
    QRect,
    QRectF,
    QSize,
    Qt,
    QTimeZone,
    Signal,
)
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QMouseEvent,
    QPainter,
    QPalette,
    QTextDocument,
)
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from console.inbox import outgoing
from console.inbox.outgoing import Delivery
from console.inbox.queries import MessageView
from console.store.models import Direction
from console.translations.service import LOW_CONFIDENCE
from console.ui.common import palette
from console.ui.common.display_names import channel_name, direction_name, language_name
from console.ui.common.problem_texts import problem_text
from console.ui.conversation.thread_model import MessageRole, shown_text

Index = QModelIndex | QPersistentModelIndex

MARGIN = 8
PADDING = 10
BUBBLE_SHARE = 0.82
_INBOUND_FILL = palette.SURFACE
_OUTBOUND_FILL = palette.ACCENT_SOFT
_SELECTED_BORDER = palette.ACCENT
_PROBLEM_COLOUR = palette.ERROR_DARK.name()
_MUTED_COLOUR = palette.MUTED.name()
_DONE_COLOUR = palette.OK.name()
_WARNING_COLOUR = palette.WARNING.name()
_TRANSLATION_COLOUR = palette.OK_DARK.name()
UNDO_LINK, RETRY_LINK = "undo", "retry"


def _when(moment: datetime, zone: str | None = None) -> str:
    """A moment in the agent's clock (or in ``zone``), in the UI locale's short format."""
    seconds = int(moment.timestamp())
    if zone:
        shown = QDateTime.fromSecsSinceEpoch(seconds, QTimeZone(zone.encode()))
    else:
        shown = QDateTime.fromSecsSinceEpoch(seconds).toLocalTime()
    return QLocale().toString(shown, QLocale.FormatType.ShortFormat)


def _link(href: str, label: str) -> str:
    return f'<a href="{href}">{html.escape(label)}</a>'


def delivery_html(message: MessageView) -> str:
    """The delivery state line of a reply (empty for messages not sent through the outbox)."""
    delivery: Delivery | None = message.delivery
    if delivery is None:
        return ""
    colour = _MUTED_COLOUR
    link = ""
    state = delivery.state
    if state == outgoing.HELD and delivery.at is not None:
        leaves = QDateTime.fromSecsSinceEpoch(int(delivery.at.timestamp())).toLocalTime()
        text = QCoreApplication.translate(
            "MessageDelegate", "Queued: leaves the outbox at %1"
        ).replace("%1", QLocale().toString(leaves.time(), QLocale.FormatType.LongFormat))
        link = _link(
            f"{UNDO_LINK}:{message.id}", QCoreApplication.translate("MessageDelegate", "Undo")
        )
    elif state == outgoing.SCHEDULED and delivery.at is not None:
        text = QCoreApplication.translate("MessageDelegate", "Scheduled: %1 your time").replace(
            "%1", _when(delivery.at)
        )
        if message.their_zone:
            text = (
                QCoreApplication.translate(
                    "MessageDelegate", "Scheduled: %1 their time (%2 your time)"
                )
                .replace("%1", _when(delivery.at, message.their_zone))
                .replace("%2", _when(delivery.at))
            )
    elif state == outgoing.QUEUED:
        text = QCoreApplication.translate("MessageDelegate", "Queued: waiting to be sent")
        if delivery.reason:
            text += " · " + QCoreApplication.translate("MessageDelegate", "last try: %1").replace(
                "%1", delivery.reason
            )
    elif state == outgoing.SENDING:
        text = QCoreApplication.translate("MessageDelegate", "Sending…")
    elif state == outgoing.SENT:
        colour = _DONE_COLOUR
        text = QCoreApplication.translate("MessageDelegate", "Sent")
        if delivery.at is not None:
            text = QCoreApplication.translate("MessageDelegate", "Sent %1").replace(
                "%1", _when(delivery.at)
            )
    elif state == outgoing.EXPORT:
        text = QCoreApplication.translate(
            "MessageDelegate", "Queued: waiting to be exported from the outbox"
        )
    elif state == outgoing.EXPORTED:
        colour = _DONE_COLOUR
        text = QCoreApplication.translate("MessageDelegate", "Exported for sending")
        if delivery.at is not None:
            text = QCoreApplication.translate("MessageDelegate", "Exported for sending %1").replace(
                "%1", _when(delivery.at)
            )
    elif state == outgoing.FAILED:
        colour = _PROBLEM_COLOUR
        text = QCoreApplication.translate("MessageDelegate", "Failed: %1").replace(
            "%1",
            delivery.reason or QCoreApplication.translate("MessageDelegate", "no reason given"),
        )
        link = _link(
            f"{RETRY_LINK}:{delivery.entry_id}",
            QCoreApplication.translate("MessageDelegate", "Retry"),
        )
    elif state == outgoing.UNDELIVERABLE and delivery.problem is not None:
        colour = _PROBLEM_COLOUR
        text = QCoreApplication.translate("MessageDelegate", "Not sent: %1").replace(
            "%1", problem_text(delivery.problem)
        )
    else:
        return ""
    parts = html.escape(text) + (f" &nbsp;<b>{link}</b>" if link else "")
    return (
        f'<div style="margin-top:6px; color:{colour}; font-size:small" '
        f'class="delivery">{parts}</div>'
    )


def message_html(message: MessageView) -> str:
    """The bubble's rich text. Message text is escaped: it never becomes markup."""
    who = message.author_name if message.direction is Direction.OUTBOUND else None
    meta = [direction_name(message.direction) + (f" ({html.escape(who)})" if who else "")]
    if message.language:
        language = f"{html.escape(language_name(message.language))} [{message.language}]"
        if message.language_confidence is not None and message.language_confidence < LOW_CONFIDENCE:
            uncertain = QCoreApplication.translate("MessageDelegate", "uncertain")
            language += f' <span style="color:{_WARNING_COLOUR}">({html.escape(uncertain)})</span>'
        meta.append(language)
    meta.append(html.escape(channel_name(message.channel)))
    sent = QDateTime.fromSecsSinceEpoch(int(message.sent_at.timestamp())).toLocalTime()
    local = QLocale().toString(sent, QLocale.FormatType.ShortFormat)
    meta.append(html.escape(local))
    parts = [
        f'<div style="color:{_MUTED_COLOUR}; font-size:small">{" · ".join(meta)}</div>',
        f'<div style="margin-top:4px">{_body(message)}</div>',
    ]
    if message.direction is Direction.OUTBOUND:
        parts.append(delivery_html(message))
    if message.translation is not None:
        label = QCoreApplication.translate("MessageDelegate", "Translation")
        parts.append(
            f'<div style="margin-top:6px; color:{_TRANSLATION_COLOUR}">'
            f"<b>{html.escape(label)}</b> "
            f'<span style="color:{_MUTED_COLOUR}">'
            f"({html.escape(message.translation.engine)})</span><br>"
            f"{_paragraphs(message.translation.text)}</div>"
        )
    return "".join(parts)


def _body(message: MessageView) -> str:
    """The text, or what stands in for a text that was erased."""
    if message.erased_at is None:
        return _paragraphs(message.text)
    return f'<i style="color:{_MUTED_COLOUR}">{html.escape(shown_text(message))}</i>'


def _paragraphs(text: str) -> str:
    return html.escape(text).replace("\n", "<br>")


class MessageDelegate(QStyledItemDelegate):
    #: The agent clicked "Retry" on a failed reply (its outbox entry id).
    retry_requested = Signal(int)
    #: The agent clicked "Undo" on a reply still in its undo window (its message id).
    undo_requested = Signal(int)

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

    def _bubble(self, rect: QRect, message: MessageView) -> tuple[QRectF, QTextDocument]:
        width = max(160, int(rect.width() * BUBBLE_SHARE))
        document = self._document(message, width - 2 * PADDING)
        height = document.size().height() + 2 * PADDING
        inbound = message.direction is Direction.INBOUND
        left = rect.left() + MARGIN if inbound else rect.right() - MARGIN - width
        return QRectF(left, rect.top() + MARGIN, width, height), document

    def link_at(self, rect: QRect, message: MessageView, point: QPoint) -> str:
        """The link ("undo:<id>", "retry:<id>") drawn at ``point`` of the item in ``rect``."""
        bubble, document = self._bubble(rect, message)
        inside = QPointF(point) - bubble.topLeft() - QPointF(PADDING, PADDING)
        return str(document.documentLayout().anchorAt(inside) or "")

    def link_point(self, rect: QRect, message: MessageView, href: str) -> QPoint | None:
        """Where the link ``href`` is drawn in the item in ``rect`` (None: not shown)."""
        bubble, document = self._bubble(rect, message)
        layout = document.documentLayout()
        size = document.size()
        step = 2.0
        y = step / 2
        while y < size.height():
            hits = []
            x = step / 2
            while x < size.width():
                if layout.anchorAt(QPointF(x, y)) == href:
                    hits.append(x)
                x += step
            if hits:
                middle = QPointF(sum(hits) / len(hits), y + step)
                return (bubble.topLeft() + QPointF(PADDING, PADDING) + middle).toPoint()
            y += step
        return None

    def editorEvent(
        self,
        event: QEvent,
        model: QAbstractItemModel,
        option: QStyleOptionViewItem,
        index: Index,
    ) -> bool:
        message: MessageView | None = index.data(MessageRole)
        if (
            message is not None
            and event.type() == QEvent.Type.MouseButtonRelease
            and isinstance(event, QMouseEvent)
            and event.button() == Qt.MouseButton.LeftButton
        ):
            kind, _, number = self.link_at(
                option.rect, message, event.position().toPoint()
            ).partition(":")
            if number.isdigit() and kind == RETRY_LINK:
                self.retry_requested.emit(int(number))
                return True
            if number.isdigit() and kind == UNDO_LINK:
                self.undo_requested.emit(int(number))
                return True
        return super().editorEvent(event, model, option, index)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        message: MessageView | None = index.data(MessageRole)
        if message is None:
            super().paint(painter, option, index)
            return
        bubble, document = self._bubble(option.rect, message)
        inbound = message.direction is Direction.INBOUND

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
