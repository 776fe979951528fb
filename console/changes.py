"""What a write changed, so that every view refreshes only what it shows (Qt-free).

A write returns a :class:`Changes`; the window puts it on one change bus
(``console/ui/lanes/operations.py``) and each view looks for what it shows: the
inbox for its rows, the open conversation for its id, the outbox for
``outbox``. Team mode puts other seats' changes on the same bus, with their
``origin``.

``listing`` says the set of conversations a filter finds may have changed (a
new conversation, a status, assignee or snooze change): the inbox fetches its id
list again. Without it the inbox refreshes just the changed rows in place, so a
row does not jump away from under the agent's cursor after a reply.
"""

from __future__ import annotations

from dataclasses import dataclass, field

LOCAL = "local"


@dataclass(frozen=True)
class Changes:
    conversations: frozenset[int] = field(default_factory=frozenset)
    messages: frozenset[int] = field(default_factory=frozenset)
    customers: frozenset[int] = field(default_factory=frozenset)
    #: The inbox's id lists may differ now (see the module text).
    listing: bool = False
    rules: bool = False
    outbox: bool = False
    coverage: bool = False
    quarantine: bool = False
    reply_library: bool = False
    quality: bool = False
    #: Who made the change: this seat, or (team mode) another seat's name.
    origin: str = LOCAL

    def __or__(self, other: Changes) -> Changes:
        return Changes(
            conversations=self.conversations | other.conversations,
            messages=self.messages | other.messages,
            customers=self.customers | other.customers,
            listing=self.listing or other.listing,
            rules=self.rules or other.rules,
            outbox=self.outbox or other.outbox,
            coverage=self.coverage or other.coverage,
            quarantine=self.quarantine or other.quarantine,
            reply_library=self.reply_library or other.reply_library,
            quality=self.quality or other.quality,
            origin=self.origin if self.origin == other.origin else LOCAL,
        )

    @property
    def empty(self) -> bool:
        return self == Changes(origin=self.origin)


NOTHING = Changes()
