"""Per-country return and privacy rules (Qt-free).

* :mod:`~console.policies.schema`: the pack's fields and their validation, field by field.
* :mod:`~console.policies.rules`: versions, restore, effective dates, review queue,
  role gate, import/export and the seed pack.
* :mod:`~console.policies.deadlines`: deadline maths in the customer's local calendar.
* :mod:`~console.policies.classifier`: data-subject and withdrawal requests in messages.
* :mod:`~console.policies.defaults`: the store-wide return window (never below the law).
* :mod:`~console.policies.tasks`: tracked tasks with a statutory due date.
* :mod:`~console.policies.view`: the panel's :class:`PolicyView` and reply variables.
"""

from __future__ import annotations

from console.policies.classifier import Classification, RequestKind, classify
from console.policies.customer_rules import market_code_for
from console.policies.deadlines import Deadline, period_end
from console.policies.defaults import (
    set_store_return_window,
    store_return_window,
    store_return_window_conflicts,
)
from console.policies.rules import (
    EditorAccess,
    FieldChange,
    ImportResult,
    MarketRules,
    MarketSummary,
    PolicyError,
    PolicyPermissionError,
    VersionInfo,
    editor_access,
    ensure_seed_pack,
    export_pack,
    import_pack,
    list_markets,
    mark_reviewed,
    market_rules,
    parse_pack,
    read_pack_file,
    require_compliance,
    restore_version,
    review_queue,
    save_market,
    set_review_period,
    version_data,
    version_history,
)
from console.policies.schema import (
    FieldError,
    PolicyValidationError,
    validate_market,
    validate_pack,
)
from console.policies.tasks import (
    TaskError,
    TaskView,
    complete_task,
    conversation_tasks,
    open_task,
    overdue_conversation_ids,
    overdue_task_ids_query,
    overdue_tasks,
)
from console.policies.view import (
    VARIABLES,
    PolicyView,
    TaskOffer,
    TrackedTask,
    policy_view,
    render_reply,
    reply_variables,
)

__all__ = [
    "VARIABLES",
    "Classification",
    "Deadline",
    "EditorAccess",
    "FieldChange",
    "FieldError",
    "ImportResult",
    "MarketRules",
    "MarketSummary",
    "PolicyError",
    "PolicyPermissionError",
    "PolicyValidationError",
    "PolicyView",
    "RequestKind",
    "TaskError",
    "TaskOffer",
    "TaskView",
    "TrackedTask",
    "VersionInfo",
    "classify",
    "complete_task",
    "conversation_tasks",
    "editor_access",
    "ensure_seed_pack",
    "export_pack",
    "import_pack",
    "list_markets",
    "mark_reviewed",
    "market_code_for",
    "market_rules",
    "open_task",
    "overdue_conversation_ids",
    "overdue_task_ids_query",
    "overdue_tasks",
    "parse_pack",
    "period_end",
    "policy_view",
    "read_pack_file",
    "render_reply",
    "reply_variables",
    "require_compliance",
    "restore_version",
    "review_queue",
    "save_market",
    "set_review_period",
    "set_store_return_window",
    "store_return_window",
    "store_return_window_conflicts",
    "validate_market",
    "validate_pack",
    "version_data",
    "version_history",
]
