"""A message as a channel delivers it, before it is stored: the data every layer shares.

Channels (mail, files, IMAP, the webhook) and the demo build these;
:mod:`console.identity.linking` and :mod:`console.customers.country` read them
to find or create the customer; :func:`console.inbox.ingest.ingest` stores
them. They sit below all of those packages, so none of them imports another
for a data type.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from console.store.models import ChannelKind, Direction


@dataclass(frozen=True)
class Attachment:
    filename: str
    content_type: str
    size: int
    sha256: str
    dangerous: bool
    data: bytes | None = field(default=None, repr=False)  # None when over the size cap


@dataclass(frozen=True)
class CustomerInfo:
    """What a channel tells us about who wrote."""

    name: str
    country: str | None = None
    region: str | None = None
    city: str | None = None
    address: str | None = None  # postal address (models.ADDRESS_CHARS at most)
    locale: str | None = None
    preferred_language: str | None = None
    time_zone: str | None = None


@dataclass(frozen=True)
class IncomingMessage:
    channel: ChannelKind
    address: str  # the customer's address on that channel
    customer: CustomerInfo
    sent_at: datetime
    text: str
    direction: Direction = Direction.INBOUND
    external_id: str | None = None
    subject: str | None = None
    html: str | None = None
    language: str | None = None
    language_confidence: float | None = None
    author_agent_id: int | None = None
    # E-mail threading headers (ids without the angle brackets).
    rfc_message_id: str | None = None
    in_reply_to: str | None = None
    references: tuple[str, ...] = ()
    # What else the channel tells about the customer, for linking identities.
    email: str | None = None
    phone: str | None = None
    order_number: str | None = None
    attachments: tuple[Attachment, ...] = ()
    # The e-mail's Date header as written: its UTC offset is evidence of the country.
    date_header: str | None = None
    # "detected" when ingest detected the language (an undetermined one stays None here
    # and is stored as "und"), None when the channel gave it.
    language_source: str | None = None
