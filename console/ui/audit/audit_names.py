"""Audit actions, records and the console's own actors as people call them, in the UI
language.

The log stores codes (``reply``, ``customer_erase``, ``conversation``, ``routing``); the
viewer shows these names instead. A code this version does not know (an entry written by
a newer console) is shown as it is stored, and so is a person's name.
``tests/console/ui/audit/test_audit_names.py`` checks that every code the console
records has a name here, worded in every UI language.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

CONTEXT = "AuditNames"

_ACTIONS: dict[str, object] = {
    # People and sign-in
    "sign_in": QT_TRANSLATE_NOOP("AuditNames", "Signed in"),
    "sign_in_refused": QT_TRANSLATE_NOOP("AuditNames", "Sign-in refused"),
    "sign_out": QT_TRANSLATE_NOOP("AuditNames", "Signed out"),
    "person.added": QT_TRANSLATE_NOOP("AuditNames", "Added a person"),
    "person.changed": QT_TRANSLATE_NOOP("AuditNames", "Changed a person"),
    "person.disabled": QT_TRANSLATE_NOOP("AuditNames", "Disabled a person"),
    "person.enabled": QT_TRANSLATE_NOOP("AuditNames", "Enabled a person"),
    "person.expired": QT_TRANSLATE_NOOP("AuditNames", "Account expired"),
    "role_changed": QT_TRANSLATE_NOOP("AuditNames", "Changed a role"),
    "scope_changed": QT_TRANSLATE_NOOP("AuditNames", "Changed what a person sees"),
    # Privacy
    "open_conversation": QT_TRANSLATE_NOOP("AuditNames", "Opened a conversation"),
    "reveal": QT_TRANSLATE_NOOP("AuditNames", "Revealed a masked value"),
    "customer_export": QT_TRANSLATE_NOOP("AuditNames", "Exported a customer's data"),
    "customer_erase": QT_TRANSLATE_NOOP("AuditNames", "Erased a customer's data"),
    "retention_rule_set": QT_TRANSLATE_NOOP("AuditNames", "Set a retention rule"),
    "retention_apply": QT_TRANSLATE_NOOP("AuditNames", "Applied the retention rules"),
    # Conversations
    "ingest": QT_TRANSLATE_NOOP("AuditNames", "Stored incoming messages"),
    "reply": QT_TRANSLATE_NOOP("AuditNames", "Replied"),
    "schedule_reply": QT_TRANSLATE_NOOP("AuditNames", "Scheduled a reply"),
    "undo_reply": QT_TRANSLATE_NOOP("AuditNames", "Took a reply back"),
    "sent": QT_TRANSLATE_NOOP("AuditNames", "Sent a reply"),
    "retry_send": QT_TRANSLATE_NOOP("AuditNames", "Tried sending again"),
    "export_outbox": QT_TRANSLATE_NOOP("AuditNames", "Exported the outbox"),
    "route": QT_TRANSLATE_NOOP("AuditNames", "Routed a conversation"),
    "assign": QT_TRANSLATE_NOOP("AuditNames", "Assigned a conversation"),
    "unassign": QT_TRANSLATE_NOOP("AuditNames", "Unassigned a conversation"),
    "set_status": QT_TRANSLATE_NOOP("AuditNames", "Changed the status"),
    "set_priority": QT_TRANSLATE_NOOP("AuditNames", "Changed the priority"),
    "snooze": QT_TRANSLATE_NOOP("AuditNames", "Snoozed a conversation"),
    "snooze_ended": QT_TRANSLATE_NOOP("AuditNames", "Snooze ended"),
    "set_language": QT_TRANSLATE_NOOP("AuditNames", "Corrected a message's language"),
    # Customers
    "mark_vip": QT_TRANSLATE_NOOP("AuditNames", "Marked a customer as VIP"),
    "unmark_vip": QT_TRANSLATE_NOOP("AuditNames", "Removed a VIP mark"),
    "merge_customers": QT_TRANSLATE_NOOP("AuditNames", "Merged customers"),
    "split_customer": QT_TRANSLATE_NOOP("AuditNames", "Split a customer"),
    "undo_merge": QT_TRANSLATE_NOOP("AuditNames", "Undid a merge"),
    "undo_split": QT_TRANSLATE_NOOP("AuditNames", "Undid a split"),
    "dismiss_merge_suggestion": QT_TRANSLATE_NOOP("AuditNames", "Dismissed a merge suggestion"),
    "correct_time_zone": QT_TRANSLATE_NOOP("AuditNames", "Corrected a time zone"),
    "set_customer_place": QT_TRANSLATE_NOOP("AuditNames", "Set a customer's place"),
    # Coverage
    "set_shifts": QT_TRANSLATE_NOOP("AuditNames", "Set shifts"),
    "add_leave": QT_TRANSLATE_NOOP("AuditNames", "Added leave"),
    "add_extra_shift": QT_TRANSLATE_NOOP("AuditNames", "Added an extra shift"),
    "remove_shift_exception": QT_TRANSLATE_NOOP("AuditNames", "Removed leave or an extra shift"),
    "set_capacity": QT_TRANSLATE_NOOP("AuditNames", "Set a capacity"),
    "assign_market": QT_TRANSLATE_NOOP("AuditNames", "Assigned a market"),
    "unassign_market": QT_TRANSLATE_NOOP("AuditNames", "Unassigned a market"),
    "replace_market_assignments": QT_TRANSLATE_NOOP("AuditNames", "Replaced a market's people"),
    "set_support_hours": QT_TRANSLATE_NOOP("AuditNames", "Set support hours"),
    "set_first_response_target": QT_TRANSLATE_NOOP("AuditNames", "Set a first-response target"),
    "add_peak_event": QT_TRANSLATE_NOOP("AuditNames", "Added a peak event"),
    "change_peak_event": QT_TRANSLATE_NOOP("AuditNames", "Changed a peak event"),
    "remove_peak_event": QT_TRANSLATE_NOOP("AuditNames", "Removed a peak event"),
    # Routing and channels
    "save_routing_rule": QT_TRANSLATE_NOOP("AuditNames", "Saved a routing rule"),
    "set_queue_mode": QT_TRANSLATE_NOOP("AuditNames", "Changed how a queue is routed"),
    "save_channel": QT_TRANSLATE_NOOP("AuditNames", "Saved a channel"),
    "delete_channel": QT_TRANSLATE_NOOP("AuditNames", "Deleted a channel"),
    "resolve_quarantine": QT_TRANSLATE_NOOP("AuditNames", "Resolved a quarantined item"),
    "retry_quarantine": QT_TRANSLATE_NOOP("AuditNames", "Retried a quarantined item"),
    # Rules
    "policy_edit": QT_TRANSLATE_NOOP("AuditNames", "Edited rules"),
    "policy_restore": QT_TRANSLATE_NOOP("AuditNames", "Restored earlier rules"),
    "policy_import": QT_TRANSLATE_NOOP("AuditNames", "Imported rules"),
    "policy_seed": QT_TRANSLATE_NOOP("AuditNames", "Loaded the starting rules"),
    "policy_review_period": QT_TRANSLATE_NOOP("AuditNames", "Set the rules' review period"),
    "policy_store_return_window": QT_TRANSLATE_NOOP("AuditNames", "Set the store's return window"),
    "policy_task_open": QT_TRANSLATE_NOOP("AuditNames", "Opened a rules task"),
    "policy_task_done": QT_TRANSLATE_NOOP("AuditNames", "Finished a rules task"),
    # Quality
    "quality.reviewed": QT_TRANSLATE_NOOP("AuditNames", "Reviewed a conversation"),
    "quality.rubric_saved": QT_TRANSLATE_NOOP("AuditNames", "Saved a rubric"),
    "quality.sampled": QT_TRANSLATE_NOOP("AuditNames", "Sampled conversations for review"),
    "quality.sampling_saved": QT_TRANSLATE_NOOP("AuditNames", "Saved the sampling settings"),
    # The store
    "store_migrated": QT_TRANSLATE_NOOP("AuditNames", "Moved a store into the team store"),
}

_RECORDS: dict[str, object] = {
    "agent": QT_TRANSLATE_NOOP("AuditNames", "Person"),
    "channel_config": QT_TRANSLATE_NOOP("AuditNames", "Channel"),
    "conversation": QT_TRANSLATE_NOOP("AuditNames", "Conversation"),
    "customer": QT_TRANSLATE_NOOP("AuditNames", "Customer"),
    "market": QT_TRANSLATE_NOOP("AuditNames", "Market"),
    "message": QT_TRANSLATE_NOOP("AuditNames", "Message"),
    "peak_event": QT_TRANSLATE_NOOP("AuditNames", "Peak event"),
    "policy_pack": QT_TRANSLATE_NOOP("AuditNames", "Rules"),
    "policy_version": QT_TRANSLATE_NOOP("AuditNames", "Rules version"),
    "quality_review": QT_TRANSLATE_NOOP("AuditNames", "Review"),
    "quality_rubric": QT_TRANSLATE_NOOP("AuditNames", "Rubric"),
    "quality_sampling": QT_TRANSLATE_NOOP("AuditNames", "Sampling settings"),
    "quality_week": QT_TRANSLATE_NOOP("AuditNames", "Review week"),
    "quarantine": QT_TRANSLATE_NOOP("AuditNames", "Quarantined item"),
    "routing_queue": QT_TRANSLATE_NOOP("AuditNames", "Queue"),
    "routing_rule": QT_TRANSLATE_NOOP("AuditNames", "Routing rule"),
    "store": QT_TRANSLATE_NOOP("AuditNames", "Store"),
}
#: Who acts when no person does: the console's own parts, as the log names them.
_ACTORS: dict[str, object] = {
    "routing": QT_TRANSLATE_NOOP("AuditNames", "Routing"),
    "daily retention": QT_TRANSLATE_NOOP("AuditNames", "Daily retention run"),
    "quality sampling": QT_TRANSLATE_NOOP("AuditNames", "Weekly review sampling"),
    "seed pack": QT_TRANSLATE_NOOP("AuditNames", "Starting rules"),
    "system": QT_TRANSLATE_NOOP("AuditNames", "The console"),
    "ingest": QT_TRANSLATE_NOOP("AuditNames", "Incoming messages"),
    "outbox": QT_TRANSLATE_NOOP("AuditNames", "Outbox"),
    "webhook": QT_TRANSLATE_NOOP("AuditNames", "Webhook"),
    "team migrate-from": QT_TRANSLATE_NOOP("AuditNames", "Move into the team store"),
    "demo generator": QT_TRANSLATE_NOOP("AuditNames", "Demo store"),
    "unknown agent": QT_TRANSLATE_NOOP("AuditNames", "Unknown person"),
}
_IMPORT = QT_TRANSLATE_NOOP("AuditNames", "Import from %1")
_COMMAND_LINE = QT_TRANSLATE_NOOP("AuditNames", "%1 (command line)")

#: Each action code and record code with its English name.
ACTIONS: dict[str, str] = {code: str(name) for code, name in _ACTIONS.items()}
RECORDS: dict[str, str] = {code: str(name) for code, name in _RECORDS.items()}
ACTORS: dict[str, str] = {actor: str(name) for actor, name in _ACTORS.items()}


def action_name(code: str) -> str:
    """What the action ``code`` did, in the UI language (an unknown code as it is)."""
    return _name(ACTIONS, code)


def record_name(code: str) -> str:
    """The kind of record ``code`` names, in the UI language (an unknown code as it is)."""
    return _name(RECORDS, code)


def actor_name(actor: str) -> str:
    """Who acted: a person's name as it is, the console's own parts named in the UI language."""
    if actor in ACTORS:
        return _name(ACTORS, actor)
    if actor.startswith("import:"):
        return _translated(_IMPORT).replace("%1", actor.removeprefix("import:"))
    if actor.endswith(" (command line)"):
        return _translated(_COMMAND_LINE).replace("%1", actor.removesuffix(" (command line)"))
    return actor


def _translated(english: object) -> str:
    return QCoreApplication.translate(CONTEXT, str(english))


def _name(names: dict[str, str], code: str) -> str:
    english = names.get(code)
    return code if english is None else _translated(english)
