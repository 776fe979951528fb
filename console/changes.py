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

from dataclasses import dataclass, field, fields

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
    #: Conversations whose viewers or reply writers changed (team mode presence).
    presence: frozenset[int] = field(default_factory=frozenset)
    #: People, their roles, scope or accounts.
    people: bool = False
    #: Queues and routing rules.
    routing: bool = False
    #: The audit log.
    audit: bool = False
    #: Who made the change: this seat, or (team mode) another seat's name.
    origin: str = LOCAL

    def __or__(self, other: Changes) -> Changes:
        """Both changes: sets joined, flags or-ed, and the origin kept only if both share it."""
        joined: dict[str, object] = {}
        for spec in fields(self):
            mine, theirs = getattr(self, spec.name), getattr(other, spec.name)
            if spec.name == "origin":
                joined[spec.name] = mine if mine == theirs else LOCAL
            else:
                joined[spec.name] = mine | theirs
        return Changes(**joined)  # type: ignore[arg-type]

    @property
    def empty(self) -> bool:
        return self == Changes(origin=self.origin)


NOTHING = Changes()
